/** Where a learner is in a lesson, what they predicted, and what the build revealed. Plain data: it is saved and shared. */
import type { BuildResult, StepStatus } from '../../engine/types';
import type { Lesson } from './types';

export interface RevealedStep {
  id: string;
  line: number;
  stage: number;
  instruction: string;
  status: StepStatus;
}

export interface RevealedBuild {
  steps: RevealedStep[];
  error: string | null;
  /** Estimated seconds of the build, and of the same build from an empty cache. */
  seconds: number;
  fullSeconds: number;
}

export interface LessonProgress {
  id: string;
  /** A lesson loaded from a file or a link; null for a built-in one. */
  custom: Lesson | null;
  /** The current step; equal to the number of steps once the lesson is complete. */
  step: number;
  /** Modification times and upstream counts as the step began, for "touch" and "updated" checks. */
  startMtimes: Record<string, number>;
  startUpstream: Record<string, number>;
  /** Hide the prediction until the build is revealed, so the learner guesses first. */
  predictFirst: boolean;
  /** Dockerfile lines the learner thinks will rebuild. */
  marks: number[];
  revealed: RevealedBuild | null;
}

/**
 * The rows a learner predicts and then sees: the steps the daemon prints, plus
 * the instructions of stages it does not build at all, as skipped: "BuildKit
 * never looked at that stage" is part of what a lesson shows.
 */
export function stepRows(r: BuildResult, dockerfile: string): RevealedStep[] {
  const lines = dockerfile.split('\n');
  const rows: RevealedStep[] = r.steps
    .filter((s) => s.printed || s.status === 'skipped')
    .map((s) => ({
      id: s.id,
      line: s.range.line,
      stage: s.stage,
      instruction: s.instruction,
      status: s.status
    }));
  // The engine lists most not-built stages' steps itself; add only what it left out.
  const listed = new Set(rows.map((s) => s.line));
  for (const ins of r.instructions)
    if (ins.role === 'not-built' && !listed.has(ins.range.line))
      rows.push({
        id: `line-${ins.range.line}`,
        line: ins.range.line,
        stage: ins.stage ?? -1,
        // Continuation lines joined, as the daemon prints them.
        instruction: lines
          .slice(ins.range.line - 1, ins.range.endLine)
          .map((l) => l.replace(/\\\s*$/, '').trim())
          .join(' '),
        status: 'skipped'
      });
  return rows.sort((a, b) => a.line - b.line);
}

/** The part of a build the learner sees once it is revealed. */
export function revealedOf(r: BuildResult, dockerfile: string): RevealedBuild {
  return {
    steps: stepRows(r, dockerfile),
    error: r.error?.message ?? null,
    seconds: r.totals.estimatedSeconds,
    fullSeconds: r.totals.fullSeconds
  };
}

export interface Score {
  right: number;
  total: number;
  /** By line: whether the guess ("rebuilds" when marked) matched. */
  byLine: Record<number, boolean>;
}

/** A guess is right when a marked step rebuilt (or failed) and an unmarked one did not (cached or skipped). */
export function scoreOf(revealed: RevealedBuild, marks: number[]): Score {
  const marked = new Set(marks);
  const byLine: Record<number, boolean> = {};
  let right = 0;
  for (const s of revealed.steps) {
    const ok = marked.has(s.line) === (s.status === 'built' || s.status === 'failed');
    byLine[s.line] = ok;
    if (ok) right++;
  }
  return { right, total: revealed.steps.length, byLine };
}
