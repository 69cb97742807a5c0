/**
 * Rewrites that only pay off together: a greedy search over rules applied to
 * each other's output, and the cost figures that follow a rewritten
 * instruction. Separate from index.ts because it is the one search in the
 * advisor; everything else is one round of rules and checks.
 */
import { round1 } from '../estimate';
import type { CostModel } from '../types';
import type { DaySimulation } from '../simulate-day';
import { MIN_SAVING, type Checked } from './proposal';
import type { Candidate } from './rule-types';

/**
 * Greedy: apply the change that saves most, again and again; when nothing saves
 * on its own, apply a change that costs nothing (it may enable another) and look again.
 * Null unless at least two changes together beat the baseline.
 */
export function combine(
  original: string,
  baseline: DaySimulation,
  startCosts: Partial<CostModel>,
  candidatesOf: (text: string) => { candidates: Candidate[] },
  check: (c: Candidate, costs: Partial<CostModel>) => Checked
): { text: string; steps: Candidate[]; after: DaySimulation; costs: Partial<CostModel> } | null {
  let text = original;
  let costs = startCosts;
  let total = baseline.totalSeconds;
  let after = baseline;
  const steps: Candidate[] = [];
  const tried = new Set<string>([original]);
  for (let roundNo = 0; roundNo < 8; roundNo++) {
    const good = candidatesOf(text)
      .candidates.filter((c) => !tried.has(c.dockerfile))
      .map((c) => check(c, retime(costs, c)))
      .filter((r) => r.ok && r.after);
    if (!good.length) break;
    good.sort((a, b) => (a.after as DaySimulation).totalSeconds - (b.after as DaySimulation).totalSeconds);
    const best = good[0];
    const saving = total - (best.after as DaySimulation).totalSeconds;
    const pick =
      saving >= MIN_SAVING ? best : good.find((r) => (r.after as DaySimulation).totalSeconds <= total + 0.05);
    if (!pick) break;
    tried.add(pick.candidate.dockerfile);
    costs = retime(costs, pick.candidate);
    text = pick.candidate.dockerfile;
    after = pick.after as DaySimulation;
    total = after.totalSeconds;
    steps.push(pick.candidate);
  }
  return steps.length >= 2 && total < baseline.totalSeconds ? { text, steps, after, costs } : null;
}

/** Costs for a rewrite: figures set for instructions it rewrites follow them, scaled. */
export function retime(costs: Partial<CostModel>, c: Candidate): Partial<CostModel> {
  if (!c.retimed?.length) return costs;
  const instructions = { ...(costs.instructions ?? {}) };
  for (const r of c.retimed) {
    const v = instructions[r.before];
    if (v !== undefined && instructions[r.after] === undefined) instructions[r.after] = round1(v * r.factor);
  }
  return { ...costs, instructions };
}
