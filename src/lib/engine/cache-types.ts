/** The daemon's cache as a build leaves it, and the cost model estimates use. Plain JSON. */
import type { Digest } from './digest';

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
  /** Seconds by command pattern id (see command-patterns.ts), overriding the defaults. */
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
