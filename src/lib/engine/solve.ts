/**
 * Walks the stages a builder builds, dispatches each instruction, computes
 * every step's key and decides hit or miss against the cache. Each cache rule
 * it applies lives in rules/ under its own name; the mechanics of a stage are
 * in solver/.
 */
import type { ContextTree } from './context';
import type { DispatchEnv, DispatchError, StageState } from './dispatch/state';
import type { Digest } from './digest';
import { StageFs } from './fs';
import { parseDockerfile, type ParsedDockerfile, type ParsedInstruction } from './parse';
import type { Plan, StagePlan } from './plan';
import { LegacyProber } from './rules/legacy-cascade';
import { stagesToBuild } from './rules/stage-selection';
import { VertexMerger } from './rules/vertex-merging';
import { BaseImages, type ImageUse } from './solver/base-images';
import { startStage, type StageOut } from './solver/from-step';
import { runStage } from './solver/stage-steps';
import { addUnreached, instructionRoles } from './solver/unreached';
import { cmdTotal, newStep, type WorkStep } from './solver/work-step';
import type {
  Builder,
  CacheSnapshot,
  ImageModel,
  InstructionInfo,
  LegacyImage,
  RemoteFile,
  SourceRange,
  StepResult
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

  // BuildKit dispatches stages in file order: a COPY --from of a later stage sees only that stage's base image.
  const stageFsAt = (index: number, current: number): StageFs | null => {
    const out = stageOut.get(index);
    if (out) return out.state.fs;
    if (builder === 'legacy' || index <= current) return null;
    const later = plan.stages[index];
    if (later.image) {
      const r = images.resolve(later.baseName);
      return r ? new StageFs(images.spec(r.digest)) : null;
    }
    return new StageFs({ model: 'generic', digest: 'sha256:scratch', env: [], files: new Map() });
  };

  // Legacy prints the ARGs before the first FROM as steps that are never cached.
  let legacyPos = 0;
  const legacyTotal = plan.metaArgs.length + order.reduce((n, s) => n + 1 + s.instructions.length, 0);
  if (builder === 'legacy' && !plan.fatal) {
    for (const ins of plan.metaArgs) {
      const id = `g.${ins.index}`;
      work.push(
        newStep({
          id,
          ins,
          stage: -1,
          stageName: null,
          label: { stage: null, pos: ++legacyPos, of: legacyTotal },
          status: 'built',
          kind: 'meta-arg',
          printed: ins.original
        })
      );
      byIns.set(ins.index, id);
    }
  }

  for (const st of order) {
    if (failure) break;
    const label = stageLabels.get(st.index) ?? null;
    let pos = 0;
    const of = cmdTotal(st);
    const nextLabel = (): StepResult['label'] =>
      builder === 'buildkit'
        ? { stage: label, pos: ++pos, of }
        : { stage: null, pos: ++legacyPos, of: legacyTotal };

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

  if (failure) addUnreached(order, work, builder, byIns, failure.stepId);
  if (plan.target !== null && !plan.fatal) {
    const target = plan.stages[plan.target];
    const notNeeded = plan.stages.filter((st) => !built.has(st.index));
    for (const w of addUnreached(notNeeded, work, builder, byIns, null)) {
      w.result.reason = { kind: 'not-needed', target: target.name ?? `stage ${target.index}` };
    }
  }

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
