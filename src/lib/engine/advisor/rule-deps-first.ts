/**
 * Dependencies before source: a dependency install that runs after a COPY
 * which brings in the whole source reruns on every source edit. Copy just the
 * manifests it reads first, install, then copy the rest (deps-first); when the
 * COPY lists the manifests as sources of their own, split it instead of
 * copying them twice (split-copy).
 *
 * The install moves above the COPY only when every file it reads is known
 * (installers.ts) and comes from that COPY, when nothing between them changes
 * what it sees (no RUN, ENV, ARG, USER, WORKDIR, SHELL or VOLUME; other COPYs
 * only outside its working directory), and when the COPY, now after it,
 * writes nothing the install writes (node_modules, a lock file it may update).
 */
import { absPath } from '../fs';
import type { ParsedInstruction } from '../parse';
import { mapCopy, type CopyMap } from './copy-map';
import { blockOf, copyLine, indentOf, linesOf } from './edit';
import { analyseRun, type RunAnalysis } from './installers';
import { CONFIG_ONLY, type Placed, type StageView } from './model';
import { STOPS_A_MOVE, type Candidate, type RuleContext, type RuleResult, type Skipped } from './rule-types';

const under = (p: string, dir: string) => p === dir || p.startsWith(dir === '/' ? '/' : dir + '/');

function lookupVia(map: CopyMap, cwd: string, ctx: RuleContext['context']) {
  return (rel: string): string | null => {
    const src = map.sourceOf(absPath(cwd, rel));
    return src === null ? null : (ctx.text(src) ?? (ctx.has(src) ? '' : null));
  };
}

const ECOSYSTEM_WORDS: Record<string, string> = {
  python: 'Python',
  node: 'Node.js',
  go: 'Go',
  rust: 'Rust',
  java: 'Maven',
  ruby: 'Ruby',
  php: 'PHP',
  dotnet: '.NET'
};

export function depsFirst(rc: RuleContext): RuleResult {
  const candidates: Candidate[] = [];
  const skipped: Skipped[] = [];
  for (const stage of rc.view.stages) {
    stage.body.forEach((placed, r) => {
      if (placed.ins.keyword !== 'RUN' || placed.ins.json || placed.cwd === null) return;
      if (
        placed.ins.flags.some(
          (f) => f.name === 'mount' && !/type=(cache|secret|ssh|tmpfs)/.test(f.value ?? '')
        )
      )
        return;
      const found = findCopy(rc, stage, r);
      if (!found) return;
      const { copy, map, analysis } = found;
      const lines = [copy.ins.range.line, placed.ins.range.line];
      if (!analysis.understood) {
        if (analysis.reads.length)
          skipped.push({ kind: 'deps-first', lines, why: analysis.why ?? 'not understood' });
        return;
      }
      const cwd = placed.cwd as string;
      // The COPY will run after the install: it must not overwrite what the install wrote.
      const clash = map.writes().find(([t]) => analysis.writes.some((w) => under(t, absPath(cwd, w))));
      if (clash) {
        skipped.push({
          kind: 'deps-first',
          lines,
          why: `${copy.ins.original} copies ${clash[1]}, which would overwrite what \`${placed.ins.args}\` writes there`
        });
        return;
      }
      const c = rewrite(rc, placed, copy, map, analysis);
      if (c) candidates.push(c);
    });
  }
  return { candidates, skipped };
}

/** The COPY a RUN's manifests come from, looking back past instructions that do not change what the RUN sees. */
function findCopy(
  rc: RuleContext,
  stage: StageView,
  r: number
): { copy: Placed; map: CopyMap; analysis: RunAnalysis } | null {
  const run = stage.body[r];
  const cwd = run.cwd as string;
  for (let j = r - 1; j >= 0; j--) {
    const p = stage.body[j];
    if (STOPS_A_MOVE.has(p.ins.keyword)) return null;
    if (CONFIG_ONLY.has(p.ins.keyword)) continue;
    const map = mapCopy(p.ins, p.cwd, rc.context, rc.view.parsed.escape);
    if (map) {
      const analysis = analyseRun(run.ins.args, lookupVia(map, cwd, rc.context));
      if (analysis.reads.length || (analysis.understood && !analysis.contextFree)) {
        return checkBetween(rc, stage, j, r) ? { copy: p, map, analysis } : null;
      }
    }
    // Any other COPY or ADD may stay between only if it writes outside the RUN's working directory.
    const dest = destOf(p.ins, p.cwd);
    if (dest === null || under(dest, cwd) || under(cwd, dest)) return null;
  }
  return null;
}

