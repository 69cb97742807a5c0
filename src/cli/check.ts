/**
 * `layerlab check` and `layerlab lint`: read a real directory as the build
 * context, predict the next build against a git revision's build, lint, and
 * decide the exit code. Output formats live in the report-* modules.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import {
  build,
  EngineMemo,
  calibrateFromLog,
  lint,
  type BuildResult,
  type Calibration,
  type ContextFile,
  type Diagnostic,
  type LintFinding,
  type LintResult,
  type Severity
} from '../lib/engine/index';
import { contextAtRef, dockerfileAtRef, gitBaseline, type Baseline } from './baseline';
import { repoTop, resolveRevision, type Revision } from './git';
import { UsageError, type Io } from './io';
import type { CommandOptions, FailOn } from './options';
import { ignoreOf, readContext, type ContextRead } from './read-context';

/** Where a Dockerfile from outside the context is placed, and excluded, as the docker CLI's legacy path does. */
export const OUTSIDE_DOCKERFILE = '.dockerfile.layerlab';

export interface Report {
  options: CommandOptions;
  /** Absolute context directory. */
  root: string;
  /** The Dockerfile as the user would name it (relative to the current directory). */
  dockerfileShown: string;
  /** The Dockerfile relative to the repository top (or the current directory), for SARIF. */
  dockerfileUri: string;
  /** Where SARIF paths are relative to. */
  uriBase: string;
  /** The context path of the Dockerfile inside the context, or the placeholder for one outside it. */
  dockerfilePath: string;
  since: Revision | null;
  /** Why there is no baseline (a cold build), when there is none. */
  coldBecause: string | null;
  /** The build at the revision failed: the prediction compares with a partial cache. */
  baselineError: string | null;
  result: BuildResult;
  lint: LintResult;
  read: ContextRead['stats'];
  overBudget: boolean;
  /** What `--timings LOG` calibrated, or null without it. */
  timings: { log: string; calibration: Calibration } | null;
  /** Findings and build errors at or above --fail-on. */
  failing: number;
  exitCode: number;
}

const RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

export function failsAt(level: FailOn, severity: Severity): boolean {
  return level !== 'none' && RANK[severity] >= RANK[level];
}

function locateDockerfile(opts: CommandOptions, io: Io, root: string): string {
  if (opts.file) {
    const abs = resolve(io.cwd, opts.file);
    if (!existsSync(abs))
      throw new UsageError(
        `cannot find the Dockerfile ${opts.file} (relative paths are taken from the current directory, as docker build does)`
      );
    return abs;
  }
  for (const name of ['Dockerfile', 'dockerfile']) if (existsSync(join(root, name))) return join(root, name);
  throw new UsageError(`no Dockerfile in ${opts.dir}: give its path with -f PATH`);
}

/** Puts an outside Dockerfile into the context under a fixed name and excludes it (and a made-up .dockerignore). */
function withOutsideDockerfile(
  files: Record<string, ContextFile>,
  text: string
): Record<string, ContextFile> {
  const ignore = files['.dockerignore'];
  const current = typeof ignore?.data === 'string' ? ignore.data : null;
  const patterns =
    current !== null
      ? `${current}${current.endsWith('\n') || !current ? '' : '\n'}${OUTSIDE_DOCKERFILE}\n`
      : `.dockerignore\n${OUTSIDE_DOCKERFILE}\n`;
  return {
    ...files,
    [OUTSIDE_DOCKERFILE]: { data: text },
    '.dockerignore': { ...(ignore ?? {}), data: patterns, digest: undefined, size: undefined }
  };
}

function baselineFor(
  opts: CommandOptions,
  root: string,
  top: string | null,
  dockerfilePath: string | null
): { baseline: Baseline | null; coldBecause: string | null } {
  if (opts.command === 'lint') return { baseline: null, coldBecause: null };
  if (opts.since === 'none') return { baseline: null, coldBecause: '--since none' };
  if (!top) {
    if (opts.since)
      throw new UsageError(
        `--since ${opts.since} needs a git repository, and ${opts.dir} is not inside one; use --since none for a cold build`
      );
    return { baseline: null, coldBecause: 'not a git repository' };
  }
  const ref = opts.since ?? 'HEAD';
  const revision = resolveRevision(root, ref);
  if (!revision) {
    if (opts.since) {
      throw new UsageError(
        `unknown git revision "${ref}". Give a branch, tag or commit; in a shallow CI checkout, fetch more history (actions/checkout with fetch-depth: 0)`
      );
    }
    return { baseline: null, coldBecause: 'the repository has no commit yet' };
  }
  return { baseline: gitBaseline(root, revision, dockerfilePath, opts.builder), coldBecause: null };
}

/**
 * `--timings LOG`: the durations a real build printed become the costs of the
 * prediction. The log's own format says which builder made it; a file that is
 * not a build log is a usage error rather than a silent default.
 */
