/**
 * Rule: which stages a build builds, and in which order.
 *
 * BuildKit builds only the target and the stages it reads (FROM <stage>,
 * COPY --from, RUN --mount from=), in file order; an edit to a stage the target
 * never reads changes nothing. The legacy builder builds every stage up to and
 * including the target, in order, whether the target needs it or not.
 *
 * Oracle scenarios: multistage-unneeded-stage-edit, multistage-target-switch,
 * timing-multistage-parallel, lesson-multi-stage.
 */
import { reachableStages, type Plan, type StagePlan } from '../plan';
import type { Builder } from '../types';

/** The stages `builder` builds for the plan's target, in the order it builds them (empty without a target). */
export function stagesToBuild(plan: Plan, builder: Builder): StagePlan[] {
  if (plan.target === null) return [];
  if (builder === 'legacy') return plan.stages.slice(0, plan.target + 1);
  const reachable = reachableStages(plan);
  return plan.stages.filter((s) => reachable.has(s.index));
}
