/**
 * System packages before the source: a RUN that reads nothing from the build
 * context (apt-get, apk, dnf installs, named pip or npm -g packages, creating
 * users) but sits after a COPY reruns whenever the copied files change. It
 * moves up past COPY, ADD and config-only instructions, to just after the
 * instruction before them that changes what a RUN sees (RUN, ENV, ARG, USER,
 * WORKDIR, SHELL, VOLUME, FROM). The COPYs it passes must write only under a
 * working directory of the application, never into system directories the
 * install may read or write.
 */
import { absPath } from '../fs';
import { blockOf, linesOf, moveBlock } from './edit';
import { analyseRun } from './installers';
import { CONFIG_ONLY } from './model';
import { STOPS_A_MOVE, type Candidate, type RuleContext, type RuleResult, type Skipped } from './rule-types';

const SYSTEM = /^\/(etc|usr|var|lib|lib64|bin|sbin|root|opt|tmp|run|proc|sys|dev|boot)?(\/|$)/;

export function installEarly(rc: RuleContext): RuleResult {
  const candidates: Candidate[] = [];
  const skipped: Skipped[] = [];
  for (const stage of rc.view.stages) {
    stage.body.forEach((run, r) => {
      if (run.ins.keyword !== 'RUN' || run.ins.json || run.cwd === null || run.ins.flags.length) return;
      const a = analyseRun(run.ins.args, () => null);
      if (!a.understood || !a.contextFree) return;
      let to = r;
      let passesCopy = false;
      let blocked: string | null = null;
      for (let j = r - 1; j >= 0; j--) {
        const p = stage.body[j];
        if (STOPS_A_MOVE.has(p.ins.keyword)) break;
        if (CONFIG_ONLY.has(p.ins.keyword)) {
          to = j;
          continue;
        }
        // COPY or ADD: it must write inside an application directory the install cannot touch.
        const words = p.ins.json ?? p.ins.args.split(/\s+/);
        const dest = words[words.length - 1] ?? '';
        const abs =
          p.cwd === null || dest.includes('$')
            ? null
            : dest.startsWith('/')
              ? absPath(dest)
              : absPath(p.cwd, dest);
        if (abs === null || SYSTEM.test(abs) || p.ins.flags.some((f) => f.name === 'from')) {
          blocked = `${p.ins.original} writes to ${abs ?? 'a path Layer Lab cannot resolve'}, where the install might look`;
          break;
        }
        if (run.ins.original.includes(abs)) {
          blocked = `\`${run.ins.args}\` names ${abs}, which ${p.ins.original} writes`;
          break;
        }
        to = j;
        passesCopy = true;
      }
      if (!passesCopy) {
        if (blocked) skipped.push({ kind: 'install-early', lines: [run.ins.range.line], why: blocked });
        return;
      }
      const lines = linesOf(rc.view.text);
      const target = stage.body[to].ins;
      const out = moveBlock(lines, blockOf(lines, run.ins), blockOf(lines, target).start);
      candidates.push({
        kind: 'install-early',
        title: 'Install system packages before copying files',
        detail: `\`${run.ins.args}\` reads nothing from the build context, but it runs after \`${target.original}\`, so every change to the copied files reruns it. Moved above, it stays cached; the files it installs and the files copied are the same.`,
        lines: [run.ins.range.line],
        dockerfile: out.join('\n'),
        ignore: []
      });
    });
  }
  return { candidates, skipped };
}