function calibrate(
  path: string,
  io: Io,
  input: Pick<
    Parameters<typeof calibrateFromLog>[0],
    'dockerfile' | 'context' | 'dockerfilePath' | 'buildArgs' | 'target'
  >
): Report['timings'] {
  let log: string;
  try {
    log = readFileSync(resolve(io.cwd, path), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'EISDIR'
        ? 'it is a directory; give the file that holds the output of docker build --progress=plain'
        : code === 'ENOENT'
          ? 'no such file'
          : code === 'EACCES' || code === 'EPERM'
            ? 'permission denied'
            : (e as Error).message;
    throw new UsageError(`cannot read the build log ${path}: ${why}`);
  }
  const calibration = calibrateFromLog({ ...input, log });
  if (calibration.format === 'unknown')
    throw new UsageError(
      `${path} is not docker build output (give the output of docker build --progress=plain, or of the legacy builder)`
    );
  return { log: path, calibration };
}

export function collect(opts: CommandOptions, io: Io): Report {
  const root = resolve(io.cwd, opts.dir);
  let isDir = false;
  try {
    isDir = statSync(root).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) throw new UsageError(`the build context ${opts.dir} is not a directory`);
  const dockerfileAbs = locateDockerfile(opts, io, root);
  let text: string;
  try {
    text = readFileSync(dockerfileAbs, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read the Dockerfile ${dockerfileAbs}: ${(e as Error).message}`);
  }
  const rel = relative(root, dockerfileAbs);
  const inside = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  const dockerfilePath = inside ? rel.split(sep).join('/') : null;

  const top = repoTop(root);
  const { baseline, coldBecause: noBaseline } = baselineFor(opts, root, top, dockerfilePath);
  let coldBecause = noBaseline;
  const own = ignoreOf(root, dockerfilePath, opts.builder).patterns;
  const samePatterns = (a: string[], b: string[]) => a.length === b.length && a.every((p, i) => p === b[i]);
  // When .dockerignore changed since REF, the walk must also read what REF's version lets through.
  const alsoPatterns = baseline && !samePatterns(baseline.patterns, own) ? [baseline.patterns] : [];
  const read = readContext({
    root,
    dockerfilePath,
    builder: opts.builder,
    alsoPatterns,
    hashFile: io.hashFile
  });
  for (const w of read.warnings) io.stderr(`layerlab: warning: ${w}\n`);

  const files = (f: Record<string, ContextFile>, df: string) => (inside ? f : withOutsideDockerfile(f, df));
  const common = {
    dockerfilePath: dockerfilePath ?? OUTSIDE_DOCKERFILE,
    builder: opts.builder,
    target: opts.target,
    buildArgs: opts.buildArgs
  };

  // Both builds and the lint read the same context: one memo lets them share the work.
  const memo = new EngineMemo();
  let before: BuildResult | null = null;
  if (baseline) {
    const outside = inside ? null : { dir: dirname(dockerfileAbs), name: basename(dockerfileAbs) };
    const refText = dockerfileAtRef(baseline, root, dockerfilePath, outside, text);
    if (refText === null) coldBecause = `the Dockerfile does not exist at ${baseline.revision.ref}`;
    else {
      const refFiles = contextAtRef(baseline, root, read, dockerfilePath);
      before = build({ ...common, dockerfile: refText, context: { files: files(refFiles, refText) } }, memo);
    }
  }
  const context = { files: files(read.files, text) };
  const timings = opts.timings ? calibrate(opts.timings, io, { ...common, dockerfile: text, context }) : null;
  const result = build(
    {
      ...common,
      dockerfile: text,
      context,
      cache: before?.cache,
      noCache: opts.noCache,
      costs: timings?.calibration.costs
    },
    memo
  );
  // Lint's "costs ~45 s per rerun" figures follow the same calibration.
  const lintResult = lint({ ...common, dockerfile: text, context, costs: timings?.calibration.costs }, memo);

  const uriBase = top ?? io.cwd;
  const errors = result.diagnostics.filter((d: Diagnostic) => d.severity === 'error');
  const failing =
    lintResult.findings.filter((f: LintFinding) => failsAt(opts.failOn, f.severity)).length +
    (failsAt(opts.failOn, 'error') ? errors.length : 0);
  const overBudget = opts.maxRebuild !== null && result.totals.estimatedSeconds > opts.maxRebuild;
  return {
    options: opts,
    root,
    dockerfileShown: relative(io.cwd, dockerfileAbs) || basename(dockerfileAbs),
    dockerfileUri: relative(uriBase, dockerfileAbs).split(sep).join('/'),
    uriBase,
    dockerfilePath: common.dockerfilePath,
    since: before && baseline ? baseline.revision : null,
    coldBecause: opts.command === 'check' ? coldBecause : null,
    baselineError: before?.error?.message ?? null,
    result,
    lint: lintResult,
    read: read.stats,
    overBudget,
    timings,
    failing,
    exitCode: failing > 0 || overBudget ? 1 : 0
  };
}
