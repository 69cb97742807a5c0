/**
 * Cache keys, as the daemon computes them in effect.
 *
 * BuildKit: key = f(op definition, parent key, content checksums of the inputs
 * that are content-keyed). The build context is only ever matched by content
 * (its own source key carries the session), and a stage's output read by
 * COPY --from is matched by content too, so the content checksum stands for
 * the input here.
 *
 * Legacy: a step hits when the current parent image has a child whose config
 * compares equal; `probe` is that config. A rebuilt step always gets a new
 * image id (its config carries a creation time), which is why one miss ends
 * all hits in a stage.
 */
import { digestOf, type Digest } from './digest';
import type { ContentInput } from './dispatch/state';

/** BuildKit's key of an image source (FROM): what the tag resolved to, and the platform. */
export function imageKey(digest: Digest, platform: string | null): Digest {
  return digestOf({ source: 'docker-image', digest, platform: platform ?? 'linux/amd64' });
}

/** The key of a scratch base. */
export const SCRATCH_KEY: Digest = digestOf({ source: 'scratch' });

/** BuildKit's key of a vertex. */
export function vertexKey(op: unknown, parent: Digest, content: ContentInput[]): Digest {
  return digestOf({ op, parent, content: content.map((c) => c.bk) });
}

/**
 * The legacy builder's probe of a step: everything compared among a parent's
 * children. COPY's source hash is part of its op already (the `<srchash>` in
 * its `#(nop)` command), so content inputs are not added again: what matched
 * counts, not which pattern or how many sources matched it.
 */
export function legacyProbe(op: unknown): Digest {
  return digestOf({ op });
}

/** A new, unique legacy image id (deterministic: build serial and step). */
export function legacyImageId(build: number, stepId: string, probe: Digest): Digest {
  return digestOf({ legacyImage: build, stepId, probe });
}
