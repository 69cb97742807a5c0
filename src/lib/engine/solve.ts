/**
 * Walks the stages a builder builds, dispatches each instruction, computes
 * every step's key and decides hit or miss against the cache.
 *
 * BuildKit: only the target and the stages it reads are built (file order);
 * a step hits when its key is in the cache; identical vertices within one
 * build are merged; `--no-cache` reruns RUN, COPY and ADD but not WORKDIR.
 * Legacy: every stage up to the target is built, in order; a step hits when
 * the parent image has a child with the same config, until the first miss in
 * the stage, after which nothing is looked up until the next FROM.
 */
import { imageKey as bkImageKey, legacyImageId, legacyProbe, SCRATCH_KEY, vertexKey } from './cache-key';
import type { ContextTree } from './context';
import { dispatchCopy } from './dispatch/copy-add';
import { stateFromImage, stateFromStage } from './dispatch/from';
import { dispatchMeta } from './dispatch/meta';
import { dispatchRun } from './dispatch/run';
import type { DispatchEnv, Dispatched, DispatchError, StageState } from './dispatch/state';
import { dispatchWorkdir } from './dispatch/workdir';
import type { Digest } from './digest';
import { StageFs } from './fs';
import { imageKey, imageModelSpec, defaultImageDigest, type ImageModelSpec } from './images';
import { parseDockerfile, type ParsedDockerfile, type ParsedInstruction } from './parse';
import { treeSize } from './tree';
import { reachableStages, type Plan, type StagePlan } from './plan';
import type {
  Builder,
  CacheSnapshot,
  ImageModel,
  InstructionInfo,
  LegacyImage,
  RemoteFile,
  SourceRange,
  StepFacts,
  StepResult,
  StepStatus
} from './types';

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

/** One step as the solver tracks it. */
export interface WorkStep {
  result: StepResult;
  kind: 'from' | 'step' | 'meta-arg';
  /** The step before it in its chain (through FROM <stage>), or null. */
  parentId: string | null;
  /** BuildKit: the parent's key; legacy: the parent image id. */
  parentKey: Digest | null;
  dispatched: Dispatched | null;
  /** Steps of other stages whose output this one reads by content. */
  contentFrom: number[];
  facts: StepFacts;
  /** Bytes copied, for estimates. */
  bytes: number;
  hasCacheMount: boolean;
  imageRef?: string;
  imageDigest?: Digest;
  /** Legacy: the image this step produced or reused. */
  imageId?: Digest;
  /** BuildKit: the step this one is merged with. */
  mergedWith?: string;
  /** Why the real build may fail here although the engine cannot tell (Dispatched.unknown). */
  unknown?: string;
  error?: DispatchError;
}

export interface Solved {
  work: WorkStep[];
  instructions: InstructionInfo[];
  /** `range`: the instruction at fault when no step stands for it (a BuildKit ENV or ARG). */
  failure: { stepId: string | null; message: string; phase: DispatchError['phase'] | 'fatal'; range?: SourceRange } | null;
  built: Set<number>;
  newLegacyImages: LegacyImage[];
  imagesUsed: Array<{ ref: string; key: string; digest: Digest; present: boolean }>;
  stageLabels: Map<number, string | null>;
  /** Each built stage's state after its last instruction (its file system, env, user...). */
  stageStates: Map<number, StageState>;
  /** Image-config instructions (LABEL, CMD, EXPOSE...) of each built stage with their expanded values, in order. */
  configs: Array<{ stage: number; keyword: string; value: unknown }>;
}

interface StageOut {
  state: StageState;
  chain: Digest;
  lastId: string | null;
}

const VERTEX = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR']);

