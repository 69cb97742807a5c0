/**
 * Reading a `.dockerignore` file the way Docker 20.10 does (`dockerignore.ReadAll`):
 * a byte order mark dropped, `#` comments in column 1, lines trimmed, each
 * pattern passed through Go's `filepath.Clean` with a leading `/` dropped, and
 * `!` kept in front of an exception.
 */

/** One pattern of a `.dockerignore` file and the (1-based) line it came from. */
export interface IgnoreLine {
  pattern: string;
  line: number;
}

/** `.dockerignore` lines turned into patterns, each with its line number. */
export function readIgnoreLines(text: string): IgnoreLine[] {
  const out: IgnoreLine[] = [];
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  for (const [i, rawLine] of lines.entries()) {
    const line = rawLine.replace(/\r$/, '');
    if (line.startsWith('#')) continue;
    let p = line.trim();
    if (!p) continue;
    const invert = p.startsWith('!');
    if (invert) p = p.slice(1).trim();
    if (p) {
      p = cleanPattern(p);
      if (p.length > 1 && p.startsWith('/')) p = p.slice(1);
    }
    out.push({ pattern: invert ? '!' + p : p, line: i + 1 });
  }
  return out;
}

/** `.dockerignore` lines turned into patterns the way the docker CLI reads them. */
export function readIgnorePatterns(text: string): string[] {
  return readIgnoreLines(text).map((l) => l.pattern);
}

/** Go's filepath.Clean on a slash path. */
export function cleanPattern(p: string): string {
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!abs) out.push('..');
    } else out.push(part);
  }
  const s = (abs ? '/' : '') + out.join('/');
  return s || (abs ? '/' : '.');
}
