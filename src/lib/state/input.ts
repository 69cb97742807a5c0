/**
 * What `docker build` is given for a workspace and its build options. Pure: the
 * Session, the lesson replays and the scenario exporter all build inputs here,
 * so what a test replays is what the page predicts.
 */
import { sha256Text } from '../engine/digest';
import type { BuildInput, Builder, CacheSnapshot, Digest } from '../engine/types';
import { contextFiles, DOCKERFILE_PATH, type Workspace } from '../examples/workspace';

export interface BuildSettings {
  builder: Builder;
  /** `--target`; empty for the last stage. */
  target: string;
  noCache: boolean;
  /** How many times each base image was "updated upstream" (each time, a new digest). */
  upstream: Record<string, number>;
}

/** The digest a base image has after `n` upstream updates (n > 0). */
export function upstreamDigest(ref: string, n: number): Digest {
  return sha256Text(`${ref} updated upstream ${n}`);
}

/**
 * `dockerfilePath` is `docker build -f` relative to the context (an opened
 * folder's Dockerfile may sit deeper); `costs` are the step timings a person set
 * or calibrated.
 */
export function buildInputFor(
  ws: Workspace,
  s: BuildSettings,
  cache: CacheSnapshot | null,
  { dockerfilePath = DOCKERFILE_PATH, costs }: { dockerfilePath?: string; costs?: BuildInput['costs'] } = {}
): BuildInput {
  const images: Record<string, Digest> = {};
  for (const [ref, n] of Object.entries(s.upstream)) if (n > 0) images[ref] = upstreamDigest(ref, n);
  return {
    dockerfile: ws.dockerfile,
    dockerfilePath,
    context: { files: contextFiles(ws) },
    cache: cache ?? undefined,
    builder: s.builder,
    target: s.target || undefined,
    buildArgs: { ...ws.buildArgs },
    noCache: s.noCache,
    images,
    ...(costs ? { costs } : {})
  };
}
