/**
 * Where a command the engine does not follow file by file may have written, and
 * what those files are assumed to hold.
 *
 * BuildKit keys a `COPY --from` on the bytes it copies, so what matters is
 * whether a RUN's output changes. A command the engine does not model (say
 * `dotnet publish -o /app`) is assumed to produce new output whenever its
 * inputs change: its command line, environment, user, base image, the files it
 * names and everything under its working directory. It may have written
 * anywhere under its working directory (unless that is `/`: a command run
 * from the root is not assumed to write all over the file system) and at any
 * path its arguments name (`-o /app`, `--prefix=/install`). Build tools the engine models as
 * reproducible (go, cargo, npm...) claim the same places, with output that
 * follows only the inputs the tool reads, so a rebuild to identical bytes
 * still hits (oracle scenarios copy-from-identical-build-output,
 * run-unmodelled-output-follows-inputs, run-cp-glob-parent-dir).
 *
 * Paths a claim covers and that no modelled step created are assumed to exist:
 * the engine cannot tell, so a COPY --from of such a path may fail in the real
 * build ("not found"), which the result reports as unknown.
 */
import { digestOf, type Digest } from '../digest';
import { goMatch, hasGlob } from '../glob';
import type { Assumption, FsEntry } from '../images';

/** A RUN's claim over the places it may have written. */
export interface OutputClaim {
  kind: 'opaque';
  /** Its working directory: everything below it may be output. */
  cwd: string;
  /** Absolute paths (components may be wildcards, `/usr/lib/python3*`) its arguments or tool name as outputs. */
  writes: readonly string[];
  /** What its output follows: changes exactly when the output is assumed to change. */
  digest: Digest;
  by: Extract<Assumption, { by: 'run' }>;
}

function parts(p: string): string[] {
  return p.split('/').filter(Boolean);
}

const component = (pattern: string, name: string) => (hasGlob(pattern) ? goMatch(pattern, name) === true : pattern === name);

/** Whether `path` is at or below `pattern` (their leading components match). */
function atOrBelow(path: string[], pattern: string[]): boolean {
  return path.length >= pattern.length && pattern.every((c, i) => component(c, path[i]));
}

/** Whether the claim covers `path` itself: it may have created or replaced it. */
export function claims(c: OutputClaim, path: string): boolean {
  const p = parts(path);
  return c.writes.some((w) => atOrBelow(p, parts(w))) || (c.cwd !== '/' && atOrBelow(p, parts(c.cwd)));
}

/** Whether the claim covers `path` or anything below it: a tree read there may hold its output. */
export function reaches(c: OutputClaim, path: string): boolean {
  if (claims(c, path)) return true;
  const p = parts(path);
  return [...(c.cwd === '/' ? [] : [c.cwd]), ...c.writes].some((w) => {
    const wp = parts(w);
    return wp.length > p.length && p.every((x, i) => component(wp[i], x));
  });
}

/**
 * The entry a claim puts at a path that nothing modelled created. Over an
 * entry that was itself assumed (the image's, an earlier command's output),
 * the content follows both.
 */
export function claimedEntry(c: OutputClaim, path: string, over?: FsEntry): FsEntry {
  const digest = digestOf({ outputOf: c.digest, path, over: over?.digest ?? null });
  return { type: 'f', digest, mode: 0o644, size: 0, owner: '0:0', assumed: c.by };
}

/**
 * Where, relative to `path`, a claim leaves its marker: an entry standing for
 * its output, named after the command (a tool: after the tool, whose output
 * follows its inputs and not its flags) so that two Dockerfiles that run the
 * same command compare by content. The marker sits at the claimed places
 * themselves (the working directory, `-o /app`, `usr/local/lib/python*\/site-packages`),
 * so a difference names them; null when `path` lies strictly below them, where
 * only paths nothing modelled created are the claim's (see `claims`).
 */
export function markerPath(c: OutputClaim, path: string): string | null {
  const what = c.by.tool ? c.by.program : c.by.command;
  const name = `.outputs of ${what.replace(/\s+/g, ' ').replace(/\//g, '∕').slice(0, 80)}`;
  const p = parts(path);
  for (const w of [...(c.cwd === '/' ? [] : [c.cwd]), ...c.writes]) {
    const wp = parts(w);
    if (wp.length >= p.length && p.every((x, i) => component(wp[i], x))) return [...wp.slice(p.length), name].join('/');
  }
  return null;
}

/** Whether a claim decides what is at a path: nothing modelled put an entry there. */
export function replaceable(e: FsEntry | undefined): boolean {
  return !e || e.assumed !== undefined;
}

/**
 * The words for a `COPY --from` miss that rests on assumed output (StepReason
 * `source-output-changed` with `assumed`): which RUNs, and why their output is
 * taken to have changed.
 */
export function describeAssumedOutput(runs: ReadonlyArray<{ line: number; command: string; tool: boolean }>): string {
  const cut = (c: string) => (c.length > 60 ? c.slice(0, 57) + '...' : c);
  const opaque = runs.filter((r) => !r.tool);
  const tools = runs.filter((r) => r.tool);
  const parts: string[] = [];
  if (opaque.length)
    parts.push(`assumed: RUN output depends on its inputs (${opaque.map((r) => `line ${r.line} \`${cut(r.command)}\``).join(', ')} ${opaque.length === 1 ? 'is' : 'are'} not modelled, and ${opaque.length === 1 ? 'its' : 'their'} inputs changed)`);
  if (tools.length)
    parts.push(`${tools.map((r) => `line ${r.line} \`${cut(r.command)}\``).join(', ')}: output follows the files ${tools.length === 1 ? 'it reads' : 'they read'}, which changed`);
  return parts.join('; ');
}
