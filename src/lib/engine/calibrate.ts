/**
 * Calibration from a real build log: the durations `docker build` printed
 * replace the cost model's defaults for the steps they measured.
 *
 * Each step of the log is matched to an instruction of the Dockerfile by its
 * label (stage and position, as the daemon numbers them) and its text (as the
 * daemon prints it: BuildKit expands variables, so `$VAR` in the Dockerfile
 * matches any text; the engine's own expansion is used where it can plan the
 * build). When the positions no longer agree (the Dockerfile changed since
 * the log was made), a step still matches by its text alone if exactly one
 * instruction of that keyword has it. Measured seconds become per-line and
 * per-instruction overrides; the log's own vertices (loading the Dockerfile,
 * resolving images, exporting) calibrate the per-build figures.
 */
import { build } from './build';
import { parseBuildLog, type LogFormat, type LogStep, type ParsedLog } from './build-log';
import { instructionKey, round1 } from './estimate';
import { parseImageRef } from './images';
import { parseDockerfile, type ParsedInstruction } from './parse';
import type { BuildContext, Builder, CostModel } from './types';

export interface CalibrateInput {
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

export interface Calibration {
  format: LogFormat;
  builder: Builder;
  /** Overrides to pass as `BuildInput.costs` (only what the log measured). */
  costs: Partial<CostModel>;
  steps: CalibratedStep[];
  /** First lines of the Dockerfile's steps that the log did not time. */
  uncalibratedLines: number[];
  /** What could and could not be learnt, in sentences. */
  notes: string[];
}

interface Candidate {
  ins: ParsedInstruction;
  stageLabel: string | null;
  stageIndex: number;
  bkPos: number | null;
  legacyPos: number;
  /** The text BuildKit printed for it, when the engine could plan it. */
  printed: string | null;
}

const BK_STEPS = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR']);

/** Every instruction with the labels each builder gives it. */
function candidates(dockerfile: string, printed: Map<number, string>): Candidate[] {
  const parsed = parseDockerfile(dockerfile);
  const froms = parsed.instructions.filter((i) => i.keyword === 'FROM');
  const multi = froms.length > 1;
  const names = new Set<string>();
  const out: Candidate[] = [];
  let stage = -1;
  let label: string | null = null;
  let pos = 0;
  for (const ins of parsed.instructions) {
    if (ins.keyword === 'FROM') {
      stage++;
      const m = /^(?:--\S+\s+)*(\S+)(?:\s+as\s+(\S+))?/i.exec(ins.args);
      const base = (m?.[1] ?? '').toLowerCase();
      const name = m?.[2]?.toLowerCase() ?? null;
      label = multi ? (name ?? `stage-${stage}`) : null;
      const isImage = base !== 'scratch' && !names.has(base) && !/^\d+$/.test(base);
      pos = isImage ? 1 : 0;
      if (name) names.add(name);
      out.push({
        ins,
        stageLabel: label,
        stageIndex: stage,
        bkPos: isImage ? 1 : null,
        legacyPos: ins.index + 1,
        printed: printed.get(ins.range.line) ?? null
      });
      continue;
    }
    const bk = stage >= 0 && BK_STEPS.has(ins.keyword) ? ++pos : null;
    out.push({
      ins,
      stageLabel: label,
      stageIndex: stage,
      bkPos: bk,
      legacyPos: ins.index + 1,
      printed: printed.get(ins.range.line) ?? null
    });
  }
  return out;
}

function fold(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** The written instruction as a pattern: variables match anything. */
function pattern(source: string): RegExp {
  const text = instructionKey(source);
  const parts = text.split(/(\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*)/);
  const body = parts.map((p, i) => (i % 2 ? '.*?' : p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`, 'i');
}

function fromMatches(logText: string, c: Candidate): boolean {
  const ref = /^(?:--\S+\s+)*(\S+)/.exec(c.ins.args)?.[1] ?? '';
  const printed = fold(logText)
    .replace(/^FROM\s+/i, '')
    .split(' ')[0];
  if (ref.includes('$')) return true;
  const p = parseImageRef(ref);
  // BuildKit: once an image is resolved in a registry, the FROM vertex names it with
  // its digest (`python:3.12-slim@sha256:...`); the Dockerfile names it by tag.
  return [printed, printed.replace(/@sha256:[0-9a-f]{64}$/i, '')].some(
    (shown) =>
      shown === ref ||
      (p.ok && (shown === p.ref.display || shown === p.ref.name + (p.ref.tag ? `:${p.ref.tag}` : '')))
  );
}

function textMatches(logText: string, c: Candidate, format: LogFormat, builder: Builder): boolean {
  const keyword = fold(logText).split(' ')[0].toUpperCase();
  if (keyword !== c.ins.keyword) return false;
  if (c.ins.keyword === 'FROM' && builder === 'buildkit') return fromMatches(logText, c);
  const t = fold(logText);
  if (c.printed && fold(c.printed) === t) return true;
  if (pattern(c.ins.original).test(t)) return true;
  // A terminal cuts long lines at its width.
  return (
    format === 'buildkit-tty' &&
    t.length >= 20 &&
    instructionKey(c.ins.original).startsWith(t.replace(/\.\.\.$/, ''))
  );
}

function labelOf(s: LogStep, builder: Builder): string {
  return builder === 'legacy'
    ? `Step ${s.pos}/${s.of} : ${s.instruction}`
    : `[${s.stage ? s.stage + ' ' : ''}${s.pos}/${s.of}] ${s.instruction}`;
}

function match(
  steps: LogStep[],
  cands: Candidate[],
  format: LogFormat,
  builder: Builder
): Array<{ step: LogStep; cand: Candidate | null; how: string }> {
  const used = new Set<Candidate>();
  const samePlace = (s: LogStep, c: Candidate) =>
    builder === 'legacy'
      ? c.legacyPos === s.pos
      : c.bkPos === s.pos && (c.stageLabel ?? null) === (s.stage ?? null);
  return steps.map((step) => {
    const fits = cands.filter((c) => !used.has(c) && textMatches(step.instruction, c, format, builder));
    let cand = fits.find((c) => samePlace(step, c)) ?? null;
    let how = 'matched by position and text';
    if (!cand) {
      const inStage =
        builder === 'buildkit' ? fits.filter((c) => (c.stageLabel ?? null) === (step.stage ?? null)) : fits;
      const pool = inStage.length ? inStage : fits;
      if (pool.length === 1) {
        cand = pool[0];
        how = 'matched by text; its position differs (the Dockerfile changed since this log?)';
      } else if (pool.length > 1)
        how = `${pool.length} instructions read like this one and none is at its position`;
      else how = 'no instruction in the Dockerfile reads like this';
    }
    if (cand) used.add(cand);
    return { step, cand, how };
  });
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
  const planned = build({
    dockerfile,
    context: input.context ?? { files: {} },
    dockerfilePath: input.dockerfilePath,
    builder,
    buildArgs: input.buildArgs,
    target: input.target
  });
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
    calibrateSession(input, builder, wall, log, costs, notes);

  const measured = new Set(
    steps.filter((s) => s.status === 'calibrated' && s.line !== null).map((s) => s.line as number)
  );
  const stepLines = planned.steps
    .filter((s) => s.keyword !== 'ARG' || builder === 'legacy')
    .map((s) => s.range.line);
  const uncalibratedLines = [...new Set(stepLines)].filter((l) => !measured.has(l)).sort((a, b) => a - b);
  return { format: log.format, builder, costs, steps, uncalibratedLines, notes };
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** The per-build figures from BuildKit's own vertices, or the legacy builder's context upload. */
function calibrateOverheads(
  log: ParsedLog,
  builder: Builder,
  costs: Partial<CostModel>,
  notes: string[]
): void {
  const i = log.internal;
  if (log.format === 'buildkit-plain' || log.format === 'buildkit-tty') {
    if (i.definition !== null || i.dockerignore !== null)
      costs.buildOverhead = round1((i.definition ?? 0) + (i.dockerignore ?? 0));
    const resolved = i.metadata.map((m) => m.seconds).filter((s): s is number => s !== null);
    if (resolved.length) costs.resolveImage = round1(resolved.reduce((a, b) => a + b, 0) / resolved.length);
    if (i.export !== null) costs.export = i.export;
  }
  const ctx = i.context;
  if (ctx && ctx.bytes !== null && ctx.seconds !== null) {
    if (ctx.bytes >= 1e6 && ctx.seconds >= 0.1) costs.contextPerMB = round3(ctx.seconds / (ctx.bytes / 1e6));
    else
      notes.push(
        `The build context was too small (${ctx.bytes} bytes) to measure how fast it is sent; the default stays.`
      );
  }
  if (builder === 'legacy' && log.format !== 'legacy')
    notes.push(
      'Durations measured by BuildKit include its own step overhead; the legacy builder adds a commit per step on top.'
    );
}

/**
 * What the log does not show: the client, the session and everything around
 * the vertices. With the build's wall-clock time, the difference between it
 * and the calibrated model of that same build becomes part of the per-build overhead.
 */
function calibrateSession(
  input: CalibrateInput,
  builder: Builder,
  wall: number,
  log: ParsedLog,
  costs: Partial<CostModel>,
  notes: string[]
): void {
  if (log.steps.some((s) => s.status !== 'done')) {
    notes.push(
      'The build in the log took steps from cache or failed, so its total time cannot calibrate the per-build overhead.'
    );
    return;
  }
  // Model the logged build itself: every step ran, with the seconds the log measured.
  const modelled = build({
    dockerfile: input.dockerfile,
    context: input.context ?? { files: {} },
    dockerfilePath: input.dockerfilePath,
    builder,
    buildArgs: input.buildArgs,
    target: input.target,
    costs: { ...costs, pullPerMB: costs.pullPerMB ?? 0 }
  });
  if (modelled.error) {
    notes.push(
      'Layer Lab could not model the logged build (give it the build context), so its total time was not used.'
    );
    return;
  }
  const extra = round1(wall - modelled.totals.estimatedSeconds);
  costs.buildOverhead = round1((costs.buildOverhead ?? 0) + Math.max(0, extra));
  notes.push(
    `The whole build took ${wall} s, ${extra >= 0 ? `${extra} s more than its steps and BuildKit's own vertices: that time is counted in every build` : 'less than the model of its steps'}.`
  );
}
