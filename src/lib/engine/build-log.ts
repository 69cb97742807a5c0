/**
 * Reads the output of a real `docker build`: BuildKit's `--progress=plain`
 * (`#N [stage i/n] INSTRUCTION` ... `#N DONE 12.3s` / `#N CACHED`), BuildKit's
 * terminal output (`=> [2/5] RUN ...  12.3s`, as copied from a terminal) or
 * the legacy builder's (`Step i/N : INSTRUCTION`, ` ---> Using cache`).
 *
 * The legacy builder prints no durations. When every line carries a timestamp
 * (CI logs, `docker build ... | ts '%H:%M:%.S'`), a step lasts from its
 * `Step` line to the next one; without timestamps only the cache decisions can
 * be read. Timestamps in front of BuildKit lines are skipped.
 */

export type LogFormat = 'buildkit-plain' | 'buildkit-tty' | 'legacy' | 'unknown';

/** What each format is called when a person is told which one their log was read as. */
export const LOG_FORMAT_NAMES: Record<LogFormat, string> = {
  'buildkit-plain': 'BuildKit plain progress',
  'buildkit-tty': 'BuildKit terminal output',
  legacy: 'legacy builder output',
  unknown: 'unknown format'
};

/** One step as the log shows it. */
export interface LogStep {
  /** BuildKit: the stage in the label (`build`, `stage-1`) or null; legacy: null. */
  stage: string | null;
  pos: number;
  of: number;
  /** The instruction as printed. */
  instruction: string;
  /** `done`: ran to the end; `running`: the log ends before it does. */
  status: 'done' | 'cached' | 'error' | 'running';
  /** How long it ran, or null when the log does not say. */
  seconds: number | null;
  /** FROM: the log shows the image being downloaded (it was not in the daemon yet). */
  pulled?: boolean;
  /** BuildKit FROM: bytes of the layers the log shows it downloading. */
  downloadedBytes?: number;
}

export interface ParsedLog {
  format: LogFormat;
  steps: LogStep[];
  /** BuildKit's own vertices, seconds (null when absent). */
  internal: {
    definition: number | null;
    dockerignore: number | null;
    metadata: Array<{ ref: string; seconds: number | null }>;
    context: { seconds: number | null; bytes: number | null } | null;
    export: number | null;
  };
  /** The whole build, when the log says (`[+] Building 12.3s`, the `real` line of `time`). */
  totalSeconds: number | null;
  /** Legacy: every step line had a timestamp, so durations could be read. */
  timestamped: boolean;
}

// ISO date-times (CI logs), `May 01 10:00:00` (ts), `10:00:00.123`, optionally in brackets.
const TIMESTAMP =
  /^\s*\[?((\d{4}-\d\d-\d\d)[T ](\d\d):(\d\d):(\d\d(?:\.\d+)?)(?:Z|[+-]\d\d:?\d\d)?|(?:[A-Z][a-z]{2} +\d{1,2} +)?(\d\d):(\d\d):(\d\d(?:\.\d+)?))\]?\s+/;
const ANSI = new RegExp(String.fromCharCode(27) + '\\[[0-9;?]*[A-Za-z]', 'g');

/** Removes a leading timestamp; returns the time of day in seconds, if there was one. */
function stripTimestamp(line: string): { text: string; at: number | null } {
  const m = TIMESTAMP.exec(line);
  if (!m) return { text: line, at: null };
  const [h, mi, s] = m[2] ? [m[3], m[4], m[5]] : [m[6], m[7], m[8]];
  // A date gives days too, so a build that runs past midnight still adds up.
  const day = m[2]
    ? Math.floor(Date.UTC(+m[2].slice(0, 4), +m[2].slice(5, 7) - 1, +m[2].slice(8, 10)) / 86400000)
    : 0;
  return { text: line.slice(m[0].length), at: day * 86400 + Number(h) * 3600 + Number(mi) * 60 + Number(s) };
}

/** "45.2MB", "269B", "1.5kB" -> bytes. */
export function parseSize(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*([kKMG]?i?B)$/.exec(text.trim());
  if (!m) return null;
  const unit = m[2].toUpperCase().replace('I', '');
  const f = unit === 'KB' ? 1e3 : unit === 'MB' ? 1e6 : unit === 'GB' ? 1e9 : 1;
  return Math.round(Number(m[1]) * f);
}

const LABEL = /^\[(?:(\S+) )?\s*(\d+)\/(\d+)\] (.*)$/;

function emptyInternal(): ParsedLog['internal'] {
  return { definition: null, dockerignore: null, metadata: [], context: null, export: null };
}

