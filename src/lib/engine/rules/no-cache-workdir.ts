/**
 * Rule: a BuildKit step's status, and the `--no-cache` WORKDIR quirk.
 *
 * A BuildKit step hits when its key is in the cache. `--no-cache` reruns RUN,
 * COPY and ADD, but Docker 20.10's BuildKit still printed a WORKDIR that
 * creates its directory as CACHED while every step before it in its chain was
 * CACHED too (only FROM, so far): the mkdir file op is answered from the cache
 * without being solved again. Once a step in the chain ran, the WORKDIR after
 * it runs as well.
 *
 * Oracle scenarios: no-cache-flag (WORKDIR /app right after FROM printed
 * CACHED under --no-cache), workdir-change, workdir-root-and-relative.
 */

export interface StatusInput {
  /** Whether the cache holds a record for the step's key. */
  inCache: boolean;
  /** `docker build --no-cache`. */
  noCache: boolean;
  keyword: string;
  /** Whether every earlier step of this chain was cached in this build. */
  chainCached: boolean;
}

/** Whether a BuildKit step is printed CACHED or runs. */
export function buildkitStatus(s: StatusInput): 'cached' | 'built' {
  if (!s.noCache) return s.inCache ? 'cached' : 'built';
  return s.keyword === 'WORKDIR' && s.inCache && s.chainCached ? 'cached' : 'built';
}
