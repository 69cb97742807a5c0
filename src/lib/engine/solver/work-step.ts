/**
 * The solver's record of one step, and the few facts about instructions every
 * part of the solver shares.
 */
import type { Dispatched, DispatchError } from '../dispatch/state';
import type { Digest } from '../digest';
import type { ParsedInstruction } from '../parse';
import type { Plan, StagePlan } from '../plan';
import type { Builder, StepFacts, StepResult, StepStatus } from '../types';

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

/** The instructions BuildKit turns into vertices (the rest only change the stage's config). */
export const VERTEX = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR']);

/** BuildKit's count of a stage's steps: its FROM when it is an image, and every RUN, COPY, ADD and WORKDIR. */
function cmdTotal(st: StagePlan): number {
  let n = st.image && st.baseStage === null ? 1 : 0;
  for (const ins of st.instructions) if (VERTEX.has(ins.keyword)) n++;
  return n;
}

/**
 * How the daemon numbers steps in its progress output: BuildKit per stage
 * (`[build 2/5]`), the legacy builder across the whole build (`Step 7/12`,
 * global ARGs and every instruction of every stage it builds included).
 */
export class StepNumbering {
  private legacyPos = 0;
  private readonly legacyTotal: number;

  constructor(
    private readonly builder: Builder,
    plan: Plan,
    order: StagePlan[]
  ) {
    this.legacyTotal = plan.metaArgs.length + order.reduce((n, s) => n + 1 + s.instructions.length, 0);
  }

  /** The label maker for a stage's steps (`st` null: the global ARGs); `label` is BuildKit's stage name. */
  next(st: StagePlan | null, label: string | null = null): () => StepResult['label'] {
    if (this.builder === 'legacy' || !st)
      return () => ({ stage: null, pos: ++this.legacyPos, of: this.legacyTotal });
    let pos = 0;
    const of = cmdTotal(st);
    return () => ({ stage: label, pos: ++pos, of });
  }
}

/** What a new step starts as; `printed` is the text its progress line shows. */
export interface StepSpec {
  id: string;
  ins: ParsedInstruction;
  stage: number;
  stageName: string | null;
  label: StepResult['label'];
  status: StepStatus;
  kind: WorkStep['kind'];
  parentId?: string | null;
  parentKey?: Digest | null;
  printed: string;
}

export function newStep(s: StepSpec): WorkStep {
  return {
    result: {
      id: s.id,
      stage: s.stage,
      stageName: s.stageName,
      keyword: s.ins.keyword,
      instruction: s.printed,
      source: s.ins.original,
      range: s.ins.range,
      label: s.label,
      printed: s.label !== null,
      cacheKey: null,
      status: s.status,
      reason: { kind: 'cold' },
      estimatedSeconds: 0,
      fullSeconds: 0,
      estimateBasis: ''
    },
    kind: s.kind,
    parentId: s.parentId ?? null,
    parentKey: s.parentKey ?? null,
    dispatched: null,
    contentFrom: [],
    facts: {},
    bytes: 0,
    hasCacheMount: false
  };
}

/** Legacy: the global ARGs (before the first FROM) as steps of their own, which are never cached. */
export function globalArgSteps(plan: Plan, nextLabel: () => StepResult['label']): WorkStep[] {
  return plan.metaArgs.map((ins) =>
    newStep({
      id: `g.${ins.index}`,
      ins,
      stage: -1,
      stageName: null,
      label: nextLabel(),
      status: 'built',
      kind: 'meta-arg',
      printed: ins.original
    })
  );
}