export function solve(parsed: ParsedDockerfile, plan: Plan, context: ContextTree, o: SolveOptions): Solved {
  const { builder } = o;
  const work: WorkStep[] = [];
  const instructions: InstructionInfo[] = [];
  const byIns = new Map<number, string>();
  const stageOut = new Map<number, StageOut>();
  const newLegacyImages: LegacyImage[] = [];
  const imagesUsed: Solved['imagesUsed'] = [];
  const stageLabels = new Map<number, string | null>();
  const configs: Solved['configs'] = [];
  let failure: Solved['failure'] = plan.fatal ? { stepId: null, message: plan.fatal.message, phase: 'fatal' } : null;

  const reachable = reachableStages(plan);
  const order: StagePlan[] =
    plan.target === null
      ? []
      : builder === 'buildkit'
        ? plan.stages.filter((s) => reachable.has(s.index))
        : plan.stages.slice(0, plan.target + 1);
  const built = new Set(order.map((s) => s.index));
  for (const st of plan.stages) stageLabels.set(st.index, plan.stateCount > 1 ? st.name ?? `stage-${st.index}` : null);

  const held = new Set(o.cache.heldImages);
  const resolveImage = (ref: string): { key: string; digest: Digest } | null => {
    const key = imageKey(ref);
    const d = o.images.get(key);
    if (d) return { key, digest: d };
    if (o.offline) return null;
    return { key, digest: defaultImageDigest(key, o.imageModel) };
  };
  const specFor = (digest: Digest): ImageModelSpec => imageModelSpec(o.imageModel, digest);

  // BuildKit loads the metadata of every base image it needs before running anything.
  if (!failure && builder === 'buildkit') {
    for (const st of order) {
      if (st.baseError) {
        failure = { stepId: null, message: st.baseError, phase: 'fatal' };
        break;
      }
      if (st.image && !resolveImage(st.baseName)) {
        failure = { stepId: null, message: `failed to load metadata for ${st.image.display}: pull access denied, repository does not exist or may require authorization`, phase: 'fatal' };
        break;
      }
    }
  }

  // BuildKit dispatches stages in file order: a COPY --from of a later stage sees only that stage's base image.
  const stageFsAt = (index: number, current: number): StageFs | null => {
    const out = stageOut.get(index);
    if (out) return out.state.fs;
    if (builder === 'legacy' || index <= current) return null;
    const later = plan.stages[index];
    if (later.image) {
      const r = resolveImage(later.baseName);
      return r ? new StageFs(specFor(r.digest)) : null;
    }
    return new StageFs({ model: 'generic', digest: 'sha256:scratch', env: [], files: new Map() });
  };

  // Legacy prints the ARGs before the first FROM as steps that are never cached.
  let legacyPos = 0;
  const legacyTotal = plan.metaArgs.length + order.reduce((n, s) => n + 1 + s.instructions.length, 0);
  if (builder === 'legacy' && !plan.fatal) {
    for (const ins of plan.metaArgs) {
      const id = `g.${ins.index}`;
      work.push(step(id, ins, -1, null, { stage: null, pos: ++legacyPos, of: legacyTotal }, 'built', 'meta-arg', null, null, ins.original));
      byIns.set(ins.index, id);
    }
  }

  const seen = new Map<Digest, string>();
  // The legacy prober looks for a child of the parent image with the same config: index them once.
  const legacyIndex = new Map<string, LegacyImage>();
  if (builder === 'legacy') for (const img of o.cache.legacy.images) indexLegacy(legacyIndex, img);
  for (const st of order) {
    if (failure) break;
    const label = stageLabels.get(st.index) ?? null;
    let pos = 0;
    const of = cmdTotal(st);
    const nextLabel = () => (builder === 'buildkit' ? { stage: label, pos: ++pos, of } : { stage: null, pos: ++legacyPos, of: legacyTotal });

    // FROM
    let state: StageState;
    let chain: Digest;
    let parentId: string | null = null;
    const fromId = `s${st.index}.from`;
    if (st.baseStage !== null) {
      const base = stageOut.get(st.baseStage);
      if (!base) {
        failure = { stepId: null, message: `stage ${st.baseName} is not built before ${st.name ?? st.index}`, phase: 'fatal' };
        break;
      }
      state = stateFromStage(base.state, builder);
      chain = base.chain;
      parentId = base.lastId;
      if (builder === 'legacy') {
        const w = step(fromId, st.from, st.index, st.name, nextLabel(), 'cached', 'from', null, null, st.from.original);
        w.facts = { text: `FROM ${st.baseName}` };
        w.imageId = chain;
        work.push(w);
        parentId = fromId;
      }
    } else {
      let spec: ImageModelSpec | null = null;
      let digest: Digest | null = null;
      if (st.baseError) {
        // Only the legacy builder gets here (BuildKit refused the file before any step).
        const w = step(fromId, st.from, st.index, st.name, nextLabel(), 'failed', 'from', null, null, st.from.original);
        w.error = { message: st.baseError, phase: 'legacy' };
        work.push(w);
        failure = { stepId: fromId, message: st.baseError, phase: 'legacy' };
        break;
      }
      if (st.image) {
        const r = resolveImage(st.baseName);
        if (!r || st.baseError) {
          // Only the legacy builder gets here: BuildKit failed before any step.
          const w = step(fromId, st.from, st.index, st.name, nextLabel(), 'failed', 'from', null, null, st.from.original);
          w.error = { message: st.baseError ?? `pull access denied for ${st.image.repo}, repository does not exist or may require 'docker login'`, phase: 'legacy' };
          work.push(w);
          failure = { stepId: fromId, message: w.error.message, phase: 'legacy' };
          break;
        }
        digest = r.digest;
        spec = specFor(digest);
        const present = held.has(digest);
        imagesUsed.push({ ref: st.baseName, key: r.key, digest, present });
        held.add(digest);
        chain = builder === 'buildkit' ? bkImageKey(digest, st.platform) : digest;
        const printed = builder === 'buildkit' ? `FROM ${st.image.display}` : st.from.original;
        const w = step(fromId, st.from, st.index, st.name, nextLabel(), present ? 'cached' : 'built', 'from', null, null, printed);
        w.imageRef = st.baseName;
        w.imageDigest = digest;
        w.facts = { image: { ref: st.baseName, digest } };
        w.imageId = chain;
        if (builder === 'buildkit') {
          w.result.cacheKey = chain;
          const merged = seen.get(chain);
          if (merged) {
            w.mergedWith = merged;
            w.result.printed = false;
          } else seen.set(chain, fromId);
        }
        work.push(w);
        parentId = fromId;
      } else {
        chain = builder === 'buildkit' ? SCRATCH_KEY : 'sha256:scratch';
        if (builder === 'legacy') {
          const w = step(fromId, st.from, st.index, st.name, nextLabel(), 'cached', 'from', null, null, st.from.original);
          w.imageId = chain;
          work.push(w);
          parentId = fromId;
        }
      }
      state = stateFromImage(spec, builder);
    }
    byIns.set(st.from.index, builder === 'buildkit' && (st.baseStage !== null || st.scratch) ? '' : fromId);

    // ONBUILD triggers recorded by the base stage run first, then the stage's own instructions.
    const triggers: ParsedInstruction[] = [];
    if (st.baseStage !== null) {
      const base = stageOut.get(st.baseStage);
      for (const [i, t] of (base?.state.onbuild ?? []).entries()) {
        const p = parseDockerfile(t).instructions[0];
        if (p) triggers.push({ ...p, index: -1 - i, range: st.from.range });
      }
    }
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
      image: (ref) => {
        const r = resolveImage(ref);
        if (!r) return null;
        if (!imagesUsed.some((u) => u.key === r.key)) imagesUsed.push({ ref, key: r.key, digest: r.digest, present: held.has(r.digest) });
        held.add(r.digest);
        return specFor(r.digest);
      }
    };

    let busted = o.noCache;
    let chainCached = true;
    const all = [...triggers, ...st.instructions];
    for (const [n, ins] of all.entries()) {
      const id = ins.index < 0 ? `s${st.index}.trigger${-1 - ins.index}` : `s${st.index}.${n - triggers.length}`;
      const d = dispatch(ins, state, env);
      if (!VERTEX.has(ins.keyword) && !d.error) configs.push({ stage: st.index, keyword: ins.keyword, value: (d.legacyOp as { value?: unknown } | null)?.value ?? null });
      const isVertex = builder === 'legacy' || (d.vertex && VERTEX.has(ins.keyword));
      if (ins.index >= 0) byIns.set(ins.index, isVertex ? id : '');
      if (builder === 'buildkit' && !isVertex) {
        if (d.error) {
          failure = { stepId: null, message: d.error.message, phase: 'fatal', range: ins.range };
          break;
        }
        state = d.next;
        // WORKDIR / still takes a number in BuildKit's count, but makes no vertex.
        continue;
      }
      const label = builder === 'legacy' && ins.index < 0 ? null : builder === 'buildkit' || ins.index >= 0 ? nextLabel() : null;
      const w = step(id, ins, st.index, st.name, label, 'built', 'step', parentId, chain, builder === 'buildkit' ? d.printed : ins.original);
      w.dispatched = d;
      w.facts = d.facts;
      w.unknown = d.unknown;
      w.contentFrom = [...new Set([...d.content.filter((c) => c.stage !== null).map((c) => c.stage as number), ...(d.reads ?? [])])];
      w.bytes = d.content.reduce((b, c) => b + treeSize(c.node), 0);
      w.hasCacheMount = ins.flags.some((f) => f.name === 'mount' && /type=cache/.test(f.value ?? ''));
      if (ins.index < 0 && builder === 'legacy') w.result.printed = false;
      work.push(w);

      const err = d.error;
      if (err && (builder === 'legacy' || err.phase !== 'legacy')) {
        if (err.phase === 'convert' && builder === 'buildkit') {
          failure = { stepId: null, message: err.message, phase: 'fatal' };
          break;
        }
        w.error = err;
        w.result.status = 'failed';
        failure = { stepId: id, message: err.message, phase: err.phase };
        break;
      }

      if (builder === 'buildkit') {
        const key = vertexKey(d.op, chain, d.content);
        w.result.cacheKey = key;
        const merged = seen.get(key);
        if (merged) {
          w.mergedWith = merged;
          w.result.printed = false;
          const first = work.find((x) => x.result.id === merged);
          w.result.status = first?.result.status ?? 'cached';
        } else {
          seen.set(key, id);
          const inCache = Object.prototype.hasOwnProperty.call(o.cache.buildkit.records, key);
          let status: StepStatus;
          if (o.noCache) status = ins.keyword === 'WORKDIR' && inCache && chainCached ? 'cached' : 'built';
          else status = inCache ? 'cached' : 'built';
          w.result.status = status;
        }
        if (w.result.status !== 'cached') chainCached = false;
        chain = key;
      } else {
        const probe = legacyProbe(d.legacyOp);
        w.result.cacheKey = probe;
        const hit = busted ? undefined : legacyIndex.get(`${chain}\u0000${probe}`);
        if (hit) {
          w.result.status = 'cached';
          chain = hit.id;
        } else {
          busted = true;
          w.result.status = 'built';
          const newId = legacyImageId(o.serial, id, probe);
          const image: LegacyImage = {
            id: newId,
            parent: chain,
            probe,
            keyword: ins.keyword,
            line: ins.range.line,
            stage: st.index,
            facts: d.facts,
            created: o.serial * 100000 + newLegacyImages.length
          };
          newLegacyImages.push(image);
          indexLegacy(legacyIndex, image);
          chain = newId;
        }
        w.imageId = chain;
      }
      state = d.next;
      parentId = id;
    }
    if (failure) break;
    stageOut.set(st.index, { state, chain, lastId: parentId });
  }

  // After a failure, the steps never reached are still listed (skipped), so a page can show them.
  if (failure) addUnreached(order, work, builder, byIns, failure.stepId);
  // So are the stages this builder does not build for the target.
  if (plan.target !== null && !plan.fatal) {
    const target = plan.stages[plan.target];
    const notNeeded = plan.stages.filter((st) => !built.has(st.index));
    for (const w of addUnreached(notNeeded, work, builder, byIns, null)) {
      w.result.reason = { kind: 'not-needed', target: target.name ?? `stage ${target.index}` };
    }
  }

  // Every instruction, and what became of it.
  const workById = new Map(work.map((w) => [w.result.id, w]));
  for (const st of plan.stages) {
    for (const ins of [st.from, ...st.instructions]) {
      const id = byIns.get(ins.index);
      const role: InstructionInfo['role'] = !built.has(st.index)
        ? 'not-built'
        : id === undefined
          ? failure
            ? 'not-built'
            : 'config'
          : id === ''
            ? 'config'
            : 'step';
      instructions.push({ range: ins.range, keyword: ins.keyword, stage: st.index, stepId: id && workById.has(id) ? id : null, role });
    }
  }
  for (const ins of plan.metaArgs) {
    const id = byIns.get(ins.index) ?? null;
    instructions.push({ range: ins.range, keyword: ins.keyword, stage: null, stepId: id, role: 'global-arg' });
  }
  instructions.sort((a, b) => a.range.from - b.range.from);

  const stageStates = new Map([...stageOut].map(([i, o]) => [i, o.state]));
  return { work, instructions, failure, built, newLegacyImages, imagesUsed, stageLabels, stageStates, configs };
}

