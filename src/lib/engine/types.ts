/**
 * The engine's data model. Everything here is plain, JSON-compatible data: it
 * crosses the Web Worker boundary, the CLI's output and saved sessions as is.
 */
import type { Digest } from './digest';

export type { Digest };

/** Which builder to predict: BuildKit (Docker 20.10's built-in frontend) or the legacy builder. */
export type Builder = 'buildkit' | 'legacy';

/** One entry of the build context. */
export interface ContextFile {
  /** The bytes, as UTF-8 text or raw. May be omitted when `digest` is given. */
  data?: string | Uint8Array;
  /** `sha256:<hex>` of the bytes, when the host has hashed them already (the CLI streams big files). */
  digest?: Digest;
  /** Size in bytes; derived from `data` when omitted. */
  size?: number;
  /** Unix permission bits, e.g. 0o644 (the default for files, 0o755 for directories). */
  mode?: number;
  /** `file` (default), `dir` (a directory, possibly empty) or `symlink`. */
  type?: 'file' | 'dir' | 'symlink';
  /** Where a symlink points, as stored in the link. */
  target?: string;
}

/**
 * The build context: paths relative to the context root, `/`-separated. A Map
 * is accepted too: a host that keeps a big context between builds (the Web
 * Worker) iterates a Map far faster than a plain object.
 */
export interface BuildContext {
  files: Record<string, ContextFile> | ReadonlyMap<string, ContextFile>;
}

/** The content a URL serves, for `ADD <url>`. */
export interface RemoteFile {
  data?: string | Uint8Array;
  digest?: Digest;
  size?: number;
}

/**
 * How base images are modelled.
 * - `generic`: a real registry image we know nothing about: any path or user may exist in it.
 * - `oracle`: the busybox stand-in image every FROM resolves to in the fidelity oracle
 *   (its files, its users and its stub tools are known exactly).
 */
export type ImageModel = 'generic' | 'oracle';

/** Everything a prediction depends on. */
export interface BuildInput {
  /** The Dockerfile text. */
  dockerfile: string;
  /** Where the Dockerfile sits in the context (`-f`); default `Dockerfile`. It is a context file like any other. */
  dockerfilePath?: string;
  /** The build context, `.dockerignore` included as an ordinary file. */
  context: BuildContext;
  /** Content served by URLs that `ADD` downloads. */
  remote?: Record<string, RemoteFile>;
  /** The daemon's cache before this build (what earlier builds left). Empty when omitted. */
  cache?: CacheSnapshot;
  builder?: Builder;
  /** `--target`: the stage to build; the last stage when omitted. */
  target?: string;
  /** `--build-arg NAME=VALUE`. */
  buildArgs?: Record<string, string>;
  /** `--no-cache`. */
  noCache?: boolean;
  /**
   * The image each base reference currently resolves to, by reference as written
   * (`python:3.12-slim`): give a reference a new digest to simulate "updated upstream".
   * References not listed resolve to a digest derived from their name.
   */
  images?: Record<string, Digest>;
  /** How base images are modelled (default `generic`). */
  imageModel?: ImageModel;
  /**
   * The daemon has no network: images not listed in `images` cannot be pulled,
   * URLs cannot be downloaded and `# syntax=` frontends cannot be fetched.
   */
  offline?: boolean;
  /** Overrides of the cost model (seconds). */
  costs?: Partial<CostModel>;
}

/** A half-open range of offsets into the Dockerfile text, plus 1-based lines. */
export interface SourceRange {
  from: number;
  to: number;
  /** First line, 1-based. */
  line: number;
  /** Last line, 1-based. */
  endLine: number;
}

export type Severity = 'error' | 'warning' | 'info';

/** A message about the input, tied to a place in the Dockerfile when it has one. */
export interface Diagnostic {
  severity: Severity;
  message: string;
  range: SourceRange | null;
  /** Stable identifier: `parse`, `engine`, or a lint rule id such as `LL001`. */
  code: string;
}

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

