/**
 * The rebuild-time side of the playground around one Session: the advisor's
 * proposals, the compare view's simulation and calibration from a real log.
 * Each runs in the analysis worker (the advisor takes up to a couple of
 * seconds); results are $state.raw, replaced whole. The tasks are $derived
 * from the Session, so a component asks for a refresh with the current task
 * and an answer for an older one is dropped.
 */
import {
  seedPair,
  type Advice,
  type BuildInput,
  type Comparison,
  type DayInput,
  type Proposal
} from '../engine/index';
import { sessionCompare, type CompareSetup } from '../model/compare-setup';
import type { Session } from '../state/session.svelte';
import type { AnalysisHost, AnalysisTask } from '../worker/analysis-protocol';
import { keepCalibration } from '../model/timing-costs';

type AdviseTask = Extract<AnalysisTask, { kind: 'advise' }>;
type CompareTask = Extract<AnalysisTask, { kind: 'compare' }>;

/** A proposal that was applied, so it can be undone. */
export interface Applied {
  title: string;
  before: string;
  after: string;
  seconds: number;
}

/** Logs beyond this are refused: a real build log is a few MB at most. */
export const MAX_LOG_CHARS = 20_000_000;

/** What the day simulations share with the prediction: the context, builder, args, images and costs. */
function shared(i: BuildInput): Omit<DayInput, 'dockerfile'> {
  return {
    context: i.context,
    dockerfilePath: i.dockerfilePath,
    builder: i.builder,
    target: i.target,
    buildArgs: i.buildArgs,
    images: i.images,
    costs: i.costs
  };
}

export class Analysis {
  private session: Session;
  private host: AnalysisHost;
  private now: () => number;

  advice = $state.raw<Advice | null>(null);
  /** The Dockerfile text the advice was made for. */
  adviceFor = $state<string | null>(null);
  adviceBusy = $state(false);
  adviceError = $state<string | null>(null);
  comparison = $state.raw<Comparison | null>(null);
  compareBusy = $state(false);
  compareError = $state<string | null>(null);
  applied = $state.raw<Applied | null>(null);
  compareOpen = $state(false);

  readonly setup = $derived.by((): CompareSetup => this.session.timing.compare ?? sessionCompare());
  /** The advice matches the Dockerfile as it is now (applying a stale proposal would undo typing). */
  readonly adviceCurrent = $derived.by(
    () => this.advice !== null && this.adviceFor === this.session.workspace.dockerfile
  );
  readonly canUndo = $derived.by(
    () => this.applied !== null && this.applied.after === this.session.workspace.dockerfile
  );

  readonly adviseTask = $derived.by((): AdviseTask => {
    const i = this.session.input();
    return {
      kind: 'advise',
      input: { ...shared(i), dockerfile: i.dockerfile, day: this.session.timing.compare?.day ?? undefined }
    };
  });

  /** A and B as the compare view shows them. B falls back to a copy of A until one is chosen. */
  readonly pair = $derived.by(() => {
    const s = this.setup;
    const a = s.source === 'seed' ? (s.a ?? seedPair().a) : this.session.workspace.dockerfile;
    return { source: s.source, a, b: s.b ?? a };
  });

  readonly compareTask = $derived.by((): CompareTask => {
    const { source, a, b } = this.pair;
    const i = this.session.input();
    const day = this.setup.day ?? undefined;
    // The seed pair brings its own app, and its numbers reproduce with the default costs.
    const input =
      source === 'seed'
        ? { a, b, day, context: seedPair().context, builder: i.builder }
        : { ...shared(i), a, b, day };
    return { kind: 'compare', input };
  });

  private adviceRun: { task: AdviseTask; done: Promise<void> } | null = null;
  private askedCompare: CompareTask | null = null;

  constructor(session: Session, host: AnalysisHost, now: () => number = () => Date.now()) {
    this.session = session;
    this.host = host;
    this.now = now;
  }

