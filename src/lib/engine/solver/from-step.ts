/**
 * FROM: how a stage starts, as a step.
 *
 * An image base is a step of its own (BuildKit keys it on the resolved digest
 * and platform, and merges it with any other stage on the same image); the
 * legacy builder also prints `FROM <stage>` and `FROM scratch` as steps, which
 * BuildKit does not. A base image the daemon cannot get fails the legacy build
 * at its FROM (BuildKit failed before any step: base-images.ts).
 */
import { imageKey as bkImageKey, SCRATCH_KEY } from '../cache-key';
import { scratchImage, stateFromImage, stateFromStage } from '../dispatch/from';
import type { StageState } from '../dispatch/state';
import type { Digest } from '../digest';
import type { ImageModelSpec } from '../images';
import type { Plan, StagePlan } from '../plan';
import { StageFs } from '../fs';
import type { VertexMerger } from '../rules/vertex-merging';
import type { Builder, StepResult } from '../types';
import type { BaseImages } from './base-images';
import { newStep, type WorkStep } from './work-step';

/** A built stage: its final state, the key (BuildKit) or image (legacy) it ends with, and its last step. */
export interface StageOut {
  state: StageState;
  chain: Digest;
  lastId: string | null;
}

export interface FromInput {
  builder: Builder;
  images: BaseImages;
  merger: VertexMerger;
  stageOut: Map<number, StageOut>;
  work: WorkStep[];
  /** The progress label of the next printed step of this stage. */
  nextLabel: () => StepResult['label'];
}

export type Started =
  | { ok: true; state: StageState; chain: Digest; parentId: string | null; fromId: string }
  | { ok: false; stepId: string | null; message: string; phase: 'fatal' | 'legacy' };

/** Starts a stage: adds its FROM step (if it makes one) and returns the state its instructions begin in. */
export function startStage(st: StagePlan, x: FromInput): Started {
  const { builder } = x;
  const fromId = `s${st.index}.from`;
  const fromStep = (status: WorkStep['result']['status'], printed: string) =>
    newStep({
      id: fromId,
      ins: st.from,
      stage: st.index,
      stageName: st.name,
      label: x.nextLabel(),
      status,
      kind: 'from',
      printed
    });

  if (st.baseStage !== null) {
    const base = x.stageOut.get(st.baseStage);
    if (!base)
      return {
        ok: false,
        stepId: null,
        message: `stage ${st.baseName} is not built before ${st.name ?? st.index}`,
        phase: 'fatal'
      };
    const state = stateFromStage(base.state, builder);
    if (builder === 'buildkit') return { ok: true, state, chain: base.chain, parentId: base.lastId, fromId };
    const w = fromStep('cached', st.from.original);
    w.facts = { text: `FROM ${st.baseName}` };
    w.imageId = base.chain;
    x.work.push(w);
    return { ok: true, state, chain: base.chain, parentId: fromId, fromId };
  }

  const resolved = st.image ? x.images.resolve(st.baseName) : null;
  if (st.baseError || (st.image && !resolved)) {
    // Only the legacy builder gets here: BuildKit failed before any step.
    const w = fromStep('failed', st.from.original);
    w.error = {
      message:
        st.baseError ??
        `pull access denied for ${st.image?.repo}, repository does not exist or may require 'docker login'`,
      phase: 'legacy'
    };
    x.work.push(w);
    return { ok: false, stepId: fromId, message: w.error.message, phase: 'legacy' };
  }

  if (st.image && resolved) {
    const digest = resolved.digest;
    const spec: ImageModelSpec = x.images.spec(digest);
    const present = x.images.use(st.baseName, resolved.key, digest);
    const chain = builder === 'buildkit' ? bkImageKey(digest, st.platform) : digest;
    const w = fromStep(
      present ? 'cached' : 'built',
      builder === 'buildkit' ? `FROM ${st.image.display}` : st.from.original
    );
    w.imageRef = st.baseName;
    w.imageDigest = digest;
    w.facts = { image: { ref: st.baseName, digest } };
    w.imageId = chain;
    if (builder === 'buildkit') {
      w.result.cacheKey = chain;
      const merged = x.merger.mergeWith(chain, fromId);
      if (merged) {
        w.mergedWith = merged;
        w.result.printed = false;
      }
    }
    x.work.push(w);
    return { ok: true, state: stateFromImage(spec, builder), chain, parentId: fromId, fromId };
  }

  // scratch
  if (builder === 'buildkit')
    return { ok: true, state: stateFromImage(null, builder), chain: SCRATCH_KEY, parentId: null, fromId };
  const w = fromStep('cached', st.from.original);
  w.imageId = 'sha256:scratch';
  x.work.push(w);
  return {
    ok: true,
    state: stateFromImage(null, builder),
    chain: 'sha256:scratch',
    parentId: fromId,
    fromId
  };
}

/**
 * How a step reads another stage's files (`COPY --from`, a mount): a stage
 * built already gives its final file system. BuildKit dispatches stages in
 * file order, so reading a later stage sees only that stage's base image; the
 * legacy builder cannot read a stage it has not built (null).
 */
export function stageFsReader(
  plan: Plan,
  builder: Builder,
  images: BaseImages,
  stageOut: Map<number, StageOut>
): (index: number, current: number) => StageFs | null {
  return (index, current) => {
    const out = stageOut.get(index);
    if (out) return out.state.fs;
    if (builder === 'legacy' || index <= current) return null;
    const later = plan.stages[index];
    if (later.image) {
      const r = images.resolve(later.baseName);
      return r ? new StageFs(images.spec(r.digest)) : null;
    }
    return new StageFs(scratchImage());
  };
}
