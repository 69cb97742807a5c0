/**
 * `.dockerignore` matching as Docker 20.10 does it: moby's `fileutils.PatternMatcher`,
 * which both the docker CLI (legacy builder) and BuildKit's context sender (fsutil)
 * use.
 *
 * Each pattern is first checked with Go's `filepath.Match` syntax, then turned
 * into a regular expression: a double star becomes "any directories", a star
 * "anything but /", `?` "one character but /", `.` and `$` are escaped, `\x`
 * stays `\x`, and every other
 * character is copied as it is. So `( ) [ ] { } + | ^` keep their *regexp*
 * meaning: the daemon showed `a(b)c.txt` excluding `abc.txt`, `p+.txt` excluding
 * `pp.txt`, `q|r` excluding anything that starts with q, and `build(` failing the
 * build (oracle scenarios dockerignore-regexp-metacharacters,
 * dockerignore-regexp-classes-and-anchors, dockerignore-escaped-characters,
 * dockerignore-unbalanced-paren and the other dockerignore-* error scenarios).
 * The expressions are Go (RE2) syntax, evaluated by re2js, a port of Go's
 * regexp package: the same syntax, the same errors, and linear-time matching,
 * so no pattern can make a build take long.
 */
import { RE2JS } from 're2js';

/** Why Docker rejects a pattern list, and when it notices. */
export interface PatternError {
  /** Position of the offending pattern in the list. */
  index: number;
  /** The pattern as listed (`!` included). */
  pattern: string;
  /**
   * - `new`: the matcher refuses the list as it is made (a lone `!`, or a
   *   `filepath.Match` syntax error such as an unterminated `[`);
   * - `match`: the pattern's regular expression does not compile, which Docker
   *   finds on the first path it matches.
   */
  when: 'new' | 'match';
  /** Go's error text: `syntax error in pattern` or `illegal exclusion pattern: "!"`. */
  goError: string;
  /** What exactly is wrong, for people. */
  detail: string;
}

interface Pattern {
  /** The pattern as listed. */
  listed: string;
  exclusion: boolean;
  /** The cleaned pattern without its `!` (Go's `Pattern.String()`). */
  cleaned: string;
  /** How many `/`-separated parts it has (Go's `Pattern.dirs`). */
  dirs: number;
  /** Null when the pattern is invalid: it then matches nothing here (Docker fails the whole build instead). */
  re: RE2JS | null;
}

/** A `.dockerignore` pattern list applied to context paths (slash-separated, relative to the root). */
export interface PatternMatcher {
  /** Whether the path is excluded: by its own match, or because a directory above it is skipped. */
  ignores(path: string): boolean;
  /** The pattern that excluded the path (the last matching line, or the one that skipped a directory above it), or null. */
  decidedBy(path: string): string | null;
  /** Whether Docker still walks into an excluded directory, because an exception pattern starts inside it. */
  walksInto(dir: string): boolean;
  /** The first reason Docker would reject the list, or null when it is valid. */
  error: PatternError | null;
}

