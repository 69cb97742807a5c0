/**
 * What `docker build` is given for a workspace and its build options. Pure: the
 * Session, the lesson replays and the scenario exporter all build inputs here,
 * so what a test replays is what the page predicts.
 */
import { sha256Text } from '../engine/digest';
import type { BuildInput, BuildResult, Builder, CacheSnapshot, Digest } from '../engine/types';
import { contextFiles, DOCKERFILE_PATH, type Workspace } from './workspace';
import { factsOf } from './history';

export interface BuildSettings {
  builder: Builder;
  /** `--target`; empty for the last stage. */
  target: string;
  noCache: boolean;
  /**
   * How many times each base image was "updated upstream" (each time, a new
   * digest), and each `ADD <url>` source "changed upstream" (new content), by
   * image reference or URL.
   */
  upstream: Record<string, number>;
}

/** `ADD` downloads a source that is an http(s) URL, as the daemon decides it. */
export const isRemoteUrl = (ref: string): boolean => /^https?:\/\//i.test(ref);

/**
 * The URLs the `ADD` steps of a result download, expanded as the daemon
 * expands them (from what each step's key was made of), in file order. A step
 * without a key (it failed first) contributes the URLs written in it literally.
 */
export function remoteSourcesOf(r: BuildResult | null): string[] {
  const out = new Set<string>();
  for (const step of r?.steps ?? []) {
    if (step.keyword !== 'ADD') continue;
    const facts = factsOf(r!, step);
    if (facts?.sources) for (const src of facts.sources) if (isRemoteUrl(src.label)) out.add(src.label);
    if (!facts)
      for (const word of step.instruction.split(/\s+/))
        if (isRemoteUrl(word) && !word.includes('$')) out.add(word);
  }
  return [...out];
}

/** The digest a base image (or a URL's content) has after `n` upstream updates (n > 0). */
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
  const remote: Record<string, { digest: Digest }> = {};
  for (const [ref, n] of Object.entries(s.upstream))
    if (n > 0) {
      if (isRemoteUrl(ref)) remote[ref] = { digest: upstreamDigest(ref, n) };
      else images[ref] = upstreamDigest(ref, n);
    }
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
    ...(Object.keys(remote).length ? { remote } : {}),
    ...(costs ? { costs } : {})
  };
}
