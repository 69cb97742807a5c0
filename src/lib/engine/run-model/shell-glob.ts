/**
 * The shell's pathname expansion (`cp ../lib/*.jar dest/`, `sha256sum src/*.txt`)
 * against a modelled stage file system, so a command's named inputs and
 * outputs are the files the glob really matches (oracle scenario
 * run-cp-glob-parent-dir).
 *
 * As in sh: components are matched one at a time, a leading `.` is matched
 * only by a pattern that starts with `.` (`[.]x` does not match `.x`), matches
 * are sorted, and a pattern that matches nothing stays as written.
 *
 * busybox ash: each component is matched with fnmatch(3); this model matches
 * with Go's filepath.Match (../glob.ts), which answers the same for `*`, `?`,
 * `[a-z]`, `[^x]` and `\` escapes. Checked against busybox 1.35's ash, they
 * differ on (none of these is in an oracle scenario; picomatch with `posix`,
 * `nobrace`, `noextglob`, `noglobstar` and `nonegate` would fix the first
 * three but not the last two):
 * - `[!abc]x`: ash negates (`dx` matches, `bx` does not); Go's `!` is a member;
 * - `[]a]`, `[^]a]`, `[-a]`, `[a-]`, `[a-b-c]`, `*[`: ash reads a class or a
 *   literal `[`; Go's pattern is malformed, so nothing matches here and the
 *   word stays as written;
 * - `[[:alpha:]]`: a POSIX class in ash, not in Go;
 * - `a?` against `aé`, `[à-ÿ]` against `é`: ash in the C locale matches bytes
 *   (é is two), Go and this model match characters;
 * - `.*`: ash also lists `.` and `..`; a modelled directory has no such entries.
 */
import { absPath, type StageFs } from '../fs';
import { goMatch, hasGlob } from '../glob';
import { byteOrder } from '../tree';

/** What one word expands to. */
export interface Expansion {
  /** The matches, spelled as the word spells them (relative words stay relative). */
  words: string[];
  /**
   * False when the directory a wildcard reads may hold files the engine cannot
   * see (a generic image's, or what an unmodelled command wrote there).
   */
  complete: boolean;
}

/** Expands one unquoted word that holds a wildcard; `cwd` is absolute. */
export function expandGlob(word: string, cwd: string, fs: StageFs): Expansion {
  const absolute = word.startsWith('/');
  let frontier: Array<{ abs: string; shown: string }> = [{ abs: absolute ? '/' : cwd, shown: absolute ? '/' : '' }];
  let complete = true;
  const components = word.split('/').filter((c) => c !== '');
  for (const [i, comp] of components.entries()) {
    const last = i === components.length - 1;
    const join = (shown: string, name: string) => (shown === '' ? name : shown.endsWith('/') ? shown + name : `${shown}/${name}`);
    if (!hasGlob(comp)) {
      frontier = frontier.map((f) => ({ abs: absPath(f.abs, comp), shown: join(f.shown, comp) }));
      continue;
    }
    const next: typeof frontier = [];
    for (const f of frontier) {
      const node = fs.tree(f.abs);
      if (!node) continue;
      if (node.entry.assumed) complete = false;
      if (!node.children) continue;
      for (const [name, child] of node.children) {
        if (child.entry.assumed) {
          complete = false;
          continue;
        }
        if (name.startsWith('.') && !comp.startsWith('.')) continue;
        if (!last && !child.children) continue;
        if (goMatch(comp, name) === true) next.push({ abs: absPath(f.abs, name), shown: join(f.shown, name) });
      }
    }
    frontier = next;
  }
  // Literal components after the last wildcard must exist.
  const words: string[] = [];
  for (const f of frontier) {
    const e = fs.get(f.abs);
    if (!e) continue;
    if (e.assumed) complete = false;
    words.push(f.shown + (word.endsWith('/') ? '/' : ''));
  }
  words.sort(byteOrder);
  return { words: words.length ? words : [word], complete };
}
