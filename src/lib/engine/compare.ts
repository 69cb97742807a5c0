/**
 * Compares two orders of the same instructions through the same day: per
 * build and in total, and which steps fare differently. Each order is
 * simulated as in simulate-day.ts; per-line figures of the current order are
 * restated per instruction so the variant's moved steps cost the same.
 */
import { defaultDay, type Day, type DayEdit } from './day';
import { expandDay } from './day-edits';
import { annotationSeconds, instructionKey, round1 } from './estimate';
import { runDay, type DayInput, type DaySimulation, type StepTime } from './simulate-day';
import type { BuildResult, CostModel, StepStatus } from './types';
import { EngineMemo } from './memo';

/** Two orders of one Dockerfile and the day to compare them on; the rest as for `simulateDay`. */
export interface CompareInput extends Omit<DayInput, 'dockerfile'> {
  /** The current Dockerfile; `costs.lines` refer to its lines. */
  a: string;
  /** The variant. */
  b: string;
}

/** An instruction whose fate differs between the two orders in one build. */
export interface StepDifference {
  key: string;
  instruction: string;
  a: { line: number; status: StepStatus; seconds: number } | null;
  b: { line: number; status: StepStatus; seconds: number } | null;
}

/** Which order is faster and how many times: `ratio` is the slower time over the faster (null when one is 0). */
export interface Speedup {
  faster: 'a' | 'b' | 'same';
  ratio: number | null;
}

/** One build of the day under both orders: seconds, running totals, and the steps that differ. */
export interface ComparedBuild {
  n: number;
  label: string;
  changed: string[];
  a: number;
  b: number;
  cumulativeA: number;
  cumulativeB: number;
  differing: StepDifference[];
}

/** Two orders through one day, build by build and in total. */
export interface Comparison {
  day: Day;
  a: DaySimulation;
  b: DaySimulation;
  builds: ComparedBuild[];
  /** `saving`: seconds B saves over A (negative when B is slower). */
  totals: { a: number; b: number; saving: number } & Speedup;
  /** Mean seconds per build for builds made of one kind of edit (e.g. every source edit). */
  byKind: Array<{ kind: DayEdit['kind'] | 'mixed'; builds: number; a: number; b: number } & Speedup>;
}

/**
 * Costs whose per-line figures (set, calibrated or annotated in `from`) are
 * restated per instruction, so another order of the same instructions uses them.
 */
export function portableCosts(
  from: BuildResult,
  dockerfile: string,
  costs: Partial<CostModel> | undefined
): Partial<CostModel> {
  const byLine = { ...annotationSeconds(dockerfile), ...(costs?.lines ?? {}) };
  const instructions: Record<string, number> = {};
  for (const s of from.steps) {
    const v = byLine[s.range.line];
    if (v !== undefined && instructions[instructionKey(s.source)] === undefined)
      instructions[instructionKey(s.source)] = v;
  }
  return {
    ...(costs ?? {}),
    lines: {},
    lineNotes: {},
    instructions: { ...instructions, ...(costs?.instructions ?? {}) }
  };
}

/** Two orders through the same day: per build and in total, and which steps differ. */
export function compareOrders(input: CompareInput, memo: EngineMemo = new EngineMemo()): Comparison {
  const path = input.dockerfilePath ?? 'Dockerfile';
  const day = input.day ?? defaultDay({ dockerfiles: [input.a, input.b] });
  const { warmup, steps } = expandDay(day, {
    context: input.context,
    dockerfiles: [
      { path, text: input.a },
      { path, text: input.b }
    ],
    images: input.images,
    buildArgs: input.buildArgs
  });
  const A = runDay(input.a, warmup, steps, input, input.costs, memo);
  const B = runDay(input.b, warmup, steps, input, portableCosts(A.first, input.a, input.costs), memo);
  let ca = 0;
  let cb = 0;
  const builds: ComparedBuild[] = A.sim.builds.map((ba, i) => {
    const bb = B.sim.builds[i];
    ca += ba.seconds;
    cb += bb.seconds;
    return {
      n: ba.n,
      label: ba.label,
      changed: ba.changed,
      a: ba.seconds,
      b: bb.seconds,
      cumulativeA: round1(ca),
      cumulativeB: round1(cb),
      differing: differences(ba.steps, bb.steps)
    };
  });
  const a = A.sim.totalSeconds;
  const b = B.sim.totalSeconds;
  return {
    day,
    a: A.sim,
    b: B.sim,
    builds,
    totals: { a, b, saving: round1(a - b), ...speedup(a, b) },
    byKind: byKind(A.sim, B.sim)
  };
}

function speedup(a: number, b: number): Speedup {
  const faster = Math.abs(a - b) < 0.05 ? 'same' : a < b ? 'a' : 'b';
  const lo = Math.min(a, b);
  return { faster, ratio: lo > 0 ? Math.round((Math.max(a, b) / lo) * 10) / 10 : null };
}

function differences(a: StepTime[], b: StepTime[]): StepDifference[] {
  const out: StepDifference[] = [];
  const bByKey = new Map(b.map((s) => [s.key, s]));
  const view = (s: StepTime) => ({ line: s.line, status: s.status, seconds: s.seconds });
  for (const sa of a) {
    const sb = bByKey.get(sa.key);
    if (!sb) out.push({ key: sa.key, instruction: sa.instruction, a: view(sa), b: null });
    else if (sb.status !== sa.status)
      out.push({ key: sa.key, instruction: sa.instruction, a: view(sa), b: view(sb) });
  }
  const aKeys = new Set(a.map((s) => s.key));
  for (const sb of b)
    if (!aKeys.has(sb.key)) out.push({ key: sb.key, instruction: sb.instruction, a: null, b: view(sb) });
  return out;
}

function byKind(a: DaySimulation, b: DaySimulation): Comparison['byKind'] {
  const groups = new Map<string, { a: number; b: number; n: number }>();
  a.builds.forEach((ba, i) => {
    const kinds = new Set(ba.kinds);
    const kind = kinds.size === 1 ? [...kinds][0] : 'mixed';
    const g = groups.get(kind) ?? { a: 0, b: 0, n: 0 };
    g.a += ba.seconds;
    g.b += b.builds[i].seconds;
    g.n++;
    groups.set(kind, g);
  });
  return [...groups].map(([kind, g]) => ({
    kind: kind as DayEdit['kind'] | 'mixed',
    builds: g.n,
    a: round1(g.a / g.n),
    b: round1(g.b / g.n),
    ...speedup(g.a, g.b)
  }));
}