function checkBetween(rc: RuleContext, stage: StageView, from: number, to: number): boolean {
  const cwd = stage.body[to].cwd as string;
  for (let k = from + 1; k < to; k++) {
    const p = stage.body[k];
    if (CONFIG_ONLY.has(p.ins.keyword)) continue;
    const dest = destOf(p.ins, p.cwd);
    if (dest === null || under(dest, cwd) || under(cwd, dest)) return false;
  }
  return true;
}

function destOf(ins: ParsedInstruction, cwd: string | null): string | null {
  if ((ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || cwd === null) return null;
  const words = ins.json ?? ins.args.split(/\s+/);
  const dest = words[words.length - 1];
  if (!dest || dest.includes('$')) return null;
  return dest.startsWith('/') ? absPath(dest) : absPath(cwd, dest);
}

function rewrite(rc: RuleContext, run: Placed, copy: Placed, map: CopyMap, a: RunAnalysis): Candidate | null {
  const cwd = run.cwd as string;
  const lines = linesOf(rc.view.text);
  const indent = indentOf(lines, copy.ins);
  const targets = a.reads.map((rel) => absPath(cwd, rel));
  const sourceOf = new Map(targets.map((t) => [t, map.sourceOf(t) as string]));
  // Split when the manifests are sources of the COPY by themselves; a COPY of nothing but them is already right.
  const manifestSources = map.sources.filter(
    (s) => !map.isDir(s) && targets.some((t) => sourceOf.get(t) === absPath(s).slice(1))
  );
  const split = targets.every((t) => manifestSources.some((s) => absPath(s).slice(1) === sourceOf.get(t)));
  if (split && manifestSources.length === map.sources.length) return null;
  const destDir = (d: string) =>
    d === cwd ? './' : d.startsWith(cwd + '/') ? `${d.slice(cwd.length + 1)}/` : `${d}/`;
  const newCopies: string[] = [];
  let restCopy: string | null = null;
  if (split) {
    const rest = map.sources.filter((s) => !manifestSources.includes(s));
    const dest = map.dest.endsWith('/') || map.dest === '.' ? map.dest : `${map.dest}/`;
    newCopies.push(indent + copyLine(map.flags, manifestSources, dest));
    restCopy = rest.length ? indent + copyLine(map.flags, rest, dest) : null;
  } else {
    const byDir = new Map<string, string[]>();
    for (const t of targets) {
      const d = t.slice(0, t.lastIndexOf('/')) || '/';
      byDir.set(d, [...(byDir.get(d) ?? []), sourceOf.get(t) as string]);
    }
    for (const [d, srcs] of byDir) newCopies.push(indent + copyLine(map.flags, srcs, destDir(d)));
  }
  const rb = blockOf(lines, run.ins);
  const cb = blockOf(lines, copy.ins);
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (i === cb.start) out.push(...newCopies, ...lines.slice(rb.start, rb.end + 1));
    if (i >= rb.start && i <= rb.end) continue;
    if (split && i >= copy.ins.range.line - 1 && i <= copy.ins.range.endLine - 1) {
      if (i === copy.ins.range.line - 1 && restCopy) out.push(restCopy);
      continue;
    }
    out.push(lines[i]);
  }
  const eco = a.ecosystems.map((e) => ECOSYSTEM_WORDS[e] ?? e).join(' and ');
  const files = a.reads.join(', ');
  return {
    kind: split ? 'split-copy' : 'deps-first',
    title: split
      ? `Split \`${copy.ins.original}\` so the ${eco} install comes before the rest`
      : `Install ${eco} dependencies before copying the source`,
    detail: split
      ? `Copy ${files} first, run \`${run.ins.args}\`, then copy the other sources: an edit to them no longer reruns the install. Every file lands where it did.`
      : `Copy ${files} on ${a.reads.length > 1 ? 'their' : 'its'} own and run \`${run.ins.args}\` before \`${copy.ins.original}\`: a source edit then keeps the install cached. The install reads only ${files}, and \`${copy.ins.original}\` later copies the same bytes again, so the image holds the same files.`,
    lines: [copy.ins.range.line, run.ins.range.line],
    dockerfile: out.join('\n'),
    ignore: []
  };
}
