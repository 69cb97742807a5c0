/**
 * Volatile metadata last: the legacy builder commits an image for every
 * instruction, LABEL and CMD included, and a change to one misses every step
 * after it. A config-only instruction whose value comes from a variable
 * (`LABEL revision=$GIT_SHA`) changes whenever that variable does, so it moves
 * to the end of its stage, with the ARGs that only it uses. Config keeps its
 * meaning: nothing later in the stage sets the same key, and the variables it
 * reads are not redefined after it. BuildKit makes no step for these
 * instructions; there the move pays off only through the ARGs it takes along
 * (which no longer reach the RUNs), and the day's simulation decides.
 */
import { afterStage, blockOf, linesOf, moveBlocks } from './edit';
import { argNames, envNames, mentions, type Placed } from './model';
import { isImplicitEnv } from './rule-arg-down';
import type { Candidate, RuleContext, RuleResult, Skipped } from './rule-types';

const MOVABLE = new Set(['LABEL', 'EXPOSE', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK', 'STOPSIGNAL', 'MAINTAINER']);
const STEP = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR']);

function labelKeys(p: Placed): string[] {
  return p.ins.args.split(/\s+/).map((w) => w.split('=')[0].replace(/^"|"$/g, ''));
}

function variables(p: Placed): string[] {
  return [...p.ins.original.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]);
}

export function metadataLate(rc: RuleContext): RuleResult {
  const candidates: Candidate[] = [];
  const skipped: Skipped[] = [];
  const escape = rc.view.parsed.escape;
  for (const stage of rc.view.stages) {
    const body = stage.body;
    const lastStep = body.map((p) => STEP.has(p.ins.keyword)).lastIndexOf(true);
    const moving: Placed[] = [];
    body.forEach((p, i) => {
      if (i > lastStep || !MOVABLE.has(p.ins.keyword) || !variables(p).length) return;
      const after = body.slice(i + 1);
      const overridden =
        p.ins.keyword === 'LABEL'
          ? after.some((q) => q.ins.keyword === 'LABEL' && labelKeys(q).some((k) => labelKeys(p).includes(k)))
          : p.ins.keyword !== 'EXPOSE' && after.some((q) => q.ins.keyword === p.ins.keyword);
      if (overridden)
        return void skipped.push({
          kind: 'metadata-late',
          lines: [p.ins.range.line],
          why: `a later ${p.ins.keyword} in the stage would then be overridden by it`
        });
      const redefined = after.find(
        (q) =>
          (q.ins.keyword === 'ENV' || q.ins.keyword === 'ARG') &&
          (q.ins.keyword === 'ENV' ? envNames(q.ins, escape) : argNames(q.ins, escape)).some((n) =>
            variables(p).includes(n)
          )
      );
      if (redefined)
        return void skipped.push({
          kind: 'metadata-late',
          lines: [p.ins.range.line],
          why: `${redefined.ins.original} changes a variable it reads`
        });
      moving.push(p);
    });
    if (!moving.length) continue;
    // ARGs that nothing but the moved instructions use go along, still above them.
    const args = body.filter((p, i) => {
      if (p.ins.keyword !== 'ARG' || i > lastStep) return false;
      const names = argNames(p.ins, escape);
      if (names.some(isImplicitEnv)) return false;
      const users = body.filter((q) => q !== p && names.some((n) => mentions(q.ins, n)));
      return users.length > 0 && users.every((q) => moving.includes(q));
    });
    const lines = linesOf(rc.view.text);
    const moved = [...args, ...moving].sort((a, b) => a.ins.range.line - b.ins.range.line);
    const out = moveBlocks(
      lines,
      moved.map((p) => blockOf(lines, p.ins)),
      afterStage(body[body.length - 1].ins)
    );
    candidates.push({
      kind: 'metadata-late',
      title: `Move ${moving.map((p) => p.ins.keyword).join(', ')} that change${moving.length > 1 ? '' : 's'} with a build argument to the end of the stage`,
      detail:
        rc.builder === 'legacy'
          ? `The legacy builder commits a layer for each instruction, so a new value in ${moving.map((p) => `\`${p.ins.original}\``).join(', ')} misses every step after it. At the end of the stage only these cheap steps rerun; the image config ends up the same.`
          : `The ARGs ${moving.map((p) => `\`${p.ins.original}\``).join(', ')} ${moving.length > 1 ? 'read' : 'reads'} reach every RUN after them, so a new value reruns those RUNs. At the end of the stage, with those ARGs, they reach none; the image config ends up the same.`,
      lines: moved.map((p) => p.ins.range.line),
      dockerfile: out.join('\n'),
      ignore: []
    });
  }
  return { candidates, skipped };
}
