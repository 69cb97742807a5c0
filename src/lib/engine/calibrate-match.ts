/**
 * Which instruction of the Dockerfile each step of a build log is: by label
 * (stage and position, as the daemon numbers them) and by text (as the daemon
 * prints it). Separate from calibrate.ts because matching is the part that
 * knows how each builder names and prints steps; calibration only uses the
 * result.
 *
 * BuildKit expands variables, so `$VAR` in the Dockerfile matches any text;
 * the engine's own expansion is used where it can plan the build. When the
 * positions no longer agree (the Dockerfile changed since the log was made),
 * a step still matches by its text alone if exactly one instruction of that
 * keyword has it.
 */
import { instructionKey } from './estimate';
import { parseImageRef } from './images';
import { parseDockerfile, type ParsedInstruction } from './parse';
import type { LogFormat, LogStep } from './parsed-log';
import type { Builder } from './types';

/** An instruction of the Dockerfile with the positions each builder would label it with. */
export interface Candidate {
  ins: ParsedInstruction;
  /** BuildKit's stage in the label: the stage's name, `stage-N`, or null with a single stage. */
  stageLabel: string | null;
  stageIndex: number;
  /** BuildKit's `i` in `[i/n]`, or null for instructions BuildKit does not number. */
  bkPos: number | null;
  /** The legacy builder's `Step i/N`. */
  legacyPos: number;
  /** The text BuildKit printed for it, when the engine could plan it. */
  printed: string | null;
}

const BK_STEPS = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR']);

/**
 * Every instruction with the labels each builder gives it; `printed` maps
 * first lines to the text BuildKit prints for them (when the engine could plan it).
 */
export function candidates(dockerfile: string, printed: Map<number, string>): Candidate[] {
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

/** A step as the log labels it: `Step 3/8 : RUN ...` (legacy) or `[build 3/4] RUN ...` (BuildKit). */
export function labelOf(s: LogStep, builder: Builder): string {
  return builder === 'legacy'
    ? `Step ${s.pos}/${s.of} : ${s.instruction}`
    : `[${s.stage ? s.stage + ' ' : ''}${s.pos}/${s.of}] ${s.instruction}`;
}

/**
 * Each log step with its instruction (null when none fits) and how it was
 * matched, or why not; an instruction matches at most one step.
 */
export function match(
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
