/**
 * Rule: `.dockerignore`, which context files the daemon receives.
 *
 * - The file is read the way Docker 20.10 reads it (`dockerignore.ReadAll`): a
 *   byte order mark dropped, `#` comments in column 1, lines trimmed, each
 *   pattern passed through Go's `filepath.Clean` with a leading `/` dropped,
 *   and `!` kept in front of an exception. Patterns are Go regular expressions
 *   underneath (pattern-matcher.ts); one Docker rejects fails the build
 *   (ignore-error.ts says how each builder reports it).
 * - BuildKit reads `<Dockerfile>.dockerignore` next to the Dockerfile instead of
 *   `.dockerignore` when it exists; the legacy builder only `.dockerignore`.
 * - An excluded file is not sent, so editing it changes no key; the Dockerfile
 *   and `.dockerignore` are context files like any other unless excluded (a
 *   comment edit in the Dockerfile misses `COPY . .`). A directory that is not
 *   excluded is sent even when everything in it is (context-tree.ts).
 *
 * Oracle scenarios: dockerignore-excluded-files, dockerignore-edited,
 * dockerignore-negation-exception, dockerignore-doublestar-patterns,
 * dockerignore-self-excluded-edit, dockerignore-ignored-file-new-dir,
 * dockerfile-specific-dockerignore, dockerfile-comment-with-copy-all,
 * dockerignore-regexp-metacharacters (and the other dockerignore-* scenarios
 * on patterns Docker reads as regular expressions), lesson-dockerignore.
 */
import { DOCKERIGNORE, dockerfileIgnoreName } from '../build-files';
import { cleanPattern, patternMatcher, type PatternMatcher } from '../pattern-matcher';
import type { Builder } from '../types';

/** A `.dockerignore` matcher: whether a context path is excluded, and by which pattern. */
export type IgnoreMatcher = PatternMatcher;

/**
 * The matcher the engine applies, for hosts that apply `.dockerignore` while
 * reading a directory (the CLI, a folder opened in the page), so host and engine
 * always agree.
 */
export function dockerignoreMatcher(patterns: string[]): IgnoreMatcher {
  return patternMatcher(patterns);
}

/** The ignore file a build reads, or null (see the rule above). */
export function ignoreFileFor(
  dockerfilePath: string,
  builder: Builder,
  isFile: (path: string) => boolean
): string | null {
  const specific = dockerfileIgnoreName(dockerfilePath);
  if (builder === 'buildkit' && isFile(specific)) return specific;
  return isFile(DOCKERIGNORE) ? DOCKERIGNORE : null;
}

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