/** Keeps, per parent image and probe, the most recently created image: the one the prober picks. */
function indexLegacy(index: Map<string, LegacyImage>, img: LegacyImage): void {
  const key = `${img.parent}\u0000${img.probe}`;
  const had = index.get(key);
  if (!had || img.created > had.created) index.set(key, img);
}

/** Lists, as skipped, the steps of `order` not in `work` yet; returns them. */
function addUnreached(order: StagePlan[], work: WorkStep[], builder: Builder, byIns: Map<number, string>, failedId: string | null): WorkStep[] {
  const have = new Set(work.map((w) => w.result.id));
  const add: WorkStep[] = [];
  for (const st of order) {
    const fromId = `s${st.index}.from`;
    if (!have.has(fromId) && (builder === 'legacy' || (st.image && st.baseStage === null))) {
      add.push(step(fromId, st.from, st.index, st.name, null, 'skipped', 'from', null, null, builder === 'buildkit' && st.image ? `FROM ${st.image.display}` : st.from.original));
      byIns.set(st.from.index, fromId);
    }
    for (const [n, ins] of st.instructions.entries()) {
      const id = `s${st.index}.${n}`;
      if (have.has(id) || (builder === 'buildkit' && !VERTEX.has(ins.keyword))) continue;
      add.push(step(id, ins, st.index, st.name, null, 'skipped', 'step', null, null, ins.original));
      byIns.set(ins.index, id);
    }
  }
  const failedLine = failedId ? work.find((w) => w.result.id === failedId)?.result.range.line ?? null : null;
  for (const w of add) {
    w.result.printed = false;
    w.result.reason = { kind: 'after-error', stepId: failedId, line: failedLine };
  }
  work.push(...add);
  work.sort((a, b) => (a.result.stage - b.result.stage) || a.result.range.from - b.result.range.from);
  return add;
}

