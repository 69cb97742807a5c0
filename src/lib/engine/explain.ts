/**
 * Why each step has its status. A miss names one root cause: the first step of
 * its chain that missed is compared with the cache record it would have reused
 * (same parent, nearest line), and the difference is reported with specifics.
 * Steps that missed only because their parent rebuilt point at that root.
 */
import type { Digest } from './digest';
import type { WorkStep } from './solve';
import { walk, type Node } from './tree';
import type { CacheRecord, CacheSnapshot, FileChange, LegacyImage, StepFacts, StepReason, TreeNode, VariableChange } from './types';

const MAX_CHANGES = 50;

interface Candidate {
  keyword: string;
  line: number;
  facts: StepFacts;
  instruction: string;
  order: number;
}

export function explainAll(work: WorkStep[], before: CacheSnapshot, builder: 'buildkit' | 'legacy', noCache: boolean, trees: Record<Digest, TreeNode>): void {
  const byId = new Map(work.map((w) => [w.result.id, w]));
  const builtStages = new Set(work.filter((w) => w.result.status === 'built' && w.kind === 'step').map((w) => w.result.stage));
  const coldCache = builder === 'buildkit' ? Object.keys(before.buildkit.records).length === 0 : before.legacy.images.length === 0;
  const candidates = indexCandidates(before, builder);

  for (const w of work) {
    const r = w.result;
    if (r.status === 'skipped' || r.status === 'failed' || r.reason.kind === 'printed-cached-before-error') continue;
    if (w.mergedWith) {
      const m = byId.get(w.mergedWith);
      r.reason = { kind: 'merged', stepId: w.mergedWith, line: m?.result.range.line ?? 0 };
      continue;
    }
    if (w.kind === 'meta-arg') {
      r.reason = { kind: 'always-runs', detail: 'The legacy builder prints an ARG before the first FROM as a step but never caches it.' };
      continue;
    }
    if (w.kind === 'from') {
      if (r.status === 'cached') {
        r.reason = { kind: 'cache-hit', detail: w.imageDigest ? 'The image is already on the daemon.' : 'Continues from an earlier stage.' };
      } else {
        const key = w.imageRef ?? '';
        const prev = previousDigest(before, key);
        r.reason = prev && prev !== w.imageDigest ? { kind: 'base-image-changed', ref: key, before: prev, after: w.imageDigest as Digest } : { kind: 'cold' };
      }
      continue;
    }
    if (r.status === 'cached') {
      const rebuilt = w.contentFrom.filter((s) => builtStages.has(s));
      if (rebuilt.length) {
        r.reason = {
          kind: 'cache-hit',
          via: 'identical-output',
          detail: `Stage ${work.find((x) => x.result.stage === rebuilt[0])?.result.stageName ?? rebuilt[0]} rebuilt, but what this step copies came out byte-identical, and the key compares content.`
        };
      } else if (noCache && r.keyword === 'WORKDIR') {
        r.reason = { kind: 'cache-hit', detail: 'BuildKit does not apply --no-cache to WORKDIR: its key only depends on earlier steps, which are all cached.' };
      } else r.reason = { kind: 'cache-hit' };
      continue;
    }
    // built
    if (noCache) {
      r.reason = { kind: 'no-cache' };
      continue;
    }
    const parent = w.parentId ? byId.get(w.parentId) : undefined;
    if (parent && parent.result.status !== 'cached') {
      const pr = parent.result.reason;
      if (pr.kind === 'cold') r.reason = { kind: 'cold' };
      else if (pr.kind === 'parent-built') r.reason = { ...pr, line: parent.result.range.line, stepId: parent.result.id };
      else r.reason = { kind: 'parent-built', line: parent.result.range.line, stepId: parent.result.id, rootStepId: parent.result.id, rootLine: parent.result.range.line };
      continue;
    }
    const list = (w.parentKey && candidates.get(w.parentKey)) || [];
    if (!list.length) {
      r.reason = coldCache ? { kind: 'cold' } : { kind: 'new-step' };
      continue;
    }
    const best = pick(list, r.keyword, r.range.line);
    r.reason = diff(best, w, trees);
  }
}

function previousDigest(before: CacheSnapshot, ref: string): Digest | null {
  for (const [k, d] of Object.entries(before.images)) if (k === ref || k.endsWith('/' + ref) || k.endsWith('/library/' + ref)) return d;
  return before.images[ref] ?? null;
}

