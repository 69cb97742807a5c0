/**
 * Rule: BuildKit merges identical vertices within one build.
 *
 * Two steps with the same key (the same op on the same parent with the same
 * content) are one vertex in the solver's graph: it runs, or comes from the
 * cache, once, and the progress output shows it once. Two stages that start
 * with the same instructions therefore share those steps, and the second
 * stage's copies are not printed at all. The legacy builder has no such
 * merging: each stage probes the cache step by step.
 *
 * Oracle scenarios: identical-prefix-stages, timing-multistage-parallel.
 */
import type { Digest } from '../digest';

/** The first step of this build with each key. */
export class VertexMerger {
  private readonly seen = new Map<Digest, string>();

  /**
   * The id of the step already holding `key` in this build, or null after
   * recording `stepId` as the one that holds it.
   */
  mergeWith(key: Digest, stepId: string): string | null {
    const first = this.seen.get(key);
    if (first !== undefined) return first;
    this.seen.set(key, stepId);
    return null;
  }
}
