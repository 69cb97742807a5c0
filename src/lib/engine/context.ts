/**
 * The build context as the daemon receives it: the files minus what
 * `.dockerignore` excludes (rules/dockerignore.ts), with their modes, as a
 * content tree (context-tree.ts).
 *
 * The Dockerfile and `.dockerignore` are context files like any other unless
 * they are excluded (editing a comment in the Dockerfile misses `COPY . .`).
 */
import { DEFAULT_DOCKERFILE } from './build-files';
import { cleanContextPath, toRaw, type RawFiles } from './context-files';
import { fullContext, updateContext } from './context-tree';
import { fromUtf8 } from './digest';
import { ignoreDiagnostic, ignoreErrorOf, type IgnoreError } from './ignore-error';
import { EngineMemo } from './memo';
import { dockerignoreMatcher, ignoreFileFor, readIgnoreLines } from './rules/dockerignore';
import type { Node } from './tree';
import type { BuildContext, Builder, ContextFile, ContextSummary, Diagnostic } from './types';

export type { ContextMemo } from './context-tree';

export interface ContextTree {
  root: Node;
  summary: ContextSummary;
  /** The ignore file that applied (`.dockerignore` or `<Dockerfile>.dockerignore`), if any. */
  ignoreFile: string | null;
  /**
   * A pattern Docker rejects, and the daemon's error: the legacy builder's CLI
   * fails every build on it, BuildKit the builds that send it the context.
   */
  ignoreError: IgnoreError | null;
  diagnostics: Diagnostic[];
  /** Whether a context path is excluded by `.dockerignore`. */
  isExcluded(path: string): boolean;
  /** The pattern that excluded a path, or null when it is included. */
  excludedBy(path: string): string | null;
}

function ignoreText(f: ContextFile | undefined): string | null {
  if (!f || f.type === 'dir') return null;
  return typeof f.data === 'string' ? f.data : f.data ? fromUtf8(f.data) : '';
}

/**
 * Builds the context the daemon would receive. `dockerfileText` is the Dockerfile
 * the build uses; when the context has no file at `dockerfilePath`, it is added,
 * since the docker CLI always sends it.
 */
export function buildContext(
  ctx: BuildContext,
  dockerfilePath: string,
  dockerfileText: string,
  builder: Builder,
  memo: EngineMemo = new EngineMemo()
): ContextTree {
  const rawFiles: RawFiles = toRaw(ctx?.files);
  const dfPath = cleanContextPath(dockerfilePath) || DEFAULT_DOCKERFILE;
  const lookup = (p: string): ContextFile | undefined =>
    rawFiles.get(p) ?? rawFiles.get('./' + p) ?? rawFiles.get('/' + p);
  const ignoreFile = ignoreFileFor(dfPath, builder, (p) => ignoreText(lookup(p)) !== null);
  const text = ignoreFile ? ignoreText(lookup(ignoreFile)) : null;
  const lines = text === null ? [] : readIgnoreLines(text);
  const patterns = lines.map((l) => l.pattern);
  const matcher = memo.matcher(patterns, dockerignoreMatcher);
  const key = `${ignoreFile}\u0000${dfPath}\u0000${patterns.join('\n')}`;

  let synthetic: ContextFile | null = null;
  if (!lookup(dfPath)) {
    synthetic = memo.synthetic?.text === dockerfileText ? memo.synthetic.file : { data: dockerfileText };
    memo.synthetic = { text: dockerfileText, file: synthetic };
  }

  const last = memo.contexts.get(builder);
  const next =
    (last && last.key === key && updateContext(last, rawFiles, synthetic, dfPath, matcher, memo.bytes)) ||
    fullContext(key, rawFiles, synthetic, dfPath, matcher, memo.bytes);
  memo.contexts.set(builder, next);
  const diagnostics: Diagnostic[] = next.outside.map((raw) => ({
    severity: 'warning',
    message: `"${raw}" lies outside the build context and is not sent.`,
    range: null,
    code: 'context'
  }));
  const ignoreError =
    ignoreFile && matcher.error
      ? ignoreErrorOf(ignoreFile, lines[matcher.error.index].line, patterns, matcher.error, builder)
      : null;
  if (ignoreError && matcher.error)
    diagnostics.push(ignoreDiagnostic(ignoreError, matcher.error.detail, builder));
  return { ...next.tree, ignoreFile, ignoreError, diagnostics };
}
