/**
 * Committed builds, kept small enough to autosave, and the comparison of two of
 * them: which steps' keys differ, and why, from the facts each key was made of.
 */
import type {
  BuildResult,
  BuildTotals,
  Builder,
  Digest,
  StepFacts,
  StepResult,
  StepStatus
} from '../engine/types';

export interface HistoryStep {
  id: string;
  stage: number;
  stageName: string | null;
  line: number;
  keyword: string;
  instruction: string;
  cacheKey: Digest | null;
  status: StepStatus;
  facts: StepFacts | null;
}

export interface HistoryEntry {
  /** The daemon's build serial (1 = first build into this cache). */
  serial: number;
  /** When it was committed, ms since the epoch. */
  at: number;
  builder: Builder;
  target: string | null;
  totals: BuildTotals;
  steps: HistoryStep[];
  /** Digest of every context file, by path (omitted for very large contexts). */
  files: Record<string, Digest> | null;
  args: Record<string, string>;
  /** What else the build was given, so the builds can be exported as an oracle scenario. */
  input?: HistoryInput;
}

/** The rest of a build's input, beside file digests and args. */
export interface HistoryInput {
  /** A name for the build (from an imported scenario). */
  label?: string;
  /** Digest of the Dockerfile's text (the text is kept in the session's contents). */
  dockerfile: Digest;
  /** Modes that are not 644, and every file's modification time (omitted for very large contexts). */
  modes: Record<string, number>;
  mtimes: Record<string, number> | null;
  noCache: boolean;
  /** `--target` as given; empty for the last stage. */
  target: string;
  upstream: Record<string, number>;
}

const MAX_FILES_IN_HISTORY = 5000;

/** The explainable ingredients of a step's key, from the cache it left. */
export function factsOf(result: BuildResult, step: StepResult): StepFacts | null {
  if (!step.cacheKey) return null;
  if (result.builder === 'buildkit') return result.cache.buildkit.records[step.cacheKey]?.facts ?? null;
  const img = result.cache.legacy.images.findLast(
    (i) => i.probe === step.cacheKey && i.line === step.range.line
  );
  return img?.facts ?? null;
}

export function historyEntry(
  result: BuildResult,
  at: number,
  digests: Record<string, Digest>,
  args: Record<string, string>,
  input?: HistoryInput
): HistoryEntry {
  // Only a multi-stage file has a target worth naming.
  const target =
    result.target === null || result.stages.length < 2
      ? null
      : (result.stages[result.target]?.name ?? `stage ${result.target}`);
  return {
    serial: result.cache.builds,
    at,
    builder: result.builder,
    target,
    totals: result.totals,
    steps: result.steps.map((s) => ({
      id: s.id,
      stage: s.stage,
      stageName: s.stageName,
      line: s.range.line,
      keyword: s.keyword,
      instruction: s.instruction,
      cacheKey: s.cacheKey,
      status: s.status,
      facts: factsOf(result, s)
    })),
    files: Object.keys(digests).length <= MAX_FILES_IN_HISTORY ? digests : null,
    args,
    ...(input ? { input } : {})
  };
}

export interface StepDifference {
  /** The step in the later build (or the earlier one when it no longer exists). */
  step: HistoryStep;
  kind: 'changed' | 'added' | 'removed';
  /** Plain-words reasons; empty for a step that only inherits a changed parent. */
  why: string[];
  /** True when only an earlier step's change made this key differ. */
  inherited: boolean;
}

/** Says how a file changed between two digests ("app.py changed: 1 line added"); the default names it only. */
export type DescribeFile = (path: string, before: Digest, after: Digest) => string;