function dispatch(ins: ParsedInstruction, s: StageState, env: DispatchEnv): Dispatched {
  switch (ins.keyword) {
    case 'RUN':
      return dispatchRun(ins, s, env);
    case 'COPY':
    case 'ADD':
      return dispatchCopy(ins, s, env);
    case 'WORKDIR':
      return dispatchWorkdir(ins, s, env);
    default:
      return dispatchMeta(ins, s, env);
  }
}

/** BuildKit's count of a stage's steps: its FROM when it is an image, and every RUN, COPY, ADD and WORKDIR. */
function cmdTotal(st: StagePlan): number {
  let n = st.image && st.baseStage === null ? 1 : 0;
  for (const ins of st.instructions) if (VERTEX.has(ins.keyword)) n++;
  return n;
}

function step(
  id: string,
  ins: ParsedInstruction,
  stage: number,
  stageName: string | null,
  label: StepResult['label'],
  status: StepStatus,
  kind: WorkStep['kind'],
  parentId: string | null,
  parentKey: Digest | null,
  printed: string
): WorkStep {
  return {
    result: {
      id,
      stage,
      stageName,
      keyword: ins.keyword,
      instruction: printed,
      source: ins.original,
      range: ins.range,
      label,
      printed: label !== null,
      cacheKey: null,
      status,
      reason: { kind: 'cold' },
      estimatedSeconds: 0,
      fullSeconds: 0,
      estimateBasis: ''
    },
    kind,
    parentId,
    parentKey,
    dispatched: null,
    contentFrom: [],
    facts: {},
    bytes: 0,
    hasCacheMount: false
  };
}
