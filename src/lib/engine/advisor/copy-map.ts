/**
 * Where a COPY from the build context puts files: for a path in the image,
 * which context file lands there; for the whole COPY, every file it writes.
 * Only plain forms are mapped (no wildcards, no --from, no URLs); rules leave
 * other COPYs alone.
 */
import { absPath } from '../fs';
import type { ParsedInstruction } from '../parse';
import { splitWords } from '../dockerfile-words';

/** What the advisor knows of the build context. */
export interface ContextView {
  /** Paths sent to the daemon (after .dockerignore), sorted. */
  paths: string[];
  has(path: string): boolean;
  /** Text of a context file, or null (absent, ignored, binary or only a digest). */
  text(path: string): string | null;
}

export interface CopyMap {
  sources: string[];
  dest: string;
  /** Flags other than --from, as written (`--chown=app:app`). */
  flags: string[];
  /** Whether the destination is a directory. */
  intoDir: boolean;
  /** Absolute destination. */
  destAbs: string;
  /** The context file that lands at an absolute path, or null. */
  sourceOf(target: string): string | null;
  /** Every file written: [absolute path in the image, context path]. */
  writes(): Array<[string, string]>;
  /** Whether a source is a directory in the context. */
  isDir(source: string): boolean;
}

function clean(p: string): string {
  return absPath(p).slice(1);
}

/** Maps a COPY from the context, or returns null when it is not a form the advisor follows. */
export function mapCopy(
  ins: ParsedInstruction,
  cwd: string | null,
  ctx: ContextView,
  escape: string
): CopyMap | null {
  if (ins.keyword !== 'COPY' || cwd === null) return null;
  if (ins.flags.some((f) => f.name === 'from' || f.name === 'link')) return null;
  const words = ins.json ?? splitWords(ins.args, escape);
  if (words.length < 2 || words.some((w) => /[*?[\]$]/.test(w) || /^\w+:\/\//.test(w))) return null;
  const sources = words.slice(0, -1);
  const dest = words[words.length - 1];
  const destAbs = dest.startsWith('/') ? absPath(dest) : absPath(cwd, dest);
  const isDir = (s: string) => {
    const c = clean(s);
    return c === '' || ctx.paths.some((p) => p.startsWith(c + '/'));
  };
  const intoDir = dest.endsWith('/') || dest === '.' || sources.length > 1 || sources.some(isDir);
  const under = (p: string, dir: string) =>
    dir === '' ? p : p.startsWith(dir + '/') ? p.slice(dir.length + 1) : null;
  let memo: Array<[string, string]> | null = null;
  const writes = (): Array<[string, string]> => {
    if (memo) return memo;
    const out: Array<[string, string]> = [];
    for (const s of sources) {
      const c = clean(s);
      if (isDir(s)) {
        for (const p of ctx.paths) {
          const rel = under(p, c);
          if (rel !== null) out.push([absPath(destAbs, rel), p]);
        }
      } else if (ctx.has(c))
        out.push([intoDir ? absPath(destAbs, c.slice(c.lastIndexOf('/') + 1)) : destAbs, c]);
    }
    memo = out;
    return out;
  };
  return {
    sources,
    dest,
    flags: ins.flags
      .filter((f) => f.name !== 'from')
      .map((f) => (f.value === null ? `--${f.name}` : `--${f.name}=${f.value}`)),
    intoDir,
    destAbs,
    isDir,
    writes,
    sourceOf(target) {
      let found: string | null = null;
      // A later source wins where two write the same path.
      for (const [t, p] of writes()) if (t === target) found = p;
      return found;
    }
  };
}
