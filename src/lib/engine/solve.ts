/**
 * Walks the stages a builder builds, dispatches each instruction, computes
 * every step's key and decides hit or miss against the cache. Each cache rule
 * it applies lives in rules/ under its own name; the mechanics of a stage are
 * in solver/.
 */
import type { ContextTree } from './context';
import type { DispatchEnv, DispatchError, StageState } from './dispatch/state';
import type { Digest } from './digest';
import { parseDockerfile, type ParsedDockerfile, type ParsedInstruction } from './parse';
import type { Plan, StagePlan } from './plan';
import { LegacyProber } from './rules/legacy-cascade';
import { stagesToBuild } from './rules/stage-selection';
import { VertexMerger } from './rules/vertex-merging';
import { BaseImages, type ImageUse } from './solver/base-images';
import { stageFsReader, startStage, type StageOut } from './solver/from-step';
import { runStage } from './solver/stage-steps';
import { instructionRoles, listUnreached } from './solver/unreached';
import { globalArgSteps, StepNumbering, type WorkStep } from './solver/work-step';
import type {
  Builder,
  CacheSnapshot,
  ImageModel,
  InstructionInfo,
  LegacyImage,
  RemoteFile,
  SourceRange
} from './types';

export type { WorkStep } from './solver/work-step';

export interface SolveOptions {
  builder: Builder;
  buildArgs: Record<string, string>;
  noCache: boolean;
  images: Map<string, Digest>;
  imageModel: ImageModel;
  offline: boolean;
  remote: Record<string, RemoteFile>;
  cache: CacheSnapshot;
  serial: number;
}

export interface Solved {
  work: WorkStep[];
  instructions: InstructionInfo[];
  /** `range`: the instruction at fault when no step stands for it (a BuildKit ENV or ARG). */
  failure: {
    stepId: string | null;
    message: string;
    phase: DispatchError['phase'] | 'fatal';
    range?: SourceRange;
  } | null;
  built: Set<number>;
  newLegacyImages: LegacyImage[];
  imagesUsed: ImageUse[];
  stageLabels: Map<number, string | null>;
  /** Each built stage's state after its last instruction (its file system, env, user...). */
  stageStates: Map<number, StageState>;
  /** Image-config instructions (LABEL, CMD, EXPOSE...) of each built stage with their expanded values, in order. */
  configs: Array<{ stage: number; keyword: string; value: unknown }>;
}

export function solve(parsed: ParsedDockerfile, plan: Plan, context: ContextTree, o: SolveOptions): Solved {
  const { builder } = o;
  const work: WorkStep[] = [];
  const byIns = new Map<number, string>();
  const stageOut = new Map<number, StageOut>();
  const configs: Solved['configs'] = [];
  const images = new BaseImages(o, o.cache.heldImages);
  const merger = new VertexMerger();
  const prober = new LegacyProber(builder === 'legacy' ? o.cache.legacy.images : [], o.serial);
  let failure: Solved['failure'] = plan.fatal
    ? { stepId: null, message: plan.fatal.message, phase: 'fatal' }
    : null;

  const order = stagesToBuild(plan, builder);
  const built = new Set(order.map((s) => s.index));
  const stageLabels = new Map<number, string | null>();
  for (const st of plan.stages)
    stageLabels.set(st.index, plan.stateCount > 1 ? (st.name ?? `stage-${st.index}`) : null);

  if (!failure && builder === 'buildkit') {
    const message = images.metadataFailure(order);
    if (message) failure = { stepId: null, message, phase: 'fatal' };
  }

  const stageFsAt = stageFsReader(plan, builder, images, stageOut);
  const numbering = new StepNumbering(builder, plan, order);
  // Legacy prints the ARGs before the first FROM as steps that are never cached.
  if (builder === 'legacy' && !plan.fatal) {
    const steps = globalArgSteps(plan, numbering.next(null));
    plan.metaArgs.forEach((ins, i) => byIns.set(ins.index, steps[i].result.id));
    work.push(...steps);
  }

  for (const st of order) {
    if (failure) break;
    const nextLabel = numbering.next(st, stageLabels.get(st.index) ?? null);

    const start = startStage(st, { builder, images, merger, stageOut, work, nextLabel });
    if (!start.ok) {
      failure = { stepId: start.stepId, message: start.message, phase: start.phase };
      break;
    }
    byIns.set(
      st.from.index,
      builder === 'buildkit' && (st.baseStage !== null || st.scratch) ? '' : start.fromId
    );

    const triggers = onbuildTriggers(st, stageOut);
    const env: DispatchEnv = {
      builder,
      escape: parsed.escape,
      plan,
      stageIndex: st.index,
      context,
      remote: o.remote,
      buildArgs: o.buildArgs,
      imageModel: o.imageModel,
      offline: o.offline,
      stageFs: (i) => stageFsAt(i, st.index),
      image: (ref) => images.read(ref)
    };
    const end = runStage(st, [...triggers, ...st.instructions], triggers.length, start, env, {
      builder,
      noCache: o.noCache,
      records: o.cache.buildkit.records,
      merger,
      prober,
      work,
      byIns,
      configs,
      nextLabel
    });
    if (end.failure) {
      failure = end.failure;
      break;
    }
    stageOut.set(st.index, { state: end.state, chain: end.chain, lastId: end.parentId });
  }

  listUnreached(plan, order, built, work, builder, byIns, failure?.stepId);

  return {
    work,
    instructions: instructionRoles(plan, work, built, byIns, failure !== null),
    failure,
    built,
    newLegacyImages: prober.created,
    imagesUsed: images.used,
    stageLabels,
    stageStates: new Map([...stageOut].map(([i, out]) => [i, out.state])),
    configs
  };
}

/** ONBUILD triggers recorded by the base stage: they run first, before the stage's own instructions. */
function onbuildTriggers(st: StagePlan, stageOut: Map<number, StageOut>): ParsedInstruction[] {
  const triggers: ParsedInstruction[] = [];
  if (st.baseStage === null) return triggers;
  for (const [i, t] of (stageOut.get(st.baseStage)?.state.onbuild ?? []).entries()) {
    const p = parseDockerfile(t).instructions[0];
    if (p) triggers.push({ ...p, index: -1 - i, range: st.from.range });
  }
  return triggers;
}
