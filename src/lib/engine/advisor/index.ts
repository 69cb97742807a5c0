/**
 * The advisor: rewrites of a Dockerfile that keep the image the same and make
 * the day's rebuilds cheaper. Rules propose (rules/*); every proposal is then
 * held to the same two checks, whatever rule made it:
 * 1. the same image in every state of the day (verify.ts; docs/advisor.md);
 * 2. a saving of at least half a second over the day, simulated with the
 *    engine for both versions (the same day, the same cost model).
 */
import { build } from '../build';
import { EngineMemo } from '../memo';
import { portableCosts } from '../compare';
import { defaultDay, type Day } from '../day';
import { expandDay } from '../day-edits';
import { round1 } from '../estimate';
import { simulateDay, type DayInput } from '../simulate-day';
import { combine, retime } from './combine';
import { contextView } from './context-view';
import { lineDiff } from './diff';
import { viewOf } from './model';
import { MIN_SAVING, toProposal, type Advice, type Checked, type Proposal, type Rejection } from './proposal';
import { argDown } from './rule-arg-down';
import { cacheMount } from './rule-cache-mount';
import { depsFirst } from './rule-deps-first';
import { installEarly } from './rule-install-early';
import { metadataLate } from './rule-metadata-late';
import type { Candidate, RuleContext, RuleResult } from './rule-types';
import type { Builder, CostModel } from '../types';
import { originalContents, sameImage } from './verify';

export type { ProposalKind } from './rule-types';
export type { DiffLine } from './diff';
export { MIN_SAVING } from './proposal';
export type { Advice, Proposal, Rejection } from './proposal';

// Order only breaks ties: of rewrites that are the same, or save the same, the earlier rule's wins.
const RULES: Array<(rc: RuleContext) => RuleResult> = [
  depsFirst,
  installEarly,
  argDown,
  cacheMount,
  metadataLate
];

/** Proposals for a Dockerfile over a day (default: `defaultDay()` for it). Never throws. */
export function advise(input: DayInput, memo: EngineMemo = new EngineMemo()): Advice {
  const day = input.day ?? defaultDay({ dockerfiles: [input.dockerfile] });
  const empty: Advice = { day, baseline: 0, proposals: [], rejected: [] };
  try {
    return adviseUnsafe(input, day, memo);
  } catch (e) {
    return {
      ...empty,
      rejected: [
        {
          kind: 'deps-first',
          lines: [],
          title: null,
          why: `the advisor failed: ${e instanceof Error ? e.message : String(e)}`
        }
      ]
    };
  }
}

function adviseUnsafe(input: DayInput, day: Day, memo: EngineMemo): Advice {
  const builder: Builder = input.builder === 'legacy' ? 'legacy' : 'buildkit';
  const path = input.dockerfilePath ?? 'Dockerfile';
  const shared = { builder, dockerfilePath: path, target: input.target, imageModel: input.imageModel };
  const { warmup, steps } = expandDay(day, {
    context: input.context,
    dockerfiles: [{ path, text: input.dockerfile }],
    images: input.images,
    buildArgs: input.buildArgs
  });
  const first = build(
    {
      ...shared,
      dockerfile: input.dockerfile,
      context: { files: { ...warmup.files, [path]: { data: input.dockerfile } } },
      buildArgs: warmup.buildArgs,
      images: warmup.images,
      costs: input.costs
    },
    memo
  );
  const baseline = simulateDay({ ...input, day }, memo);
  if (first.error)
    return {
      day,
      baseline: baseline.totalSeconds,
      proposals: [],
      rejected: [
        {
          kind: 'deps-first',
          lines: [],
          title: null,
          why: `the Dockerfile does not build (${first.error.message}), so nothing can be checked`
        }
      ]
    };

  const ctx = contextView(input, memo);
  const states = [warmup, ...steps];
  const before = originalContents(input.dockerfile, states, shared);
  const bCosts = portableCosts(first, input.dockerfile, input.costs);
  const checked = new Map<string, Checked>();
  const check = (c: Candidate, costs: Partial<CostModel> = retime(bCosts, c)): Checked => {
    const hit = checked.get(c.dockerfile);
    if (hit) return hit;
    const same = sameImage(input.dockerfile, c.dockerfile, states, before, shared, c.ignore);
    let result: Checked;
    if (!same.same)
      result = {
        candidate: c,
        ok: false,
        why: `it would change the image: ${same.differences.slice(0, 3).join('; ')}`,
        after: null,
        states: same.states
      };
    else {
      const after = simulateDay({ ...input, dockerfile: c.dockerfile, day, costs }, memo);
      const fails = after.warmup.error !== null || after.builds.some((b) => b.error);
      result = {
        candidate: c,
        ok: !fails,
        why: fails ? 'the rewritten Dockerfile fails to build' : null,
        after,
        states: same.states
      };
    }
    checked.set(c.dockerfile, result);
    return result;
  };
  const candidatesOf = (text: string) => {
    const rc: RuleContext = { view: viewOf(text), builder, context: ctx };
    const out = { candidates: [] as Candidate[], skipped: [] as RuleResult['skipped'] };
    for (const rule of RULES) {
      const r = rule(rc);
      out.candidates.push(...r.candidates.filter((c) => c.dockerfile !== text));
      out.skipped.push(...r.skipped);
    }
    return out;
  };

  const rejected: Rejection[] = [];
  const proposals: Proposal[] = [];
  const firstRound = candidatesOf(input.dockerfile);
  rejected.push(
    ...firstRound.skipped.map((s) => ({ kind: s.kind, lines: s.lines, title: null, why: s.why }))
  );
  for (const c of firstRound.candidates) {
    const r = check(c);
    const saving = r.after ? round1(baseline.totalSeconds - r.after.totalSeconds) : 0;
    if (!r.ok || !r.after)
      rejected.push({ kind: c.kind, lines: c.lines, title: c.title, why: r.why ?? 'not checked' });
    else if (saving < MIN_SAVING)
      rejected.push({
        kind: c.kind,
        lines: c.lines,
        title: c.title,
        why: `on its own it saves ${saving} s over the day (less than ${MIN_SAVING} s)`
      });
    else if (!proposals.some((p) => p.dockerfile === c.dockerfile))
      proposals.push(toProposal(c, input.dockerfile, baseline, r.after, r.states));
  }
  proposals.sort((a, b) => b.saving.seconds - a.saving.seconds || a.lines[0] - b.lines[0]);

  const combined = combine(input.dockerfile, baseline, bCosts, candidatesOf, check);
  if (
    combined &&
    combined.after.totalSeconds <= baseline.totalSeconds - (proposals[0]?.saving.seconds ?? 0) - MIN_SAVING
  ) {
    const c: Candidate = {
      kind: 'combined',
      title: `Apply ${combined.steps.length} changes together`,
      detail: `Some changes only pay off together: ${combined.steps.map((x) => x.title.replace(/\.$/, '')).join('; then ')}. Each keeps the image the same, and so does the whole.`,
      lines: lineDiff(input.dockerfile, combined.text)
        .filter((d) => d.op === 'remove')
        .map((d) => d.a as number),
      dockerfile: combined.text,
      ignore: combined.steps.flatMap((x) => x.ignore)
    };
    const r = check(c, combined.costs);
    if (r.ok && r.after) proposals.unshift(toProposal(c, input.dockerfile, baseline, r.after, r.states));
  }
  return { day, baseline: baseline.totalSeconds, proposals, rejected };
}