/** Makes a matcher for a pattern list (as `readIgnorePatterns` returns it). */
export function patternMatcher(patterns: string[]): PatternMatcher {
  const list: Pattern[] = [];
  let newError: PatternError | null = null;
  let matchError: PatternError | null = null;
  for (const [index, raw] of patterns.entries()) {
    let p = raw.trim();
    if (!p) continue;
    p = cleanPattern(p);
    const exclusion = p.startsWith('!');
    if (exclusion && p.length === 1) {
      newError ??= {
        index,
        pattern: raw,
        when: 'new',
        goError: 'illegal exclusion pattern: "!"',
        detail: 'a line holding only ! names nothing to re-include'
      };
      continue;
    }
    if (exclusion) p = p.slice(1);
    const pattern: Pattern = { listed: raw, exclusion, cleaned: p, dirs: p.split('/').length, re: null };
    list.push(pattern);
    const glob = globSyntaxError(p);
    if (glob) {
      newError ??= { index, pattern: raw, when: 'new', goError: 'syntax error in pattern', detail: glob };
      continue;
    }
    try {
      pattern.re = RE2JS.compile(toRegexp(p));
    } catch (e) {
      const detail = (e instanceof Error ? e.message : String(e)).replace(/^error parsing regexp: /, '');
      matchError ??= {
        index,
        pattern: raw,
        when: 'match',
        goError: 'syntax error in pattern',
        detail: `as a regular expression: ${detail}`
      };
    }
  }
  const exceptions = list.filter((p) => p.exclusion).map((p) => p.cleaned + '/');

  // Go's PatternMatcher.Matches: every pattern in order, the last match wins; a
  // pattern also matches a file when it matches the file's first N parent
  // directories, N being the pattern's own number of parts.
  const memo = new Map<string, string | null>();
  const matchedBy = (path: string): string | null => {
    const hit = memo.get(path);
    if (hit !== undefined) return hit;
    const slash = path.lastIndexOf('/');
    const parentDirs = slash < 0 ? null : path.slice(0, slash).split('/');
    let by: string | null = null;
    for (const p of list) {
      if (!p.re) continue;
      let match = p.re.test(path);
      if (!match && parentDirs && p.dirs <= parentDirs.length)
        match = p.re.test(parentDirs.slice(0, p.dirs).join('/'));
      if (match) by = p.exclusion ? null : p.listed;
    }
    memo.set(path, by);
    return by;
  };
  const walksInto = (dir: string) => exceptions.some((e) => e.startsWith(dir + '/'));

  // The archiver's walk: a matched directory is skipped, and nothing below it is
  // sent, unless an exception pattern starts inside it.
  const decidedBy = (path: string): string | null => {
    for (let i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) {
      const dir = path.slice(0, i);
      const by = matchedBy(dir);
      if (by !== null && !walksInto(dir)) return by;
    }
    return matchedBy(path);
  };
  return { ignores: (path) => decidedBy(path) !== null, decidedBy, walksInto, error: newError ?? matchError };
}

/**
 * Fileutils' translation of a pattern into a regular expression, character for
 * character as Go's `Pattern.compile` writes it (a leading byte order mark is
 * skipped, as Go's text/scanner does).
 */
export function toRegexp(pattern: string): string {
  const chars = Array.from(pattern.replace(/^\uFEFF/, ''));
  let re = '^';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (ch === '*') {
      if (chars[i + 1] === '*') {
        i++;
        if (chars[i + 1] === '/') i++;
        re += i + 1 >= chars.length ? '.*' : '(.*/)?';
      } else re += '[^/]*';
    } else if (ch === '?') re += '[^/]';
    else if (ch === '.' || ch === '$') re += '\\' + ch;
    else if (ch === '\\') re += i + 1 < chars.length ? '\\' + chars[++i] : '\\';
    else re += ch;
  }
  return re + '$';
}

/**
 * What Go's `filepath.Match` rejects with ErrBadPattern (it checks the whole
 * pattern, whatever the name): an unterminated or empty `[...]`, a range missing
 * an end, or a `\` with nothing after it. Null when the syntax is fine.
 */
export function globSyntaxError(pattern: string): string | null {
  const s = Array.from(pattern);
  let i = 0;
  // One character of a class, as Go's getEsc reads it; false when malformed.
  const classChar = (): boolean => {
    if (i >= s.length || s[i] === '-' || s[i] === ']') return false;
    if (s[i] === '\\' && ++i >= s.length) return false;
    i++;
    return i < s.length;
  };
  while (i < s.length) {
    const ch = s[i++];
    if (ch === '\\') {
      if (i >= s.length) return 'it ends in a \\ that escapes nothing';
      i++;
    } else if (ch === '[') {
      if (s[i] === '^') i++;
      for (let ranges = 0; ; ranges++) {
        if (s[i] === ']' && ranges > 0) {
          i++;
          break;
        }
        if (!classChar()) return 'a [ without its closing ], or an empty or half-written range in it';
        if (s[i] === '-') {
          i++;
          if (!classChar()) return 'a [ without its closing ], or an empty or half-written range in it';
        }
      }
    }
  }
  return null;
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
