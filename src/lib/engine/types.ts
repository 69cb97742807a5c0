/**
 * The engine's data model. Everything here is plain, JSON-compatible data: it
 * crosses the Web Worker boundary, the CLI's output and saved sessions as is.
 */
import type { Digest } from './digest';
import type { CacheSnapshot, CostModel } from './cache-types';

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

export type * from './result-types';
export type * from './cache-types';
