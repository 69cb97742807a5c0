/**
 * Applies the cost model to a solved build: each step's seconds and basis,
 * and the whole build's time.
 *
 * BuildKit solves the graph of vertices, so independent stages run at the
 * same time: a build takes as long as its longest chain of dependent steps
 * (a step waits for its parent and for the stages it copies or mounts from).
 * The legacy builder runs one step at a time, every stage up to the target.
 */
import {
  estimateCopy,
  estimatePull,
  estimateRun,
  cacheMountTargets,
  formatSeconds,
  instructionKey,
  round1
} from './estimate';
import type { WorkStep } from './solve';
import type { Builder, BuildTotals, CostModel, TimeBreakdown } from './types';

export interface TimingContext {
  builder: Builder;
  costs: CostModel;
  /** An earlier build filled the daemon's cache mounts. */
  warmCache: boolean;
}

/** Sets `fullSeconds`, `estimatedSeconds` and `estimateBasis` on every step. */
export function estimateSteps(work: WorkStep[], t: TimingContext): void {
  const { costs, builder } = t;
  for (const w of work) {
    const r = w.result;
    let full = 0;
    let basis = '';
    if (w.kind === 'from') {
      if (w.imageRef) {
        const e = estimatePull(w.imageRef, costs);
        full = e.seconds;
        basis =
          r.status === 'cached'
            ? `${w.imageRef} is present: no pull (a pull would take ${formatSeconds(full)})`
            : e.basis;
      } else basis = 'no work';
    } else if (w.kind === 'meta-arg') {
      basis = 'no work';
    } else if (r.keyword === 'RUN') {
      const e = estimateRun(w.facts.text ?? '', cacheMountTargets(r.source), costs, t.warmCache, builder);
      full = e.seconds;
      basis = e.basis;
    } else if (r.keyword === 'COPY' || r.keyword === 'ADD') {
      const e = estimateCopy(w.bytes, costs, builder);
      full = e.seconds;
      basis = e.basis;
    } else if (r.keyword === 'WORKDIR') {
      full = builder === 'legacy' ? costs.legacyStepOverhead : 0.1;
      basis = 'mkdir';
    } else {
      full = costs.legacyStepOverhead;
      basis = 'config only: the legacy builder commits an image for it';
    }
    if (w.kind !== 'meta-arg') {
      const byLine = costs.lines[r.range.line];
      const byText = costs.instructions[instructionKey(r.source)];
      if (byLine !== undefined) {
        full = byLine;
        basis = `${formatSeconds(byLine)} ${costs.lineNotes[r.range.line] ?? `set for line ${r.range.line}`}`;
      } else if (byText !== undefined) {
        full = byText;
        basis = `${formatSeconds(byText)} set for this instruction`;
      }
    }
    r.fullSeconds = round1(full);
    r.estimatedSeconds = r.status === 'built' && w.kind !== 'meta-arg' && !w.mergedWith ? r.fullSeconds : 0;
    r.estimateBasis = basis;
  }
}

/**
 * When each step would finish if every step costs `seconds(w)`: BuildKit
 * starts a step once its parent and the stages it reads are done; the legacy
 * builder runs them in order. Returns the time the last one finishes.
 */
export function criticalPath(work: WorkStep[], builder: Builder, seconds: (w: WorkStep) => number): number {
  if (builder === 'legacy') return work.reduce((n, w) => n + seconds(w), 0);
  const finish = new Map<string, number>();
  const stageEnd = new Map<number, number>();
  let end = 0;
  for (const w of work) {
    let start = w.parentId ? (finish.get(w.parentId) ?? 0) : 0;
    for (const s of w.contentFrom) start = Math.max(start, stageEnd.get(s) ?? 0);
    // A merged step is the vertex it merged with: it is done when that one is.
    const f = w.mergedWith ? Math.max(start, finish.get(w.mergedWith) ?? 0) : start + seconds(w);
    finish.set(w.result.id, f);
    stageEnd.set(w.result.stage, f);
    end = Math.max(end, f);
  }
  return end;
}

export interface TimeInput {
  builder: Builder;
  costs: CostModel;
  /** Bytes of the build context after .dockerignore. */
  contextBytes: number;
  /** The daemon has run no build before (BuildKit then sends the whole context). */
  firstBuild: boolean;
  /** Base images BuildKit resolves in the registry. */
  images: number;
}

/** This build's time, and a build of the same steps from an empty cache. */
export function buildTime(work: WorkStep[], t: TimeInput): { now: TimeBreakdown; full: TimeBreakdown } {
  const { costs, builder } = t;
  const overhead = costs.buildOverhead + (builder === 'buildkit' ? t.images * costs.resolveImage : 0);
  const allContext = (t.contextBytes / 1e6) * costs.contextPerMB;
  // BuildKit sends only changed files after the first build; small edits cost next to nothing.
  const context = builder === 'legacy' || t.firstBuild ? allContext : 0;
  const live = work.filter((w) => w.result.status !== 'skipped');
  // The legacy builder commits every step as it goes (counted in its step overhead): no export at the end.
  const exportCost = builder === 'buildkit' ? costs.export : 0;
  const now: TimeBreakdown = {
    overhead: round1(overhead),
    context: round1(context),
    steps: round1(criticalPath(live, builder, (w) => w.result.estimatedSeconds)),
    stepsSum: round1(live.reduce((n, w) => n + w.result.estimatedSeconds, 0)),
    export: live.some((w) => w.result.status === 'built' && w.kind === 'step') ? exportCost : 0
  };
  const runs = (w: WorkStep) => (w.kind === 'meta-arg' || w.mergedWith ? 0 : w.result.fullSeconds);
  const full: TimeBreakdown = {
    overhead: round1(overhead),
    context: round1(allContext),
    steps: round1(criticalPath(live, builder, runs)),
    stepsSum: round1(live.reduce((n, w) => n + runs(w), 0)),
    export: exportCost
  };
  return { now, full };
}

/** Adds up a breakdown. */
export function totalOf(b: TimeBreakdown): number {
  return round1(b.overhead + b.context + b.steps + b.export);
}

/** Counts, first miss and time of a build. */
export function totalsOf(work: WorkStep[], t: TimeInput): BuildTotals {
  const steps = work.map((w) => w.result);
  const c = { steps: steps.length, built: 0, cached: 0, skipped: 0, failed: 0 };
  for (const s of steps) c[s.status]++;
  const misses = steps
    .filter((s) => s.status === 'built' && s.reason.kind !== 'merged')
    .sort((a, b) => a.range.from - b.range.from);
  const { now, full } = buildTime(work, t);
  return {
    ...c,
    estimatedSeconds: totalOf(now),
    fullSeconds: totalOf(full),
    firstMiss: misses[0]?.id ?? null,
    time: now
  };
}
