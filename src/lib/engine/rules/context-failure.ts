/**
 * Rule: BuildKit failing to load the build context (a `.dockerignore` pattern it
 * rejects): the build stops when the first step that reads the context needs
 * it. That step is never printed, steps that would have run never start, and
 * only the cache hits before it are printed, as CACHED (base images, FROM, are
 * still resolved and printed). The daemon showed a RUN
 * that missed before such a COPY left out, and the same RUN printed CACHED once
 * it was in the cache (oracle scenario dockerignore-invalid-pattern-unused-context).
 */
import type { WorkStep } from '../solve';

/** Marks what the daemon shows when `failing` is the first step that needs a context BuildKit cannot load. */
export function applyContextFailure(work: WorkStep[], failing: WorkStep): void {
  failing.result.printed = false;
  for (const w of work) {
    if (w === failing || w.result.status !== 'built' || w.result.keyword === 'FROM') continue;
    w.result.status = 'skipped';
    w.result.printed = false;
    w.result.reason = { kind: 'after-error', stepId: failing.result.id, line: failing.result.range.line };
  }
}
