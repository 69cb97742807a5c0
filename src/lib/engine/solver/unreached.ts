/**
 * What a build did not reach, and what became of every instruction.
 *
 * After a failure, the steps never reached are still listed (skipped), and so
 * are the stages the builder does not build for the target, so a page can
 * show every instruction with its fate.
 */
import type { Plan, StagePlan } from '../plan';
import type { Builder, InstructionInfo } from '../types';
import { newStep, VERTEX, type WorkStep } from './work-step';

/** Lists, as skipped, the steps of `order` not in `work` yet; returns them. */
function addUnreached(
  order: StagePlan[],
  work: WorkStep[],
  builder: Builder,
  byIns: Map<number, string>,
  failedId: string | null
): WorkStep[] {
  const have = new Set(work.map((w) => w.result.id));
  const add: WorkStep[] = [];
  const skipped = (
    id: string,
    ins: StagePlan['from'],
    st: StagePlan,
    kind: WorkStep['kind'],
    printed: string
  ) =>
    newStep({ id, ins, stage: st.index, stageName: st.name, label: null, status: 'skipped', kind, printed });
  for (const st of order) {
    const fromId = `s${st.index}.from`;
    if (!have.has(fromId) && (builder === 'legacy' || (st.image && st.baseStage === null))) {
      add.push(
        skipped(
          fromId,
          st.from,
          st,
          'from',
          builder === 'buildkit' && st.image ? `FROM ${st.image.display}` : st.from.original
        )
      );
      byIns.set(st.from.index, fromId);
    }
    for (const [n, ins] of st.instructions.entries()) {
      const id = `s${st.index}.${n}`;
      if (have.has(id) || (builder === 'buildkit' && !VERTEX.has(ins.keyword))) continue;
      add.push(skipped(id, ins, st, 'step', ins.original));
      byIns.set(ins.index, id);
    }
  }
  const failedLine = failedId
    ? (work.find((w) => w.result.id === failedId)?.result.range.line ?? null)
    : null;
  for (const w of add) {
    w.result.printed = false;
    w.result.reason = { kind: 'after-error', stepId: failedId, line: failedLine };
  }
  work.push(...add);
  work.sort((a, b) => a.result.stage - b.result.stage || a.result.range.from - b.result.range.from);
  return add;
}

/**
 * Adds the steps a build never reached: after a failure (`failedId`: the
 * failing step, null when it failed before any step; undefined when nothing
 * failed) the rest of the stages it was building, and the stages this builder
 * does not build for the target.
 */
export function listUnreached(
  plan: Plan,
  order: StagePlan[],
  built: Set<number>,
  work: WorkStep[],
  builder: Builder,
  byIns: Map<number, string>,
  failedId: string | null | undefined
): void {
  if (failedId !== undefined) addUnreached(order, work, builder, byIns, failedId);
  if (plan.target === null || plan.fatal) return;
  const target = plan.stages[plan.target];
  const notNeeded = plan.stages.filter((st) => !built.has(st.index));
  for (const w of addUnreached(notNeeded, work, builder, byIns, null)) {
    w.result.reason = { kind: 'not-needed', target: target.name ?? `stage ${target.index}` };
  }
}

/** Every instruction of the Dockerfile, in file order, with the step it became (if any) and its role. */
export function instructionRoles(
  plan: Plan,
  work: WorkStep[],
  built: Set<number>,
  byIns: Map<number, string>,
  failed: boolean
): InstructionInfo[] {
  const instructions: InstructionInfo[] = [];
  const workById = new Map(work.map((w) => [w.result.id, w]));
  for (const st of plan.stages) {
    for (const ins of [st.from, ...st.instructions]) {
      const id = byIns.get(ins.index);
      const role: InstructionInfo['role'] = !built.has(st.index)
        ? 'not-built'
        : id === undefined
          ? failed
            ? 'not-built'
            : 'config'
          : id === ''
            ? 'config'
            : 'step';
      instructions.push({
        range: ins.range,
        keyword: ins.keyword,
        stage: st.index,
        stepId: id && workById.has(id) ? id : null,
        role
      });
    }
  }
  for (const ins of plan.metaArgs) {
    const id = byIns.get(ins.index) ?? null;
    instructions.push({
      range: ins.range,
      keyword: ins.keyword,
      stage: null,
      stepId: id,
      role: 'global-arg'
    });
  }
  instructions.sort((a, b) => a.range.from - b.range.from);
  return instructions;
}
