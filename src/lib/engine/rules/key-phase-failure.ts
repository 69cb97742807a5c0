/**
 * Rule: what the daemon shows when a build fails, by when it failed.
 *
 * - Before any step (`fatal`: a Dockerfile BuildKit refuses to convert, a base
 *   image whose metadata cannot be loaded): nothing runs or is printed.
 * - While computing cache keys (`key`: BuildKit cannot checksum a COPY source,
 *   e.g. a path missing from the context or from another stage): steps that
 *   would have run before it never start, and the failing step's own chain is
 *   printed CACHED, unless it reads another stage, in which case that stage and
 *   the chain do run while the source stage builds.
 * - While loading the build context (`context`): see context-failure.ts.
 * - While running (`exec`, or any legacy failure): the steps before it ran, the
 *   rest are skipped.
 *
 * Oracle scenarios: error-copy-missing-path, error-copy-dockerignored-path,
 * error-copy-from-misspelled-stage, copy-from-path-no-step-creates,
 * run-missing-program, user-missing-from-passwd,
 * dockerignore-invalid-pattern-unused-context.
 */
import type { Solved, WorkStep } from '../solve';
import { applyContextFailure } from './context-failure';

/**
 * Turns a failure into what the daemon shows. BuildKit failing while computing
 * a key prints the never-run steps of that chain as CACHED and nothing else;
 * otherwise the steps that ran before the failure keep their status.
 */
export function applyFailure(solved: Solved): void {
  const f = solved.failure;
  if (!f) return;
  const work = solved.work;
  if (f.phase === 'fatal' || f.stepId === null) {
    for (const w of work) {
      w.result.status = 'skipped';
      w.result.printed = false;
      w.result.reason = { kind: 'after-error', stepId: null, line: null };
    }
    return;
  }
  const byId = new Map(work.map((w) => [w.result.id, w]));
  const failing = byId.get(f.stepId) as WorkStep;
  failing.result.status = 'failed';
  failing.result.printed = true;
  failing.result.reason = { kind: 'error', message: f.message };
  if (f.phase === 'context') return applyContextFailure(work, failing);
  if (f.phase !== 'key') return;
  const ancestors = new Set<string>();
  for (let p = failing.parentId; p; p = byId.get(p)?.parentId ?? null) ancestors.add(p);
  // Stages whose content the failing step reads did run (their output is needed for the key).
  const ran = new Set<number>();
  const addStage = (s: number) => {
    if (ran.has(s)) return;
    ran.add(s);
    for (const w of work) if (w.result.stage === s) for (const c of w.contentFrom) addStage(c);
  };
  for (const s of failing.contentFrom) addStage(s);
  // Reading another stage, BuildKit runs the failing step's own chain too while that stage builds
  // (oracle scenario copy-from-path-no-step-creates); a context source is checked before anything runs.
  const chainRan = failing.contentFrom.length > 0;
  for (const w of work) {
    if (w === failing) continue;
    if (ancestors.has(w.result.id) && chainRan) continue;
    if (ancestors.has(w.result.id) && !ran.has(w.result.stage)) {
      if (w.result.status === 'built' && w.kind === 'step') {
        w.result.status = 'cached';
        w.result.reason = {
          kind: 'printed-cached-before-error',
          stepId: failing.result.id,
          line: failing.result.range.line
        };
        w.dispatched = null;
      }
    } else if (!ran.has(w.result.stage)) {
      w.result.status = 'skipped';
      w.result.printed = false;
      w.result.reason = { kind: 'after-error', stepId: failing.result.id, line: failing.result.range.line };
    }
  }
}
