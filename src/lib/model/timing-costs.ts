/**
 * The page's own timing figures (seconds a person set on a step, a calibration
 * from a real build log) and how they become the engine's `BuildInput.costs`.
 *
 * The engine takes per-step seconds by line, but lines move as people edit. So
 * the session keeps each figure by *step key*: the instruction as written
 * (`instructionKey`) and which occurrence of that text it is. Before every run
 * the keys are resolved against the current Dockerfile: a figure follows its
 * instruction when lines move, and stops applying when the instruction's text
 * changes (it is no longer the step that was measured).
 */
import type { Builder, Calibration, CalibratedStep, CostModel, LogFormat } from '../engine/index';
import { instructionKey } from '../engine/estimate';
import { joinLogicalLine } from '../engine/parse';

/** A step of a Dockerfile as the timing figures know it. */
export interface KeyedStep {
  line: number;
  key: string;
  keyword: string;
  /** The instruction as written, continuation lines joined and folded. */
  text: string;
}

/** What a calibration learnt about one instruction, by step key. */
export interface CalibratedEntry {
  status: CalibratedStep['status'];
  /** Measured seconds (calibrated), or what the log showed (a failed step), or null. */
  seconds: number | null;
  /** The step as the log labels it. */
  label: string;
  /** How it was matched, or why it teaches nothing. */
  note: string;
}

/** The per-build figures a log can measure. */
export type BuildFigures = Partial<
  Pick<CostModel, 'buildOverhead' | 'resolveImage' | 'export' | 'pullPerMB' | 'contextPerMB'>
>;

export const FIGURE_NAMES: Record<keyof BuildFigures, string> = {
  buildOverhead: 'per-build overhead',
  resolveImage: 'resolving a base image',
  export: 'exporting the image',
  pullPerMB: 'pulling, per MB',
  contextPerMB: 'sending the context, per MB'
};

/** A calibration as the session keeps it: plain data, the log itself not kept. */
export interface SavedCalibration {
  format: LogFormat;
  builder: Builder;
  /** Where the log came from: a file name, or "pasted log". */
  source: string;
  /** When it was made (ms since the epoch, the host's clock). */
  at: number;
  byKey: Record<string, CalibratedEntry>;
  /** Log steps that match no instruction of the Dockerfile. */
  unmatched: Array<{ label: string; note: string }>;
  figures: BuildFigures;
  notes: string[];
}

export interface TimingSettings {
  /** Seconds a person set on a step, by step key. */
  overrides: Record<string, number>;
  calibration: SavedCalibration | null;
}

export function emptyTiming(): TimingSettings {
  return { overrides: {}, calibration: null };
}

/**
 * Where each instruction starts, read the way BuildKit's parser reads lines:
 * an `# escape=` directive at the top, comment and blank lines skipped, a line
 * ending in the escape character continued (comment and blank lines inside
 * skipped). This runs on the page's thread at every keystroke, so it is a
 * linear scan rather than the engine's full parser (hundreds of ms on a huge
 * file, and it needs a Node global); a test holds the two to the same lines.
 */
