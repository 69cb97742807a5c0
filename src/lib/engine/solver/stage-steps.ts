/**
 * A stage's instructions, one after the other: dispatch each, key it, and
 * decide hit or miss with the builder's rules (rules/no-cache-workdir.ts and
 * rules/vertex-merging.ts for BuildKit, rules/legacy-cascade.ts for legacy).
 */
import { legacyProbe, vertexKey } from '../cache-key';
import { dispatchCopy } from '../dispatch/copy-add';
import { dispatchMeta } from '../dispatch/meta';
import { dispatchRun } from '../dispatch/run';
import type { DispatchEnv, Dispatched, DispatchError, StageState } from '../dispatch/state';
import { dispatchWorkdir } from '../dispatch/workdir';
import type { Digest } from '../digest';
import type { ParsedInstruction } from '../parse';
import type { StagePlan } from '../plan';
import type { LegacyProber } from '../rules/legacy-cascade';
import { buildkitStatus } from '../rules/no-cache-workdir';
import type { VertexMerger } from '../rules/vertex-merging';
import { treeSize } from '../tree';
import type { Builder, SourceRange, StepResult } from '../types';
import { newStep, VERTEX, type WorkStep } from './work-step';

export interface StageRun {
  builder: Builder;
  noCache: boolean;
  /** BuildKit's cache records, by key. */
  records: Record<Digest, unknown>;
  merger: VertexMerger;
  prober: LegacyProber;
  work: WorkStep[];
  /** Instruction index → step id ('' for an instruction that makes no step). */
  byIns: Map<number, string>;
  configs: Array<{ stage: number; keyword: string; value: unknown }>;
  nextLabel: () => StepResult['label'];
}

export type StageFailure = {
  stepId: string | null;
  message: string;
  phase: DispatchError['phase'] | 'fatal';
  range?: SourceRange;
};

/**
 * Runs `instructions` (ONBUILD triggers first, with negative indices) from
 * `state`, chained on `chain` after step `parentId`. Returns where the stage
 * ends, or the failure that stopped it.
 */
export function runStage(
  st: StagePlan,
  instructions: ParsedInstruction[],
  triggers: number,
  start: { state: StageState; chain: Digest; parentId: string | null },
  env: DispatchEnv,
  r: StageRun
): { state: StageState; chain: Digest; parentId: string | null; failure: StageFailure | null } {
  const { builder } = r;
  let { state, chain, parentId } = start;
  // Legacy: the first miss busts the rest of the stage (rules/legacy-cascade.ts).
  let busted = r.noCache;
  let chainCached = true;
  for (const [n, ins] of instructions.entries()) {
    const id = ins.index < 0 ? `s${st.index}.trigger${-1 - ins.index}` : `s${st.index}.${n - triggers}`;
    const d = dispatch(ins, state, env);
    if (!VERTEX.has(ins.keyword) && !d.error)
      r.configs.push({
        stage: st.index,
        keyword: ins.keyword,
        value: (d.legacyOp as { value?: unknown } | null)?.value ?? null
      });
    const isVertex = builder === 'legacy' || (d.vertex && VERTEX.has(ins.keyword));
    if (ins.index >= 0) r.byIns.set(ins.index, isVertex ? id : '');
    if (builder === 'buildkit' && !isVertex) {
      if (d.error)
        return {
          state,
          chain,
          parentId,
          failure: { stepId: null, message: d.error.message, phase: 'fatal', range: ins.range }
        };
      state = d.next;
      // WORKDIR / still takes a number in BuildKit's count, but makes no vertex.
      continue;
    }
    const label = builder === 'legacy' && ins.index < 0 ? null : r.nextLabel();
    const w = newStep({
      id,
      ins,
      stage: st.index,
      stageName: st.name,
      label,
      status: 'built',
      kind: 'step',
      parentId,
      parentKey: chain,
      printed: builder === 'buildkit' ? d.printed : ins.original
    });
    w.dispatched = d;
    w.facts = d.facts;
    w.unknown = d.unknown;
    w.contentFrom = [
      ...new Set([
        ...d.content.filter((c) => c.stage !== null).map((c) => c.stage as number),
        ...(d.reads ?? [])
      ])
    ];
    w.bytes = d.content.reduce((b, c) => b + treeSize(c.node), 0);
    w.hasCacheMount = ins.flags.some((f) => f.name === 'mount' && /type=cache/.test(f.value ?? ''));
    if (ins.index < 0 && builder === 'legacy') w.result.printed = false;
    r.work.push(w);

    const err = d.error;
    if (err && (builder === 'legacy' || err.phase !== 'legacy')) {
      if (err.phase === 'convert' && builder === 'buildkit')
        return { state, chain, parentId, failure: { stepId: null, message: err.message, phase: 'fatal' } };
      w.error = err;
      w.result.status = 'failed';
      return { state, chain, parentId, failure: { stepId: id, message: err.message, phase: err.phase } };
    }

    if (builder === 'buildkit') {
      const key = vertexKey(d.op, chain, d.content);
      w.result.cacheKey = key;
      const merged = r.merger.mergeWith(key, id);
      if (merged) {
        w.mergedWith = merged;
        w.result.printed = false;
        w.result.status = r.work.find((x) => x.result.id === merged)?.result.status ?? 'cached';
      } else {
        const inCache = Object.prototype.hasOwnProperty.call(r.records, key);
        w.result.status = buildkitStatus({ inCache, noCache: r.noCache, keyword: ins.keyword, chainCached });
      }
      if (w.result.status !== 'cached') chainCached = false;
      chain = key;
    } else {
      const probe = legacyProbe(d.legacyOp);
      w.result.cacheKey = probe;
      const looked = r.prober.step(
        chain,
        { id, probe, keyword: ins.keyword, line: ins.range.line, stage: st.index, facts: d.facts },
        busted
      );
      if (!looked.hit) busted = true;
      w.result.status = looked.hit ? 'cached' : 'built';
      chain = looked.image;
      w.imageId = chain;
    }
    state = d.next;
    parentId = id;
  }
  return { state, chain, parentId, failure: null };
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
