/**
 * Calibration from a real build log: the durations `docker build` printed
 * replace the cost model's defaults for the steps they measured.
 *
 * Each step of the log is matched to an instruction of the Dockerfile
 * (calibrate-match.ts). Measured seconds become per-line and per-instruction
 * overrides; the log's own vertices (loading the Dockerfile, resolving
 * images, exporting) calibrate the per-build figures (calibrate-overheads.ts).
 */
import { build } from './build';
import { parseBuildLog } from './build-log';
import { calibrateOverheads, calibrateSession, round3 } from './calibrate-overheads';
import { candidates, labelOf, match } from './calibrate-match';
import { instructionKey } from './estimate';
import type { LogFormat } from './parsed-log';
import type { BuildContext, BuildInput, Builder, CostModel } from './types';

/** A Dockerfile and the log of one `docker build` of it. */
export interface CalibrateInput {
  /** The Dockerfile the log was made with (or a later version of it). */
  dockerfile: string;
  /** The output of `docker build` (plain progress, terminal output or legacy). */
  log: string;
  /** The builder that produced the log; read from the log's format when omitted. */
  builder?: Builder;
  /** The build context, so variables and COPY sources expand as in the real build. */
  context?: BuildContext;
  dockerfilePath?: string;
  buildArgs?: Record<string, string>;
  target?: string;
  /** How long the whole `docker build` took (seconds), when known from outside the log. */
  wallSeconds?: number;
}

/** What became of one step of the log. */
export interface CalibratedStep {
  /** The step as the log labels it (`[build 3/4] RUN ...`, `Step 3/8 : RUN ...`). */
  label: string;
  /** First line of the matching instruction, or null. */
  line: number | null;
  /**
   * `calibrated`: its seconds now override the default; `cached`: the log took
   * it from cache, so it says nothing about its time; `no-duration`: the log has
   * no time for it; `failed`: it failed in that build; `unmatched`: no instruction has it.
   */
  status: 'calibrated' | 'cached' | 'no-duration' | 'failed' | 'unmatched';
  seconds: number | null;
  /** How it was matched, or why it was not. */
  note: string;
}

/** What a log taught: cost-model overrides and, step by step, how they were found. */
export interface Calibration {
  /** How the log was read. */
  format: LogFormat;
  /** The builder the overrides are for. */
  builder: Builder;
  /** Overrides to pass as `BuildInput.costs` (only what the log measured). */
  costs: Partial<CostModel>;
  steps: CalibratedStep[];
  /** First lines of the Dockerfile's steps that the log did not time. */
  uncalibratedLines: number[];
  /** What could and could not be learnt, in sentences. */
  notes: string[];
}

/** Measured seconds from a log, as cost-model overrides, and a report. */
export function calibrateFromLog(input: CalibrateInput): Calibration {
  const log = parseBuildLog(input.log);
  const builder: Builder = input.builder ?? (log.format === 'legacy' ? 'legacy' : 'buildkit');
  const notes: string[] = [];
  const logBuilder: Builder | null =
    log.format === 'legacy' ? 'legacy' : log.format === 'unknown' ? null : 'buildkit';
  if (log.format === 'unknown')
    notes.push(
      'This does not look like `docker build` output: no BuildKit `#N` lines, no `=>` lines and no legacy `Step i/N` lines.'
    );
  else if (logBuilder !== builder)
    notes.push(
      `The log comes from the ${logBuilder === 'legacy' ? 'legacy builder' : 'BuildKit builder'}, but calibration was asked for ${builder === 'legacy' ? 'the legacy builder' : 'BuildKit'}: steps match by text only.`
    );

  const dockerfile = String(input.dockerfile ?? '');
  const logged: BuildInput = {
    dockerfile: input.dockerfile,
    context: input.context ?? { files: {} },
    dockerfilePath: input.dockerfilePath,
    builder,
    buildArgs: input.buildArgs,
    target: input.target
  };
  const planned = build({ ...logged, dockerfile });
  const printed = new Map<number, string>();
  for (const s of planned.steps)
    if (s.printed || s.status !== 'skipped') printed.set(s.range.line, s.instruction);
  const cands = candidates(dockerfile, printed);
  const matched = match(log.steps, cands, log.format, logBuilder ?? builder);

  const lines: Record<number, number> = {};
  const lineNotes: Record<number, string> = {};
  const instructions: Record<string, number> = {};
  const costs: Partial<CostModel> = {};
  let pulledBytes = 0;
  let pullSeconds = 0;
  const steps: CalibratedStep[] = matched.map(({ step, cand, how }) => {
    const label = labelOf(step, logBuilder ?? builder);
    const line = cand?.ins.range.line ?? null;
    if (!cand) return { label, line, status: 'unmatched', seconds: null, note: how };
    if (step.status === 'cached')
      return {
        label,
        line,
        status: 'cached',
        seconds: null,
        note: `${how}; taken from cache in that build, so it says nothing about its time`
      };
    if (step.status === 'error')
      return {
        label,
        line,
        status: 'failed',
        seconds: step.seconds,
        note: `${how}; it failed in that build`
      };
    if (step.seconds === null) {
      const why =
        log.format === 'legacy'
          ? 'the legacy builder prints no durations and the log has no timestamps'
          : 'the log ends before it finishes';
      return { label, line, status: 'no-duration', seconds: null, note: `${how}; ${why}` };
    }
    if (cand.ins.keyword === 'FROM') {
      // A FROM that found its image in the daemon says nothing about how long a pull takes.
      if (!step.pulled)
        return {
          label,
          line,
          status: 'no-duration',
          seconds: step.seconds,
          note: `${how}; the image was already there, so nothing was learnt about pulls`
        };
      pulledBytes += step.downloadedBytes ?? 0;
      pullSeconds += step.downloadedBytes ? step.seconds : 0;
    }
    lines[cand.ins.range.line] = step.seconds;
    lineNotes[cand.ins.range.line] = `measured in your build log (${label.slice(0, 60)})`;
    const key = instructionKey(cand.ins.original);
    if (instructions[key] === undefined) instructions[key] = step.seconds;
    return { label, line, status: 'calibrated', seconds: step.seconds, note: how };
  });
  costs.lines = lines;
  costs.lineNotes = lineNotes;
  costs.instructions = instructions;
  if (pulledBytes >= 1e6 && pullSeconds > 0) costs.pullPerMB = round3(pullSeconds / (pulledBytes / 1e6));

  calibrateOverheads(log, builder, costs, notes);
  if (log.format === 'legacy' && !log.timestamped) {
    notes.push(
      "The legacy builder prints no durations: this log tells which steps were cached, not how long any took. Add timestamps (CI logs have them, or pipe through `ts '%H:%M:%.S'`) or use BuildKit (`DOCKER_BUILDKIT=1 docker build --progress=plain`)."
    );
  }
  const wall = input.wallSeconds ?? log.totalSeconds;
  if (wall !== null && wall !== undefined && log.format !== 'unknown')
    calibrateSession(logged, wall, log, costs, notes);

  const measured = new Set(
    steps.filter((s) => s.status === 'calibrated' && s.line !== null).map((s) => s.line as number)
  );
  const stepLines = planned.steps
    .filter((s) => s.keyword !== 'ARG' || builder === 'legacy')
    .map((s) => s.range.line);
  const uncalibratedLines = [...new Set(stepLines)].filter((l) => !measured.has(l)).sort((a, b) => a - b);
  return { format: log.format, builder, costs, steps, uncalibratedLines, notes };
}