function indexCandidates(before: CacheSnapshot, builder: 'buildkit' | 'legacy'): Map<Digest, Candidate[]> {
  const map = new Map<Digest, Candidate[]>();
  const add = (parent: Digest | null, c: Candidate) => {
    if (!parent) return;
    const list = map.get(parent);
    if (list) list.push(c);
    else map.set(parent, [c]);
  };
  if (builder === 'buildkit') {
    for (const rec of Object.values(before.buildkit.records) as CacheRecord[]) {
      add(rec.parent, { keyword: rec.keyword, line: rec.line, facts: rec.facts, instruction: rec.instruction, order: rec.build });
    }
  } else {
    for (const img of before.legacy.images as LegacyImage[]) {
      add(img.parent, { keyword: img.keyword, line: img.line, facts: img.facts, instruction: img.facts.text ?? img.keyword, order: img.created });
    }
  }
  return map;
}

function pick(list: Candidate[], keyword: string, line: number): Candidate {
  let best = list[0];
  let bestScore = -Infinity;
  for (const c of list) {
    const score = (c.keyword === keyword ? 1e9 : 0) - Math.abs(c.line - line) * 1e6 + c.order;
    if (score > bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

function diff(old: Candidate, w: WorkStep, trees: Record<Digest, TreeNode>): StepReason {
  const a = old.facts;
  const b = w.facts;
  const kw = w.result.keyword;
  if (old.keyword !== kw) return { kind: 'instruction-changed', before: old.instruction, after: w.result.instruction };
  if (kw === 'RUN' || kw === 'WORKDIR') {
    if ((a.text ?? '') !== (b.text ?? '')) return { kind: 'instruction-changed', before: old.instruction, after: w.result.instruction };
    if (JSON.stringify(a.shell ?? null) !== JSON.stringify(b.shell ?? null)) return { kind: 'shell-changed', before: a.shell ?? [], after: b.shell ?? [] };
    if ((a.user ?? '') !== (b.user ?? '')) return { kind: 'user-changed', before: a.user ?? '', after: b.user ?? '' };
    if ((a.cwd ?? '/') !== (b.cwd ?? '/')) return { kind: 'workdir-changed', before: a.cwd ?? '/', after: b.cwd ?? '/' };
    const envReason = envDiff(a.env ?? [], b.env ?? []);
    if (envReason) return envReason;
  } else if (kw !== 'COPY' && kw !== 'ADD') {
    // A legacy config step: its text (expanded) is its key.
    if ((a.text ?? '') !== (b.text ?? '')) return { kind: 'legacy-config-changed', keyword: kw, before: a.text ?? '', after: b.text ?? '' };
    const envReason = envDiff(a.env ?? [], b.env ?? []);
    if (envReason) return envReason;
    return { kind: 'legacy-config-changed', keyword: kw, before: old.instruction, after: w.result.instruction };
  }
  const sa = a.sources ?? [];
  const sb = b.sources ?? [];
  if ((kw === 'COPY' || kw === 'ADD') && (a.text ?? '') !== (b.text ?? '') && sa.length !== sb.length) {
    return { kind: 'instruction-changed', before: old.instruction, after: w.result.instruction };
  }
  for (let i = 0; i < Math.max(sa.length, sb.length); i++) {
    const x = sa[i];
    const y = sb[i];
    if (!x || !y || x.root === y.root) continue;
    const changes: FileChange[] = [];
    const total = diffSources(x, y, trees, changes);
    if (w.contentFrom.length) {
      const stage = y.from && !/^\d+$/.test(y.from) ? y.from : (y.from ?? String(w.contentFrom[0]));
      const assumed = assumedRuns(w.dispatched?.content[i]?.node ?? null, changes);
      return { kind: 'source-output-changed', stage, changes, total, ...(assumed.length ? { assumed } : {}) };
    }
    return { kind: 'files-changed', changes, total };
  }
  if ((a.text ?? '') !== (b.text ?? '')) return { kind: 'instruction-changed', before: old.instruction, after: w.result.instruction };
  return { kind: 'new-step' };
}

/** The RUNs whose assumed output (run-output.ts) the changed files are, in line order. */
function assumedRuns(node: Node | null, changes: FileChange[]): Array<{ line: number; command: string; tool: boolean }> {
  if (!node) return [];
  const changed = new Set(changes.map((c) => c.after).filter(Boolean));
  const out = new Map<number, { line: number; command: string; tool: boolean }>();
  const look = (n: Node) => {
    const a = n.entry.assumed;
    if (a?.by === 'run' && (changed.has(n.entry.digest) || !changed.size)) out.set(a.line, { line: a.line, command: a.command, tool: a.tool });
  };
  look(node);
  if (node.children) for (const [, n] of walk(node)) look(n);
  return [...out.values()].sort((a, b) => a.line - b.line);
}

type Src = NonNullable<StepFacts['sources']>[number];

function diffSources(x: Src, y: Src, trees: Record<Digest, TreeNode>, out: FileChange[]): number {
  const label = y.label.replace(/^\.?\/*/, '').replace(/\/+$/, '');
  if (x.file && y.file) {
    if (x.file.digest !== y.file.digest) out.push({ path: label, change: 'modified', before: x.file.digest, after: y.file.digest });
    else if (x.file.mode !== y.file.mode) out.push({ path: label, change: 'mode', beforeMode: x.file.mode, afterMode: y.file.mode });
    return out.length;
  }
  const ta = trees[x.root];
  const tb = trees[y.root];
  if (!ta || !tb) {
    out.push({ path: label || '.', change: 'modified' });
    return 1;
  }
  return diffTree(ta, tb, label, trees, out);
}

function diffTree(a: TreeNode, b: TreeNode, prefix: string, trees: Record<Digest, TreeNode>, out: FileChange[]): number {
  let total = 0;
  const ma = new Map(a.entries.map((e) => [e[0], e]));
  const mb = new Map(b.entries.map((e) => [e[0], e]));
  const push = (c: FileChange) => {
    total++;
    if (out.length < MAX_CHANGES) out.push(c);
  };
  const names = [...new Set([...ma.keys(), ...mb.keys()])].sort();
  for (const name of names) {
    const ea = ma.get(name);
    const eb = mb.get(name);
    const path = prefix ? `${prefix}/${name}` : name;
    if (!ea && eb) {
      if (eb[1] === 'd' && trees[eb[2]]?.entries.length) total += countFiles(trees[eb[2]], path, trees, out, 'added');
      else push({ path: eb[1] === 'd' ? path + '/' : path, change: 'added', after: eb[1] === 'f' ? eb[2] : undefined });
    } else if (ea && !eb) {
      if (ea[1] === 'd' && trees[ea[2]]?.entries.length) total += countFiles(trees[ea[2]], path, trees, out, 'removed');
      else push({ path: ea[1] === 'd' ? path + '/' : path, change: 'removed', before: ea[1] === 'f' ? ea[2] : undefined });
    } else if (ea && eb) {
      if (ea[1] === 'd' && eb[1] === 'd') {
        if (ea[2] !== eb[2]) {
          const na = trees[ea[2]];
          const nb = trees[eb[2]];
          if (na && nb) total += diffTree(na, nb, path, trees, out);
          else push({ path: path + '/', change: 'modified' });
        } else if (ea[3] !== eb[3]) push({ path: path + '/', change: 'mode', beforeMode: ea[3], afterMode: eb[3] });
      } else if (ea[2] !== eb[2] || ea[1] !== eb[1]) push({ path, change: 'modified', before: ea[2], after: eb[2] });
      else if (ea[3] !== eb[3]) push({ path, change: 'mode', beforeMode: ea[3], afterMode: eb[3] });
    }
  }
  return total;
}

function countFiles(t: TreeNode, prefix: string, trees: Record<Digest, TreeNode>, out: FileChange[], change: 'added' | 'removed'): number {
  let n = 0;
  for (const [name, kind, digest] of t.entries) {
    const path = `${prefix}/${name}`;
    if (kind === 'd' && trees[digest]?.entries.length) n += countFiles(trees[digest], path, trees, out, change);
    else {
      n++;
      if (out.length < MAX_CHANGES) out.push(change === 'added' ? { path, change, after: kind === 'f' ? digest : undefined } : { path, change, before: kind === 'f' ? digest : undefined });
    }
  }
  return n;
}

function envDiff(a: Array<[string, string, string]>, b: Array<[string, string, string]>): StepReason | null {
  const ma = new Map(a.map(([n, v, o]) => [n, { v, o }]));
  const mb = new Map(b.map(([n, v, o]) => [n, { v, o }]));
  const args: VariableChange[] = [];
  const envs: VariableChange[] = [];
  for (const name of new Set([...ma.keys(), ...mb.keys()])) {
    const x = ma.get(name);
    const y = mb.get(name);
    if (x?.v === y?.v) continue;
    const change = { name, before: x?.v ?? null, after: y?.v ?? null };
    ((y ?? x)?.o === 'arg' ? args : envs).push(change);
  }
  if (args.length) return { kind: 'arg-changed', changes: args };
  if (envs.length) return { kind: 'env-changed', changes: envs };
  // Same values in another order: BuildKit's environment is a list, and re-declaring a name moves it last.
  const order = (l: Array<[string, string, string]>) => l.map(([n]) => n).join('\u0000');
  if (order(a) !== order(b)) {
    const moved = b.filter(([n], i) => a[i]?.[0] !== n).map(([n, v]) => ({ name: n, before: v, after: v }));
    return { kind: 'env-changed', changes: moved };
  }
  return null;
}