  /**
   * Runs the advisor for `task` (the current `adviseTask`) unless it already
   * did; a caller asking for the task in flight waits for that same run.
   */
  refreshAdvice(task: AdviseTask = this.adviseTask): Promise<void> {
    if (this.adviceRun?.task === task) return this.adviceRun.done;
    const done = (async () => {
      this.adviceBusy = true;
      const out = await this.host.run(task);
      if (!out || task !== this.adviceRun?.task) return;
      this.adviceBusy = false;
      if (out.ok) {
        this.advice = out.value;
        this.adviceFor = task.input.dockerfile;
        this.adviceError = null;
      } else this.adviceError = out.message;
    })();
    this.adviceRun = { task, done };
    return done;
  }

  async refreshComparison(task: CompareTask = this.compareTask): Promise<void> {
    if (task === this.askedCompare) return;
    this.askedCompare = task;
    this.compareBusy = true;
    const out = await this.host.run(task);
    if (!out || task !== this.askedCompare) return;
    this.compareBusy = false;
    if (out.ok) {
      this.comparison = out.value;
      this.compareError = null;
    } else this.compareError = out.message;
  }

  /** Replaces the Dockerfile with a proposal's rewrite; `undo()` brings the text back. */
  apply(p: Proposal): void {
    if (!this.adviceCurrent) return;
    this.applied = {
      title: p.title,
      before: this.session.workspace.dockerfile,
      after: p.dockerfile,
      seconds: p.saving.seconds
    };
    this.session.workspace.setDockerfile(p.dockerfile);
  }

  undo(): void {
    if (!this.canUndo || !this.applied) return;
    this.session.workspace.setDockerfile(this.applied.before);
    this.applied = null;
  }

  /** Opens the compare view on the playground's Dockerfile; with `b`, that is the variant. */
  async openCompare(b?: string): Promise<void> {
    const current = this.session.timing.compare;
    const base = current?.source === 'session' ? current : { ...sessionCompare(), day: current?.day ?? null };
    this.session.timing.setCompare({ ...base, b: b ?? base.b });
    this.compareOpen = true;
    if (b !== undefined || base.b !== null) return;
    // No variant yet: the advisor's best proposal, or a copy of A to edit.
    await this.refreshAdvice();
    const best = this.adviceCurrent ? this.advice?.proposals[0] : undefined;
    if (this.session.timing.compare?.b === null)
      this.session.timing.setCompare({
        ...this.session.timing.compare,
        b: best?.dockerfile ?? this.session.workspace.dockerfile
      });
  }

  /** Opens the compare view on the seed pair, as it ships. */
  openSeed(): void {
    const s = seedPair();
    this.session.timing.setCompare({
      source: 'seed',
      a: s.a,
      b: s.b,
      day: this.session.timing.compare?.day ?? null
    });
    this.compareOpen = true;
  }

  /** Edits the compare setup (B, A in seed mode, the day). */
  edit(patch: Partial<CompareSetup>): void {
    this.session.timing.setCompare({ ...this.setup, ...patch });
  }

  /**
   * Calibrates from the text of a real `docker build` log: its measured seconds
   * become the session's costs. Returns null, or why nothing was calibrated.
   */
  async calibrate(log: string, source: string, wallSeconds?: number): Promise<string | null> {
    if (!log.trim()) return 'The log is empty.';
    if (log.length > MAX_LOG_CHARS)
      return `The log is over ${MAX_LOG_CHARS / 1e6} MB; give the part with the build.`;
    const i = this.session.input();
    const dockerfile = i.dockerfile;
    const out = await this.host.run({
      kind: 'calibrate',
      input: {
        dockerfile,
        log,
        context: i.context,
        dockerfilePath: i.dockerfilePath,
        buildArgs: i.buildArgs,
        target: i.target,
        wallSeconds
      }
    });
    if (!out) return 'A newer calibration replaced this one.';
    if (!out.ok) return out.message;
    const cal = out.value;
    if (cal.format === 'unknown') return cal.notes[0] ?? 'This does not look like docker build output.';
    this.session.timing.setCalibration(keepCalibration(dockerfile, cal, source, this.now()));
    return null;
  }

  dispose(): void {
    this.host.dispose?.();
  }
}
