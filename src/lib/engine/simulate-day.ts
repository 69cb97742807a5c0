/**
 * Simulates a Dockerfile through a day of edits, each build seeing the cache
 * the earlier ones left. A day starts warm: one build before it fills the
 * cache and is not counted. Separate from compare.ts because simulating one
 * Dockerfile stands on its own (the advisor simulates each rewrite), and
 * comparing two orders is a layer on top of it.
 */
import { build, emptyCache } from './build';
import { defaultDay, type Day, type DayEdit } from './day';
import { expandDay, type DayStep } from './day-edits';
import type { Digest } from './digest';
import { instructionKey, round1 } from './estimate';
import type {
  BuildContext,
  Builder,
  BuildResult,
  CacheSnapshot,
  CostModel,
  ImageModel,
  StepReason,
  StepStatus
} from './types';
import { EngineMemo } from './memo';

/** A Dockerfile, its context and the day to run it through; the rest as for `build`. */
export interface DayInput {
  dockerfile: string;
  /** The context before the day (the warm-up build sees it as given). */
  context: BuildContext;
  /** Default: `defaultDay()` for this Dockerfile. */
  day?: Day;
  builder?: Builder;
  dockerfilePath?: string;
  target?: string;
  buildArgs?: Record<string, string>;
  images?: Record<string, Digest>;
  imageModel?: ImageModel;
  costs?: Partial<CostModel>;
}

/** One step of one simulated build. */
export interface StepTime {
  /** Identifies the same instruction across orders: stage and instruction as written. */
  key: string;
  line: number;
  stage: string | null;
  instruction: string;
  status: StepStatus;
  seconds: number;
  reason: StepReason['kind'];
}

/** One simulated build of the day, with what its edits changed. */
export interface DayBuildTime {
  n: number;
  label: string;
  kinds: Array<DayEdit['kind']>;
  changed: string[];
  /** Estimated time of this build, seconds. */
  seconds: number;
  /** How many steps it built rather than took from cache (`totals.built`). */
  built: number;
  steps: StepTime[];
  /** Why the build failed, or null when it did not. */
  error: string | null;
}

/** A Dockerfile's day: the uncounted warm-up build, then each build of the day. */
export interface DaySimulation {
  warmup: DayBuildTime;
  builds: DayBuildTime[];
  /** Sum over the day's builds (the warm-up excluded), seconds. */
  totalSeconds: number;
}

function stepTimes(r: BuildResult): StepTime[] {
  const seen = new Map<string, number>();
  return r.steps
    .filter((s) => s.status !== 'skipped' && (s.printed || s.keyword !== 'ARG'))
    .map((s) => {
      const base = `${s.stageName ?? `stage ${s.stage}`}|${instructionKey(s.source)}`;
      const k = (seen.get(base) ?? 0) + 1;
      seen.set(base, k);
      return {
        key: k > 1 ? `${base}#${k}` : base,
        line: s.range.line,
        stage: s.stageName,
        instruction: s.source,
        status: s.status,
        seconds: s.estimatedSeconds,
        reason: s.reason.kind
      };
    });
}

function summary(step: DayStep, r: BuildResult): DayBuildTime {
  return {
    n: step.n,
    label: step.label,
    kinds: step.kinds,
    changed: step.changed,
    seconds: r.totals.estimatedSeconds,
    built: r.totals.built,
    steps: stepTimes(r),
    error: r.error?.message ?? null
  };
}

/** What stays the same for every build of a day. */
export interface Shared {
  builder?: Builder;
  dockerfilePath?: string;
  target?: string;
  imageModel?: ImageModel;
}

/**
 * Runs one Dockerfile through prepared day states (from `expandDay`), from an
 * empty cache; `first` is the warm-up build's result, for its per-line figures.
 */
export function runDay(
  dockerfile: string,
  warmup: DayStep,
  steps: DayStep[],
  shared: Shared,
  costs: Partial<CostModel> | undefined,
  memo: EngineMemo
): { sim: DaySimulation; first: BuildResult } {
  const path = shared.dockerfilePath ?? 'Dockerfile';
  let cache: CacheSnapshot = emptyCache();
  const one = (st: DayStep): { time: DayBuildTime; result: BuildResult } => {
    const result = build(
      {
        dockerfile,
        dockerfilePath: path,
        // The Dockerfile on disk is this variant: COPY . . sends it.
        context: {
          files: {
            ...st.files,
            [path]: { ...(st.files[path] ?? {}), data: dockerfile, digest: undefined, size: undefined }
          }
        },
        cache,
        builder: shared.builder,
        target: shared.target,
        buildArgs: st.buildArgs,
        images: st.images,
        imageModel: shared.imageModel,
        costs
      },
      memo
    );
    cache = result.cache;
    return { time: summary(st, result), result };
  };
  const first = one(warmup);
  const builds = steps.map((st) => one(st).time);
  return {
    sim: { warmup: first.time, builds, totalSeconds: round1(builds.reduce((n, b) => n + b.seconds, 0)) },
    first: first.result
  };
}

/** A Dockerfile through a day of edits: each build's time and steps. `memo`: what the host keeps between builds. */
export function simulateDay(input: DayInput, memo: EngineMemo = new EngineMemo()): DaySimulation {
  const path = input.dockerfilePath ?? 'Dockerfile';
  const day = input.day ?? defaultDay({ dockerfiles: [input.dockerfile] });
  const { warmup, steps } = expandDay(day, {
    context: input.context,
    dockerfiles: [{ path, text: input.dockerfile }],
    images: input.images,
    buildArgs: input.buildArgs
  });
  return runDay(input.dockerfile, warmup, steps, input, input.costs, memo).sim;
}
