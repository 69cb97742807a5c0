/**
 * What the advisor hands back: proposals, rejections and the advice that
 * holds them, and how a checked candidate becomes a proposal. Separate from
 * index.ts (which runs rules and checks) so the shapes hosts read are in one
 * short file, apart from the orchestration that produces them.
 */
import { round1 } from '../estimate';
import type { Day } from '../day';
import type { DaySimulation } from '../simulate-day';
import { lineDiff, type DiffLine } from './diff';
import type { Candidate, ProposalKind } from './rule-types';

/** Seconds a proposal must save over the day to be worth showing. */
export const MIN_SAVING = 0.5;

/** A rewrite that keeps the image the same and saves at least `MIN_SAVING` seconds over the day. */
export interface Proposal {
  /** Stable within one Dockerfile: kind and the first line it is about. */
  id: string;
  /** `combined`: several rewrites that only pay off together, applied as one. */
  kind: ProposalKind;
  title: string;
  detail: string;
  /** Lines of the current Dockerfile it is about. */
  lines: number[];
  /** The whole rewritten Dockerfile (apply = replace the text with it). */
  dockerfile: string;
  diff: DiffLine[];
  /** The day simulated with both: total seconds before and after, and per build. */
  saving: {
    before: number;
    after: number;
    seconds: number;
    perBuild: Array<{ n: number; label: string; before: number; after: number }>;
  };
  /** The evidence that the image stays the same. */
  sameImage: { states: number; ignored: string[] };
}

/** A rewrite that was considered and not proposed, and why. */
export interface Rejection {
  kind: ProposalKind;
  lines: number[];
  title: string | null;
  why: string;
}

/** The advisor's answer for one Dockerfile over one day. */
export interface Advice {
  /** The day it was judged on (the default day when none was given). */
  day: Day;
  /** The current Dockerfile over the day, seconds. */
  baseline: number;
  proposals: Proposal[];
  rejected: Rejection[];
}

/**
 * A candidate held to both checks: `ok` when the image stays the same and the
 * rewrite builds; `why` says why not (null when ok); `after` is its day, or
 * null when the image check failed first; `states` counts the day states compared.
 */
export interface Checked {
  candidate: Candidate;
  ok: boolean;
  why: string | null;
  after: DaySimulation | null;
  states: number;
}

/**
 * A candidate that passed both checks, as a proposal: `before` is the current
 * Dockerfile's day, `after` the rewrite's, `states` the day states compared.
 */
export function toProposal(
  c: Candidate,
  original: string,
  before: DaySimulation,
  after: DaySimulation,
  states: number
): Proposal {
  return {
    id: `${c.kind}:${c.lines[0] ?? 0}`,
    kind: c.kind,
    title: c.title,
    detail: c.detail,
    lines: c.lines,
    dockerfile: c.dockerfile,
    diff: lineDiff(original, c.dockerfile),
    saving: {
      before: before.totalSeconds,
      after: after.totalSeconds,
      seconds: round1(before.totalSeconds - after.totalSeconds),
      perBuild: before.builds.map((b, i) => ({
        n: b.n,
        label: b.label,
        before: b.seconds,
        after: after.builds[i]?.seconds ?? 0
      }))
    },
    sameImage: { states, ignored: c.ignore }
  };
}
