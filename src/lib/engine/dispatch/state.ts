/**
 * The state the frontend carries through a stage while converting it (BuildKit's
 * dispatchState, the legacy builder's runConfig), and what dispatching one
 * instruction produces.
 */
import type { ContextTree } from '../context';
import type { Digest } from '../digest';
import type { StageFs } from '../fs';
import type { ImageModelSpec } from '../images';
import type { ParsedInstruction } from '../parse';
import type { Plan } from '../plan';
import type { Node } from '../tree';
import type { Builder, ImageModel, RemoteFile, StepFacts } from '../types';

export type EnvOrigin = 'arg' | 'env' | 'image';

/** One environment variable with where it came from. */
export type EnvVar = [name: string, value: string, origin: EnvOrigin];

export interface StageState {
  /**
   * BuildKit: the LLB environment of later RUNs, in order (image env, then ENV
   * and valued ARGs; a re-declared name moves to the end).
   * Legacy: the image config's Env (image env and ENV only).
   */
  env: EnvVar[];
  /** ARGs declared in this stage, with their values (undefined: no value). */
  args: Array<[string, string | undefined]>;
  /** The working directory of RUN (BuildKit keeps an absolute WORKDIR as written). */
  cwd: string;
  /** The image config's WorkingDir (absolute), against which relative paths resolve. */
  workdir: string;
  user: string;
  /** SHELL, or null for the default /bin/sh -c. */
  shell: string[] | null;
  fs: StageFs;
  /** ONBUILD triggers recorded in this stage's image config. */
  onbuild: string[];
}

export const DEFAULT_SHELL = ['/bin/sh', '-c'];

export function shellOf(s: StageState): string[] {
  return s.shell ?? DEFAULT_SHELL;
}

/** BuildKit's AddOrReplace: drop the name, append it at the end. */
export function addEnv(env: EnvVar[], name: string, value: string, origin: EnvOrigin): EnvVar[] {
  return [...env.filter(([n]) => n !== name), [name, value, origin]];
}

/** A content-keyed input of a step: a COPY source or a mount's source. */
export interface ContentInput {
  /** How the step names it: the source as written, or `mount /tmp/x`. */
  label: string;
  /** BuildKit's checksum of the selection. */
  bk: Digest;
  /** The legacy builder's hash of the selection (tarsum with paths). */
  legacy: Digest;
  /** The selected tree or file, kept for explanations. */
  node: Node | null;
  /** The stage it was read from, or null for the build context or an image. */
  stage: number | null;
  /** Image reference, when read from an image. */
  image?: string;
}

export interface DispatchError {
  message: string;
  /**
   * When the daemon hits it:
   * - `convert`: BuildKit refuses the Dockerfile before any step; legacy fails at this step;
   * - `key`: BuildKit fails while computing cache keys (earlier steps never run, printed CACHED);
   * - `exec`: the step fails when it runs;
   * - `legacy`: the legacy builder refuses the instruction when it reaches it;
   * - `context`: BuildKit cannot load the build context this step reads (a
   *   `.dockerignore` pattern it rejects): the step is never printed, and of the
   *   steps before it only cache hits are.
   */
  phase: 'convert' | 'key' | 'exec' | 'legacy' | 'context';
}

/** What one instruction contributes. */
export interface Dispatched {
  /** BuildKit: whether it is a vertex. Legacy: every instruction is a step. */
  vertex: boolean;
  /** The text BuildKit prints for it (expanded, keyword upper-cased). */
  printed: string;
  /** BuildKit op ingredients, without the parent key and content inputs. */
  op: unknown;
  /** Legacy probe ingredients, without the parent image and content hashes. */
  legacyOp: unknown;
  content: ContentInput[];
  /**
   * Stages this step reads, even where what it selects there is missing: BuildKit
   * builds them before it can compute the step's key (and find the path missing).
   */
  reads?: number[];
  /**
   * Why the real build may fail here although the engine predicts success: a
   * source that exists only by assumption (a generic image's files, what an
   * unmodelled command may have written).
   */
  unknown?: string;
  facts: StepFacts;
  next: StageState;
  error?: DispatchError;
  /** What the output model assumed, for explanations. */
  notes?: string[];
}

/** Everything a dispatcher may read besides the stage state. */
export interface DispatchEnv {
  builder: Builder;
  escape: string;
  plan: Plan;
  stageIndex: number;
  context: ContextTree;
  remote: Record<string, RemoteFile>;
  buildArgs: Record<string, string>;
  imageModel: ImageModel;
  offline: boolean;
  /** The file system another stage ends with, as seen from this point of the build. */
  stageFs(index: number): StageFs | null;
  /** The model of an external image (COPY --from=<image>). */
  image(ref: string): ImageModelSpec | null;
}

export type Dispatcher = (ins: ParsedInstruction, s: StageState, env: DispatchEnv) => Dispatched;
