/** Messages between the page and the engine worker. Plain data only (structured clone). */
import type { BuildInput, BuildResult, Digest } from '../engine/types';

export interface EngineRequest {
  /** Increases with every request; a reply carries it back so stale replies can be dropped. */
  id: number;
  input: BuildInput;
}

export type EngineOutcome =
  | {
      ok: true;
      result: BuildResult;
      /** The digest of every context file's bytes, by path, as the engine saw them. */
      digests: Record<string, Digest>;
      /** The daemon's plain progress output for this build. */
      progress: string;
      /** Time the engine took, ms. */
      ms: number;
    }
  | { ok: false; message: string };

export type EngineReply = EngineOutcome & { id: number };

/** Anything that runs the engine for the Session: the worker in the browser, the engine inline in tests. */
export interface EngineHost {
  /** Resolves with the outcome, or null when a newer request superseded this one. */
  run(input: BuildInput): Promise<EngineOutcome | null>;
  dispose?(): void;
}