/** Whole-build time from `time` or BuildKit's terminal header. */
function totalFrom(lines: string[]): number | null {
  let total: number | null = null;
  for (const l of lines) {
    const b = /^\[\+\] Building (\d+(?:\.\d+)?)s \(\d+\/\d+\)( FINISHED)?/.exec(l.trim());
    if (b) total = Number(b[1]);
    const r = /^real\s+(?:(\d+)m)?(\d+(?:\.\d+)?)s$/.exec(l.trim());
    if (r) total = Number(r[1] ?? 0) * 60 + Number(r[2]);
  }
  return total;
}

/** Reads a build log. Never throws: what it cannot read is left out. */
export function parseBuildLog(text: string): ParsedLog {
  const raw = String(text ?? '')
    .replace(/\r\n?/g, '\n')
    .replace(ANSI, '')
    .split('\n');
  const stamped = raw.map(stripTimestamp);
  const lines = stamped.map((s) => s.text);
  const total = totalFrom(lines);
  if (lines.some((l) => /^#\d+ /.test(l))) return { ...parsePlain(lines), totalSeconds: total };
  if (lines.some((l) => /^\s*=> /.test(l))) return { ...parseTty(lines), totalSeconds: total };
  if (lines.some((l) => /^Step \d+\/\d+ : /.test(l))) return { ...parseLegacy(stamped), totalSeconds: total };
  return { format: 'unknown', steps: [], internal: emptyInternal(), totalSeconds: total, timestamped: false };
}

function parsePlain(lines: string[]): Omit<ParsedLog, 'totalSeconds'> {
  const internal = emptyInternal();
  const steps: LogStep[] = [];
  const byId = new Map<string, { kind: string; step?: LogStep; ref?: string }>();
  for (const line of lines) {
    const m = /^#(\d+) (.*)$/.exec(line);
    if (!m) continue;
    const [, id, rest] = m;
    const known = byId.get(id);
    if (!known || rest.startsWith('[')) {
      // A vertex header; BuildKit prints it again when its output resumes.
      const label = LABEL.exec(rest);
      if (label) {
        const key = `${label[1] ?? ''} ${label[2]}/${label[3]}`;
        const same =
          known?.step && `${known.step.stage ?? ''} ${known.step.pos}/${known.step.of}` === key
            ? known.step
            : null;
        if (!same) {
          const step: LogStep = {
            stage: label[1] ?? null,
            pos: Number(label[2]),
            of: Number(label[3]),
            instruction: label[4].trim(),
            status: 'running',
            seconds: null
          };
          steps.push(step);
          byId.set(id, { kind: 'step', step });
        }
        continue;
      }
      const kind = /^\[internal\] load build definition/.test(rest)
        ? 'definition'
        : /^\[internal\] load \.dockerignore/.test(rest)
          ? 'dockerignore'
          : /^\[internal\] load metadata for /.test(rest)
            ? 'metadata'
            : /^\[internal\] load build context/.test(rest)
              ? 'context'
              : /^exporting to image/.test(rest)
                ? 'export'
                : null;
      if (kind && !known) {
        const ref =
          kind === 'metadata' ? rest.replace(/^\[internal\] load metadata for /, '').trim() : undefined;
        byId.set(id, { kind, ref });
        if (kind === 'metadata') internal.metadata.push({ ref: ref ?? '', seconds: null });
        if (kind === 'context') internal.context = { seconds: null, bytes: null };
      }
      if (kind || !known) continue;
    }
    const v = byId.get(id);
    if (!v) continue;
    const done = /^DONE (\d+(?:\.\d+)?)s$/.exec(rest);
    if (v.step) {
      if (done) {
        v.step.status = 'done';
        v.step.seconds = Number(done[1]);
      } else if (rest === 'CACHED') v.step.status = 'cached';
      else if (/^(ERROR|CANCELED)\b/.test(rest)) v.step.status = 'error';
      else {
        // Layers a FROM downloads: "sha256:abc... 12.5MB / 45.2MB 1.2s" (the last report of each layer wins).
        const dl = /^sha256:([0-9a-f]{12,}) (\S+) \/ (\S+)/.exec(rest);
        if (dl && v.step.instruction.startsWith('FROM ')) {
          const size = parseSize(dl[3]);
          if (size !== null) layerSizes(v.step).set(dl[1], size);
          v.step.downloadedBytes = [...layerSizes(v.step).values()].reduce((a, b) => a + b, 0);
          v.step.pulled = true;
        }
      }
      continue;
    }
    if (!done) {
      const t = /^transferring context: (\S+)/.exec(rest);
      if (t && internal.context) internal.context.bytes = parseSize(t[1]);
      continue;
    }
    const s = Number(done[1]);
    if (v.kind === 'definition') internal.definition = s;
    else if (v.kind === 'dockerignore') internal.dockerignore = s;
    else if (v.kind === 'export') internal.export = s;
    else if (v.kind === 'context' && internal.context) internal.context.seconds = s;
    else if (v.kind === 'metadata') {
      const entry = internal.metadata.find((e) => e.ref === v.ref && e.seconds === null);
      if (entry) entry.seconds = s;
    }
  }
  return { format: 'buildkit-plain', steps, internal, timestamped: false };
}

const layers = new WeakMap<LogStep, Map<string, number>>();
function layerSizes(step: LogStep): Map<string, number> {
  let m = layers.get(step);
  if (!m) {
    m = new Map();
    layers.set(step, m);
  }
  return m;
}

function parseTty(lines: string[]): Omit<ParsedLog, 'totalSeconds'> {
  const internal = emptyInternal();
  // The terminal redraws the whole list each frame: the last line of each vertex wins.
  const last = new Map<string, LogStep>();
  const order: string[] = [];
  for (const line of lines) {
    const m = /^\s*=> (CACHED |ERROR |CANCELED )?(.*?)\s+(\d+(?:\.\d+)?)s\s*$/.exec(line);
    if (!m || m[2].startsWith('=> ')) continue;
    const [, flag, rest, sec] = m;
    const s = Number(sec);
    const label = LABEL.exec(rest);
    if (label) {
      const key = `${label[1] ?? ''} ${label[2]}/${label[3]}`;
      if (!last.has(key)) order.push(key);
      const status: LogStep['status'] = flag === 'CACHED ' ? 'cached' : flag ? 'error' : 'done';
      last.set(key, {
        stage: label[1] ?? null,
        pos: Number(label[2]),
        of: Number(label[3]),
        instruction: label[4].trim(),
        status,
        seconds: status === 'done' ? s : null
      });
    } else if (/^\[internal\] load build definition/.test(rest)) internal.definition = s;
    else if (/^\[internal\] load \.dockerignore/.test(rest)) internal.dockerignore = s;
    else if (/^\[internal\] load build context/.test(rest)) internal.context = { seconds: s, bytes: null };
    else if (/^exporting to image/.test(rest)) internal.export = s;
    else if (/^\[internal\] load metadata for /.test(rest)) {
      const ref = rest.replace(/^\[internal\] load metadata for /, '').trim();
      const e = internal.metadata.find((x) => x.ref === ref);
      if (e) e.seconds = s;
      else internal.metadata.push({ ref, seconds: s });
    }
  }
  return {
    format: 'buildkit-tty',
    steps: order.map((k) => last.get(k) as LogStep),
    internal,
    timestamped: false
  };
}

function parseLegacy(stamped: Array<{ text: string; at: number | null }>): Omit<ParsedLog, 'totalSeconds'> {
  const internal = emptyInternal();
  const steps: LogStep[] = [];
  const starts: Array<number | null> = [];
  let end: number | null = null;
  let first: number | null = null;
  for (const { text, at } of stamped) {
    if (first === null && at !== null && text.trim()) first = at;
    const step = /^Step (\d+)\/(\d+) : (.*)$/.exec(text);
    if (step) {
      steps.push({
        stage: null,
        pos: Number(step[1]),
        of: Number(step[2]),
        instruction: step[3].trim(),
        status: 'done',
        seconds: null
      });
      starts.push(at);
      continue;
    }
    const ctx = /^Sending build context to Docker daemon\s+(\S+)/.exec(text);
    if (ctx) internal.context = { seconds: null, bytes: parseSize(ctx[1]) };
    if (text.trim() === '---> Using cache' && steps.length) steps[steps.length - 1].status = 'cached';
    if (/: Pulling from |^Status: Downloaded newer image/.test(text.trim()) && steps.length)
      steps[steps.length - 1].pulled = true;
    if (/^Successfully (built|tagged)/.test(text) && end === null) end = at;
    if (/returned a non-zero code|^ERROR|^Error response from daemon/.test(text.trim()) && steps.length)
      steps[steps.length - 1].status = 'error';
  }
  const timestamped = steps.length > 0 && starts.every((s) => s !== null) && end !== null;
  if (timestamped) {
    for (let i = 0; i < steps.length; i++) {
      const next = i + 1 < steps.length ? (starts[i + 1] as number) : (end as number);
      const secs = Math.max(0, next - (starts[i] as number));
      steps[i].seconds = Math.round(secs * 10) / 10;
    }
    if (internal.context && first !== null)
      internal.context.seconds = Math.round(Math.max(0, (starts[0] as number) - first) * 10) / 10;
  }
  return { format: 'legacy', steps, internal, timestamped };
}
