/**
 * What the daemon says about a `.dockerignore` pattern it rejects, in each
 * builder's words (oracle scenarios dockerignore-unbalanced-paren,
 * dockerignore-unterminated-bracket, dockerignore-lone-exclamation and the
 * other dockerignore-* error scenarios):
 * - legacy: the docker CLI checks the context before sending it, so every build
 *   fails, before any step: `error checking context: syntax error in pattern`;
 * - BuildKit: the context sender fails, so a build fails only when a step reads
 *   the context (COPY, ADD, a bind mount); one that reads none succeeds.
 */
import type { PatternError } from './pattern-matcher';
import type { Builder, Diagnostic } from './types';

/** A `.dockerignore` pattern Docker rejects. */
export interface IgnoreError {
  /** The ignore file and the (1-based) line of the pattern. */
  file: string;
  line: number;
  pattern: string;
  /** What the daemon prints when the build fails on it. */
  message: string;
}

export function ignoreErrorOf(file: string, line: number, patterns: string[], e: PatternError, builder: Builder): IgnoreError {
  const message =
    builder === 'legacy'
      ? `error checking context: ${e.goError}`
      : e.when === 'new'
        ? `error from sender: invalid excludepatterns: [${patterns.join(' ')}]: ${e.goError}`
        : `error from sender: failed to match excludepatterns: ${e.goError}`;
  return { file, line, pattern: e.pattern, message };
}

/** The explanation shown with the error: which line, what is wrong, how to write it. */
export function ignoreDiagnostic(err: IgnoreError, detail: string, builder: Builder): Diagnostic {
  const when = builder === 'legacy' ? 'docker build fails before any step' : 'docker build fails as soon as a step reads the build context';
  return {
    severity: 'warning',
    message:
      `${err.file} line ${err.line}: "${err.pattern}" is not a pattern Docker accepts (${detail}), so ${when}. ` +
      'Docker turns each pattern into a regular expression in which ( ) [ ] { } + | and ^ keep their regexp meaning: write \\( to match the character itself.',
    range: null,
    code: 'context'
  };
}
