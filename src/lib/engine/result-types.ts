/** What a build returns: steps, their statuses and reasons, stages, totals. */
import type { Digest } from './digest';
import type { Builder, Diagnostic, SourceRange } from './types';
import type { CacheSnapshot } from './cache-types';

export type StepStatus = 'cached' | 'built' | 'skipped' | 'failed';

/** One file that differs between a cached record and this build. */
export interface FileChange {
  path: string;
  change: 'added' | 'removed' | 'modified' | 'mode';
  before?: Digest;
  after?: Digest;
  beforeMode?: number;
  afterMode?: number;
}

/** One variable whose value differs. `null` means unset. */
export interface VariableChange {
  name: string;
  before: string | null;
  after: string | null;
}

/**
 * Why a step has its status. A miss names one root cause; steps that missed only
 * because an earlier one did say `parent-built` and point at it.
 */
export type StepReason =
  | { kind: 'cache-hit'; via?: 'identical-output' | 'same-content'; detail?: string }
  | { kind: 'cold' }
  | { kind: 'new-step' }
  | { kind: 'no-cache' }
  | { kind: 'instruction-changed'; before: string; after: string }
  | { kind: 'files-changed'; changes: FileChange[]; total: number }
  | {
      kind: 'source-output-changed';
      stage: string;
      changes: FileChange[];
      total: number;
      /**
       * The RUNs whose output the changed files are assumed to be (the engine does
       * not follow them file by file): their output follows their inputs, which changed.
       */
      assumed?: Array<{ line: number; command: string; tool: boolean }>;
    }
  | { kind: 'arg-changed'; changes: VariableChange[] }
  | { kind: 'env-changed'; changes: VariableChange[] }
  | { kind: 'user-changed'; before: string; after: string }
  | { kind: 'workdir-changed'; before: string; after: string }
  | { kind: 'shell-changed'; before: string[]; after: string[] }
  | { kind: 'base-image-changed'; ref: string; before: Digest | null; after: Digest }
  | { kind: 'parent-built'; line: number; stepId: string; rootStepId: string; rootLine: number }
  | { kind: 'legacy-config-changed'; keyword: string; before: string; after: string }
  | { kind: 'always-runs'; detail: string }
  | { kind: 'not-needed'; target: string }
  | { kind: 'merged'; stepId: string; line: number }
  | { kind: 'after-error'; stepId: string | null; line: number | null }
  | { kind: 'printed-cached-before-error'; stepId: string; line: number }
  | { kind: 'error'; message: string };

/** How the daemon labels a step in its progress output. */
export interface StepLabel {
  /** BuildKit: the stage label (`build`, `stage-1`) or null; legacy: null. */
  stage: string | null;
  pos: number;
  of: number;
}

/** One step of the build: a vertex (BuildKit) or an instruction (legacy). */
export interface StepResult {
  /** Stable within a result: `s<stage>.<n>` for instructions, `s<stage>.trigger<n>` for ONBUILD triggers. */
  id: string;
  /** Stage index (0-based, file order) and its `AS` name (lower-cased, as BuildKit keeps it) or null. */
  stage: number;
  stageName: string | null;
  keyword: string;
  /** The instruction as the daemon prints it (BuildKit: expanded and keyword upper-cased; legacy: as written). */
  instruction: string;
  /** The instruction as written, continuation lines joined. */
  source: string;
  range: SourceRange;
  /** The label in the daemon's progress output, or null where it prints none. */
  label: StepLabel | null;
  /** Whether the daemon's progress output lists this step at all. */
  printed: boolean;
  cacheKey: Digest | null;
  status: StepStatus;
  reason: StepReason;
  /** Estimated duration of this step in this build (0 when cached or skipped), seconds. */
  estimatedSeconds: number;
  /** Estimated duration if it had to run, seconds. */
  fullSeconds: number;
  /** How the estimate was made, in a few words (e.g. "pip install: 45 s default"). */
  estimateBasis: string;
}