/** Steps of `b` whose keys differ from the matching steps of `a`, with why. */
export function compareBuilds(a: HistoryEntry, b: HistoryEntry, describe?: DescribeFile): StepDifference[] {
  const out: StepDifference[] = [];
  const byId = new Map(a.steps.map((s) => [s.id, s]));
  const seen = new Set<string>();
  const changedFiles = fileChanges(a.files, b.files, describe);
  // The line of the last step whose key changed, per stage: later keys inherit it.
  const changedAt = new Map<number, number>();
  for (const s of b.steps) {
    const old = byId.get(s.id);
    seen.add(s.id);
    if (!old) {
      out.push({ step: s, kind: 'added', why: ['new step'], inherited: false });
      changedAt.set(s.stage, s.line);
      continue;
    }
    if (old.cacheKey === s.cacheKey) continue;
    const why = factDifferences(old, s, changedFiles);
    if (a.builder !== b.builder) why.unshift(`builder ${a.builder} → ${b.builder} (separate caches)`);
    const parentLine = changedAt.get(s.stage);
    const inherited = why.length === 0 && parentLine !== undefined;
    if (inherited) why.push(`follows a changed step (line ${parentLine})`);
    else if (!why.length) why.push('its base or an earlier stage differs');
    out.push({ step: s, kind: 'changed', why, inherited });
    changedAt.set(s.stage, s.line);
  }
  for (const s of a.steps)
    if (!seen.has(s.id))
      out.push({ step: s, kind: 'removed', why: ['no longer in the file'], inherited: false });
  return out;
}

/** Changed context files by path, each with its sentence. */
function fileChanges(
  a: Record<string, Digest> | null,
  b: Record<string, Digest> | null,
  describe?: DescribeFile
): Map<string, string> {
  const out = new Map<string, string>();
  if (!a || !b) return out;
  for (const [p, d] of Object.entries(b))
    if (a[p] === undefined) out.set(p, `${p} added`);
    else if (a[p] !== d) out.set(p, describe ? describe(p, a[p], d) : `${p} changed`);
  for (const p of Object.keys(a)) if (b[p] === undefined) out.set(p, `${p} removed`);
  return out;
}

function factDifferences(a: HistoryStep, b: HistoryStep, files: Map<string, string>): string[] {
  const why: string[] = [];
  if (a.instruction !== b.instruction) why.push(`instruction: ${a.instruction} → ${b.instruction}`);
  const fa = a.facts;
  const fb = b.facts;
  if (!fa || !fb) return why;
  if (fa.image && fb.image && fa.image.digest !== fb.image.digest)
    why.push(`base image ${fb.image.ref} has a new digest`);
  const envA = new Map((fa.env ?? []).map(([n, v]) => [n, v]));
  for (const [name, value, origin] of fb.env ?? []) {
    const before = envA.get(name);
    if (before !== value)
      why.push(`${origin === 'arg' ? 'ARG' : 'ENV'} ${name}: ${before ?? '(unset)'} → ${value}`);
  }
  if ((fa.cwd ?? '/') !== (fb.cwd ?? '/')) why.push(`WORKDIR ${fa.cwd ?? '/'} → ${fb.cwd ?? '/'}`);
  if ((fa.user ?? '') !== (fb.user ?? '')) why.push(`USER ${fa.user || 'root'} → ${fb.user || 'root'}`);
  const sa = fa.sources ?? [];
  const sb = fb.sources ?? [];
  for (let i = 0; i < sb.length; i++) {
    const x = sa[i];
    const y = sb[i];
    if (!x || x.root === y.root) continue;
    if (y.from) {
      why.push(`what it copies from stage ${y.from} (${y.label}) differs`);
      continue;
    }
    if (x.file && y.file && x.file.digest === y.file.digest && x.file.mode !== y.file.mode) {
      why.push(`${y.label}: mode ${x.file.mode.toString(8)} → ${y.file.mode.toString(8)}`);
      continue;
    }
    const prefix = y.label.replace(/^\.?\/*/, '').replace(/\/+$/, '');
    const hits = [...files].filter(([p]) => !prefix || p === prefix || p.startsWith(prefix + '/'));
    if (hits.length)
      why.push(
        ...hits.slice(0, 5).map(([, sentence]) => sentence),
        ...(hits.length > 5 ? [`and ${hits.length - 5} more files`] : [])
      );
    else why.push(`the files under ${y.label} differ (content or mode)`);
  }
  return why;
}
