/**
 * The per-build figures of a calibration: BuildKit's own vertices (loading
 * the Dockerfile, resolving images, exporting), the rate the context is sent
 * at, and the time around the vertices that only the build's wall-clock time
 * shows. Separate from calibrate.ts because these are fitted to the build as a
 * whole, not to any one step.
 */
import { build } from './build';
import { round1 } from './estimate';
import type { ParsedLog } from './parsed-log';
import type { BuildInput, Builder, CostModel } from './types';

/** Rounds to thousandths: rates in seconds per MB are small. */
export function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/**
 * The per-build figures from BuildKit's own vertices, or the legacy builder's
 * context upload: sets them in `costs`, says what it could not in `notes`.
 */
export function calibrateOverheads(
  log: ParsedLog,
  builder: Builder,
  costs: Partial<CostModel>,
  notes: string[]
): void {
  const i = log.internal;
  if (log.format === 'buildkit-plain' || log.format === 'buildkit-tty') {
    if (i.definition !== null || i.dockerignore !== null)
      costs.buildOverhead = round1((i.definition ?? 0) + (i.dockerignore ?? 0));
    const resolved = i.metadata.map((m) => m.seconds).filter((s): s is number => s !== null);
    if (resolved.length) costs.resolveImage = round1(resolved.reduce((a, b) => a + b, 0) / resolved.length);
    if (i.export !== null) costs.export = i.export;
  }
  const ctx = i.context;
  if (ctx && ctx.bytes !== null && ctx.seconds !== null) {
    if (ctx.bytes >= 1e6 && ctx.seconds >= 0.1) costs.contextPerMB = round3(ctx.seconds / (ctx.bytes / 1e6));
    else
      notes.push(
        `The build context was too small (${ctx.bytes} bytes) to measure how fast it is sent; the default stays.`
      );
  }
  if (builder === 'legacy' && log.format !== 'legacy')
    notes.push(
      'Durations measured by BuildKit include its own step overhead; the legacy builder adds a commit per step on top.'
    );
}

/**
 * What the log does not show: the client, the session and everything around
 * the vertices. With the build's wall-clock time, the difference between it
 * and the calibrated model of that same build becomes part of the per-build overhead.
 * `logged`: the build the log is of; `wall`: its wall-clock time, seconds.
 */
export function calibrateSession(
  logged: BuildInput,
  wall: number,
  log: ParsedLog,
  costs: Partial<CostModel>,
  notes: string[]
): void {
  if (log.steps.some((s) => s.status !== 'done')) {
    notes.push(
      'The build in the log took steps from cache or failed, so its total time cannot calibrate the per-build overhead.'
    );
    return;
  }
  // Model the logged build itself: every step ran, with the seconds the log measured.
  const modelled = build({
    ...logged,
    costs: { ...costs, pullPerMB: costs.pullPerMB ?? 0 }
  });
  if (modelled.error) {
    notes.push(
      'Layer Lab could not model the logged build (give it the build context), so its total time was not used.'
    );
    return;
  }
  const extra = round1(wall - modelled.totals.estimatedSeconds);
  costs.buildOverhead = round1((costs.buildOverhead ?? 0) + Math.max(0, extra));
  notes.push(
    `The whole build took ${wall} s, ${extra >= 0 ? `${extra} s more than its steps and BuildKit's own vertices: that time is counted in every build` : 'less than the model of its steps'}.`
  );
}
