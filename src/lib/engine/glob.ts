/**
 * Go's `path/filepath.Match`, which BuildKit and the legacy builder use for
 * COPY source wildcards (dispatch/select.ts; oracle scenarios
 * wildcard-match-renamed, wildcard-matches-nothing, wildcard-lockfile-appears).
 * The RUN model reuses it for the shell's pathname expansion
 * (run-model/shell-glob.ts says where busybox ash differs) and for the
 * wildcard paths of an output claim (`/usr/lib/python3*`). One path
 * component at a time: `*` and `?` never match `/`.
 *
 * Written after Go's algorithm (scanChunk / matchChunk) so that edge cases
 * agree: a class must hold something before its `]` (`[]a]` is malformed; write
 * `[\]a]`), `[^a]` negates and `[!a]` is a class holding `!` and `a`, a
 * malformed pattern is an error (ErrBadPattern) rather than "no match", and a
 * pattern is checked to the end even when an early chunk already failed.
 * glob.test.ts pins the tricky patterns below with Go 1.19's own answers.
 *
 * Why not picomatch (the well-kept matcher already in the dependency tree):
 * no set of its options gives Go's answers. Tried with `dot`, `nobrace`,
 * `noextglob`, `noglobstar` and `nonegate` on (without them `{a,b}`, `@(a|b)`,
 * `**` and a leading `!` mean something, where Go takes them literally), 4.0.7
 * still differs on:
 * - ErrBadPattern: picomatch matches `[]a]`, `[^]a]`, `[-a]`, `[a-]`,
 *   `[a-b-c]` and `x\` as classes or literals where Go reports a bad
 *   pattern; `strictBrackets` turns `[`, `a[`, `x*[` into errors as Go does
 *   but also rejects `\[a]`, which Go matches against `[a]`.
 * - POSIX classes: `[[:alpha:]]` matches `a` in picomatch; in Go it is the
 *   class `[[:alph` followed by a literal `]`.
 * - `[!abc]x` against `bx`: Go (`!` is a member) says yes, picomatch with
 *   `posix` (which the POSIX classes need) says no.
 * Its default entry also reads `process.platform` to decide whether `\`
 * separates paths, which a host-neutral engine cannot have.
 */

/** Whether a word holds a wildcard character. */
export function hasGlob(s: string): boolean {
  return /[*?[]/.test(s);
}

/**
 * Whether `name` matches `pattern`; null when the pattern is malformed (Go's
 * ErrBadPattern: an unterminated `[`, a class with nothing in it, a trailing `\`).
 */
export function goMatch(pattern: string, name: string): boolean | null {
  let pat = Array.from(pattern);
  let str = Array.from(name);
  outer: while (pat.length > 0) {
    const { star, chunk, rest } = scanChunk(pat);
    pat = rest;
    if (star && chunk.length === 0) return !str.includes('/');
    const first = matchChunk(chunk, str);
    if (first !== null && first !== 'bad' && (first.length === 0 || pat.length > 0)) {
      str = first;
      continue;
    }
    if (first === 'bad') return null;
    if (star) {
      for (let i = 0; i < str.length && str[i] !== '/'; i++) {
        const t = matchChunk(chunk, str.slice(i + 1));
        if (t === 'bad') return null;
        if (t !== null) {
          if (pat.length === 0 && t.length > 0) continue;
          str = t;
          continue outer;
        }
      }
    }
    // No match: the rest of the pattern must still be well formed.
    while (pat.length > 0) {
      const next = scanChunk(pat);
      pat = next.rest;
      if (matchChunk(next.chunk, []) === 'bad') return null;
    }
    return false;
  }
  return str.length === 0;
}

function scanChunk(pat: string[]): { star: boolean; chunk: string[]; rest: string[] } {
  let i = 0;
  let star = false;
  while (i < pat.length && pat[i] === '*') {
    i++;
    star = true;
  }
  let inRange = false;
  let j = i;
  scan: for (; j < pat.length; j++) {
    switch (pat[j]) {
      case '\\':
        if (j + 1 < pat.length) j++;
        break;
      case '[':
        inRange = true;
        break;
      case ']':
        inRange = false;
        break;
      case '*':
        if (!inRange) break scan;
    }
  }
  return { star, chunk: pat.slice(i, j), rest: pat.slice(j) };
}

/** Matches a chunk at the start of `s`: the rest of `s`, null for no match, 'bad' for a malformed chunk. */
function matchChunk(chunk: string[], s: string[]): string[] | null | 'bad' {
  let failed = false;
  let si = 0;
  for (let ci = 0; ci < chunk.length; ) {
    if (!failed && si >= s.length) failed = true;
    switch (chunk[ci]) {
      case '[': {
        const r = failed ? '' : s[si++];
        ci++;
        let negated = false;
        if (ci < chunk.length && chunk[ci] === '^') {
          negated = true;
          ci++;
        }
        let matched = false;
        let ranges = 0;
        for (;;) {
          if (ci < chunk.length && chunk[ci] === ']' && ranges > 0) {
            ci++;
            break;
          }
          const lo = classChar(chunk, ci);
          if (lo === null) return 'bad';
          ci = lo.next;
          let hi = lo;
          if (ci < chunk.length && chunk[ci] === '-') {
            const h = classChar(chunk, ci + 1);
            if (h === null) return 'bad';
            hi = h;
            ci = h.next;
          }
          if (lo.ch.codePointAt(0)! <= r.codePointAt(0)! && r.codePointAt(0)! <= hi.ch.codePointAt(0)!) matched = true;
          ranges++;
        }
        if (matched === negated) failed = true;
        break;
      }
      case '?':
        if (!failed) {
          if (s[si] === '/') failed = true;
          si++;
        }
        ci++;
        break;
      default: {
        // An escaped character is a literal.
        if (chunk[ci] === '\\') {
          ci++;
          if (ci >= chunk.length) return 'bad';
        }
        if (!failed) {
          if (chunk[ci] !== s[si]) failed = true;
          si++;
        }
        ci++;
      }
    }
  }
  return failed ? null : s.slice(si);
}

/** One character of a class, with its escape: null when the class ends badly. */
function classChar(chunk: string[], i: number): { ch: string; next: number } | null {
  if (i >= chunk.length || chunk[i] === '-' || chunk[i] === ']') return null;
  if (chunk[i] === '\\') {
    if (i + 1 >= chunk.length) return null;
    return { ch: chunk[i + 1], next: i + 2 };
  }
  return { ch: chunk[i], next: i + 1 };
}
