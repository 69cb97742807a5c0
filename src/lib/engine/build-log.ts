/**
 * Reads the output of a real `docker build`: BuildKit's `--progress=plain`
 * (build-log-plain.ts), BuildKit's terminal output (build-log-tty.ts) or the
 * legacy builder's (build-log-legacy.ts). This file tells the formats apart
 * and strips what they share: ANSI colours, and timestamps in front of lines
 * (the legacy reader times steps by them; BuildKit lines carry their own).
 */
import { parseLegacy } from './build-log-legacy';
import { parsePlain } from './build-log-plain';
import { parseTty } from './build-log-tty';
import { emptyInternal, type ParsedLog } from './parsed-log';

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