/**
 * Seconds that steps cost; defaults in cost-defaults.ts, sources in
 * docs/cost-model.md. Every field is overridable through `BuildInput.costs`.
 */
export interface CostModel {
  /** BuildKit: fixed overhead of an executed RUN, COPY or ADD (container start, snapshot). */
  stepOverhead: number;
  /** Legacy builder: overhead of every step it commits, config-only ones included (container, commit). */
  legacyStepOverhead: number;
  /** Pulling a base image that is not present, per MB. */
  pullPerMB: number;
  /** Copying from the context or another stage, per MB. */
  copyPerMB: number;
  /** Sending the build context, per MB: the legacy builder sends all of it every build, BuildKit all of it on a first build and only changes later. */
  contextPerMB: number;
  /** A RUN we recognise nothing in. */
  runDefault: number;
  /** Exporting the image at the end of a build that ran anything. */
  export: number;
  /** What every build pays, even a fully cached one: the client session, loading the Dockerfile and .dockerignore. */
  buildOverhead: number;
  /** BuildKit: resolving one base image's metadata in its registry, every build. */
  resolveImage: number;
  /** Seconds by command pattern id (see cost-defaults.ts), overriding the defaults. */
  commands: Record<string, number>;
  /** Seconds per step, by the step's first line (annotations, the page, calibration). */
  lines: Record<number, number>;
  /** Why a line has its seconds, shown in the step's basis (e.g. "measured in your build log"). */
  lineNotes: Record<number, string>;
  /**
   * Seconds per step by the instruction as written (continuation lines joined,
   * white space folded, see `instructionKey`), so a figure follows an
   * instruction that moves to another line. `lines` wins over it.
   */
  instructions: Record<string, number>;
  /** Image sizes in MB by repository (`python`) or by reference (`python:3.12-slim`). */
  imageSizes: Record<string, number>;
}

/** A directory node of a content tree, kept so later builds can say which files changed. */
export interface TreeNode {
  /** Sorted entries: [name, kind, digest, mode]; kind f=file d=dir l=symlink. */
  entries: Array<[string, 'f' | 'd' | 'l', Digest, number]>;
}

/** What a BuildKit cache record remembers about the step that made it. */
export interface CacheRecord {
  parent: Digest | null;
  keyword: string;
  line: number;
  stage: number;
  instruction: string;
  /** The ingredients of the key that can be explained to a person. */
  facts: StepFacts;
  /** Build serial that created it. */
  build: number;
}

/** Explainable ingredients of a step's key. */
export interface StepFacts {
  text?: string;
  env?: Array<[string, string, 'arg' | 'env' | 'image']>;
  cwd?: string;
  user?: string;
  shell?: string[];
  image?: { ref: string; digest: Digest };
  /** Selected sources: a label (source path or mount), its checksum, and for a single file its bytes and mode. */
  sources?: Array<{
    label: string;
    root: Digest;
    kind: 'tree' | 'file' | 'none';
    from?: string;
    file?: { digest: Digest; mode: number };
  }>;
}

/** A legacy builder image: the cache is the chain of parent images. */
export interface LegacyImage {
  id: Digest;
  parent: Digest;
  /** Everything the prober compares, as one digest. */
  probe: Digest;
  keyword: string;
  line: number;
  stage: number;
  facts: StepFacts;
  /** Creation order: the prober picks the most recently created match. */
  created: number;
}

/** The daemon's cache: what every earlier build left behind. Plain JSON. */
export interface CacheSnapshot {
  version: 1;
  /** Builds committed into this cache. */
  builds: number;
  buildkit: {
    records: Record<Digest, CacheRecord>;
  };
  legacy: {
    images: LegacyImage[];
  };
  /** Image digests the daemon has pulled, by reference, and every digest it holds. */
  images: Record<string, Digest>;
  heldImages: Digest[];
  /** Content trees referenced by records, for explanations. */
  trees: Record<Digest, TreeNode>;
}