/** How an instruction contributes to the build, for every instruction in the file. */
export interface InstructionInfo {
  range: SourceRange;
  keyword: string;
  stage: number | null;
  /** The step it produced, or null (a BuildKit config-only instruction, a global ARG, an unbuilt stage...). */
  stepId: string | null;
  role: 'step' | 'config' | 'global-arg' | 'not-built' | 'invalid';
}

export interface StageResult {
  index: number;
  name: string | null;
  /** What the stage starts from: an image reference or another stage's name/index. */
  base: string;
  baseStage: number | null;
  /** Stages whose output this one reads (FROM, COPY --from, RUN --mount from=). */
  dependsOn: number[];
  /** Whether the builder builds this stage for the chosen target. */
  built: boolean;
  status: 'cached' | 'built' | 'partial' | 'not-built' | 'failed';
  range: SourceRange;
}

/** An image a build needs, with the digest it resolved to. */
export interface ImageUse {
  ref: string;
  digest: Digest;
  /** Whether the daemon already held this image before the build. */
  present: boolean;
}

export interface BuildError {
  /** The daemon's words, approximately. */
  message: string;
  stepId: string | null;
  range: SourceRange | null;
}

export interface ContextSummary {
  files: number;
  bytes: number;
  /** Paths `.dockerignore` excludes, each with the pattern that decided it. */
  excluded: Array<{ path: string; pattern: string }>;
  /** Number of excluded paths, which can exceed the `excluded` list (it is capped). */
  excludedCount: number;
}

export interface BuildTotals {
  steps: number;
  built: number;
  cached: number;
  skipped: number;
  failed: number;
  /** Estimated time of this build, seconds. */
  estimatedSeconds: number;
  /** Estimated time of the same build from an empty cache, seconds. */
  fullSeconds: number;
  /** The first step that rebuilds (file order), or null when nothing rebuilds. */
  firstMiss: string | null;
  /** How `estimatedSeconds` adds up. */
  time: TimeBreakdown;
}

/**
 * The parts of a build's estimated time, seconds. BuildKit runs independent
 * stages at the same time, so `steps` is the longest chain of dependent steps
 * (the critical path), not the sum; the legacy builder runs one step at a time.
 */
export interface TimeBreakdown {
  /** Every build: session, Dockerfile, .dockerignore, resolving base images (BuildKit). */
  overhead: number;
  /** Sending the build context. */
  context: number;
  /** Steps that run, along the critical path (BuildKit) or one after the other (legacy). */
  steps: number;
  /** Sum of the seconds of every step that runs, whether or not they overlap. */
  stepsSum: number;
  /** Exporting the image (0 when nothing ran). */
  export: number;
}

/**
 * A step where the real build may fail although the engine predicts it runs:
 * what it copies from another stage or an image exists only by assumption (a
 * generic base image's files, what a command the engine does not follow may
 * have written).
 */
export interface BuildUnknown {
  stepId: string;
  range: SourceRange;
  /** What the build depends on, and what happens if it is not so. */
  message: string;
}

export interface BuildResult {
  builder: Builder;
  /**
   * `failure` when the build fails (`error`); `unknown` when it succeeds only if
   * what `unknowns` names holds, which the engine cannot see; else `success`.
   */
  outcome: 'success' | 'failure' | 'unknown';
  /** Steps whose success depends on what the engine cannot see, in file order. */
  unknowns: BuildUnknown[];
  steps: StepResult[];
  instructions: InstructionInfo[];
  stages: StageResult[];
  images: ImageUse[];
  diagnostics: Diagnostic[];
  error: BuildError | null;
  /** The target stage's index, or null when the file has no stage. */
  target: number | null;
  context: ContextSummary;
  totals: BuildTotals;
  /** The daemon's cache after this build, as if it had run. */
  cache: CacheSnapshot;
}