function instructionLines(lines: string[]): { starts: number[]; escape: string } {
  let escape = '\\';
  let i = 0;
  for (; i < lines.length; i++) {
    const d = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/.exec(lines[i].replace(/\r$/, ''));
    if (!d) break;
    if (d[1].toLowerCase() === 'escape' && (d[2] === '`' || d[2] === '\\')) escape = d[2];
  }
  const cont = escape === '`' ? /`[ \t]*\r?$/ : /\\[ \t]*\r?$/;
  const starts: number[] = [];
  let continuing = false;
  for (; i < lines.length; i++) {
    const raw = lines[i];
    if (/^\s*(#|$)/.test(raw)) continue;
    if (!continuing) starts.push(i);
    continuing = cont.test(raw);
  }
  return { starts, escape };
}

/** Every instruction with its step key: `RUN npm ci`, and `RUN npm ci #2` for the second of the same text. */
export function keyedSteps(dockerfile: string): KeyedStep[] {
  const text = dockerfile.startsWith('\uFEFF') ? ' ' + dockerfile.slice(1) : dockerfile;
  const lines = text.split('\n');
  const { starts, escape } = instructionLines(lines);
  const seen = new Map<string, number>();
  return starts.map((start) => {
    const key = instructionKey(joinLogicalLine(lines, start, escape).text);
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    const keyword = key.split(' ')[0];
    return { line: start + 1, key: n > 1 ? `${key} #${n}` : key, keyword, text: key };
  });
}

const FIGURES = Object.keys(FIGURE_NAMES) as Array<keyof BuildFigures>;

/** Re-keys a calibration made against `dockerfile` so it survives later edits. */
export function keepCalibration(
  dockerfile: string,
  cal: Calibration,
  source: string,
  at: number
): SavedCalibration {
  const keyOf = new Map(keyedSteps(dockerfile).map((s) => [s.line, s.key]));
  const byKey: Record<string, CalibratedEntry> = {};
  const unmatched: SavedCalibration['unmatched'] = [];
  for (const s of cal.steps) {
    const key = s.line === null ? undefined : keyOf.get(s.line);
    if (key === undefined) unmatched.push({ label: s.label, note: s.note });
    else byKey[key] = { status: s.status, seconds: s.seconds, label: s.label, note: s.note };
  }
  const figures: BuildFigures = {};
  for (const f of FIGURES) if (typeof cal.costs[f] === 'number') figures[f] = cal.costs[f];
  return {
    format: cal.format,
    builder: cal.builder,
    source,
    at,
    byKey,
    unmatched,
    figures,
    notes: cal.notes
  };
}

/** Where a step's seconds come from, when not from the defaults. */
export type TimingSource = 'set' | 'measured';

export interface ResolvedTiming {
  /** What to pass as `BuildInput.costs`; undefined when nothing is set or measured. */
  costs: Partial<CostModel> | undefined;
  /** By first line of the current Dockerfile. */
  sources: Record<number, TimingSource>;
}

/** The figures that apply to the current Dockerfile. A person's figure beats a measured one. */
export function resolveTiming(dockerfile: string, t: TimingSettings): ResolvedTiming {
  const cal = t.calibration;
  if (!cal && Object.keys(t.overrides).length === 0) return { costs: undefined, sources: {} };
  const lines: Record<number, number> = {};
  const lineNotes: Record<number, string> = {};
  const sources: Record<number, TimingSource> = {};
  for (const s of keyedSteps(dockerfile)) {
    const set = t.overrides[s.key];
    const measured = cal?.byKey[s.key];
    if (set !== undefined) {
      lines[s.line] = set;
      lineNotes[s.line] = 'set by you in the page';
      sources[s.line] = 'set';
    } else if (measured?.status === 'calibrated' && measured.seconds !== null) {
      lines[s.line] = measured.seconds;
      lineNotes[s.line] = `measured in your build log (${measured.label.slice(0, 60)})`;
      sources[s.line] = 'measured';
    }
  }
  return { costs: { ...(cal?.figures ?? {}), lines, lineNotes }, sources };
}

/** Parses what a person typed as seconds: `45`, `45s`, `1.5m`, `800ms`. Null when it is not a duration. */
export function parseSeconds(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(ms|s|sec|secs|seconds?|m|min|minutes?)?\s*$/i.exec(text);
  if (!m) return null;
  const unit = (m[2] ?? 's').toLowerCase();
  const factor = unit === 'ms' ? 0.001 : unit.startsWith('m') ? 60 : 1;
  const v = Math.round(Number(m[1]) * factor * 1000) / 1000;
  // A day of builds is bounded; a step longer than a day is a typo.
  return Number.isFinite(v) && v <= 86_400 ? v : null;
}

/** Accepts only what a saved session may hold, so an old or hand-edited save cannot break a run. */
export function normalizeTiming(value: unknown): TimingSettings {
  const v = value as Partial<TimingSettings> | null | undefined;
  const overrides: Record<string, number> = {};
  for (const [k, s] of Object.entries(v?.overrides ?? {}))
    if (typeof s === 'number' && Number.isFinite(s) && s >= 0) overrides[k] = s;
  const c = v?.calibration;
  const calibration =
    c && typeof c === 'object' && c.byKey && typeof c.byKey === 'object'
      ? {
          ...c,
          unmatched: Array.isArray(c.unmatched) ? c.unmatched : [],
          figures: c.figures ?? {},
          notes: Array.isArray(c.notes) ? c.notes : []
        }
      : null;
  return { overrides, calibration };
}

/** What a layer row needs to show and change a step's seconds (the Session has it). */
export interface StepTimingControls {
  timingSource(line: number): TimingSource | null;
  setStepSeconds(line: number, seconds: number | null): void;
}
