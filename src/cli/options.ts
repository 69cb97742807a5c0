/**
 * Arguments of `layerlab check` and `layerlab lint`, spelled as `docker build`
 * spells them (-f/--file, --target, --build-arg, --no-cache), and their help.
 */
import { parseArgs } from 'node:util';
import type { Builder, Severity } from '../lib/engine/index';
import { UsageError, type Io } from './io';

export type Format = 'table' | 'json' | 'sarif';
export type FailOn = Severity | 'none';

export interface CommandOptions {
  command: 'check' | 'lint';
  /** The context directory as given (default `.`). */
  dir: string;
  /** `-f` as given, or null for `<dir>/Dockerfile`. */
  file: string | null;
  target: string | undefined;
  buildArgs: Record<string, string>;
  noCache: boolean;
  builder: Builder;
  /** A git revision, `none`, or null for the default (HEAD inside a git repository). */
  since: string | null;
  format: Format;
  progress: 'plain' | null;
  maxRebuild: number | null;
  /** A real `docker build` log to calibrate the time estimates from (check only). */
  timings: string | null;
  failOn: FailOn;
  help: boolean;
}

const COMMON = `  -f, --file PATH          the Dockerfile (default: DIR/Dockerfile); a relative path is
                           taken from the current directory, as docker build does
      --target STAGE       build this stage, as docker build --target
      --build-arg K=V      a build arg, as docker build --build-arg (repeatable; K alone
                           takes the value from the environment)
      --builder NAME       buildkit (default) or legacy: which Docker 20.10 builder to predict
      --format FORMAT      table (default), json, or sarif (SARIF 2.1.0 for code scanning)
      --json               the same as --format json`;

export const CHECK_USAGE = `Usage: layerlab check [DIR] [options]

Predicts what the next \`docker build DIR\` rebuilds, step by step, with the reason and
the estimated time, and lints the Dockerfile with its build context.

Inside a git repository it first builds the context as it is at --since (default HEAD,
read from git objects, nothing checked out), then your working tree against that cache:
the steps it reports as rebuilding are the ones your uncommitted changes cost.
Outside git, or with --since none, it reports a cold build.

Options:
${COMMON}
      --no-cache           predict docker build --no-cache
      --since REF          the git revision to compare with (default HEAD); none: cold build
      --progress plain     print the build as the daemon's plain progress output instead of the table
      --max-rebuild SECS   exit 1 when the predicted rebuild takes longer than SECS seconds
      --timings LOG        calibrate the time estimates from a real build log: the output of
                           docker build --progress=plain (or of the legacy builder)
      --fail-on LEVEL      exit 1 on lint findings of LEVEL or worse: error (default),
                           warning, info, or none
  -h, --help               show this help

Exit codes: 0 fine, 1 findings at --fail-on level or rebuild over --max-rebuild,
2 usage or read errors.

Examples:
  layerlab check                         what do my uncommitted changes rebuild?
  layerlab check --since main            ... compared with the main branch
  layerlab check --max-rebuild 60        fail when the next build takes over a minute
  layerlab check --timings build.log     ... with the step times your last real build took
  layerlab check -f docker/Dockerfile.prod --target runtime .
`;

export const LINT_USAGE = `Usage: layerlab lint [DIR] [options]

Lints a Dockerfile together with its build context for cache problems: an install
below a broad COPY, apt-get update alone, an ARG declared too early, churn such as
.git or node_modules in the context, COPY of an ignored path, unpinned base images,
ADD of a URL without a checksum, installs without a cache mount. Each finding has
a fix and a page under docs/rules.

Options:
${COMMON}
      --fail-on LEVEL      exit 1 on findings of LEVEL or worse: error, warning (default),
                           info, or none
  -h, --help               show this help

Silence a finding with a comment above the instruction (# layerlab-ignore LL003), or for
the whole project in .layerlab.json at the context root:
  { "ignore": ["LL008"], "severity": { "LL006": "error" } }

Exit codes: 0 fine, 1 findings at --fail-on level, 2 usage or read errors.
`;

const FORMATS: Format[] = ['table', 'json', 'sarif'];
const LEVELS: FailOn[] = ['error', 'warning', 'info', 'none'];

export function parseCommandArgs(command: 'check' | 'lint', args: string[], io: Io): CommandOptions {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      file: { type: 'string', short: 'f' },
      target: { type: 'string' },
      'build-arg': { type: 'string', multiple: true },
      'no-cache': { type: 'boolean' },
      builder: { type: 'string' },
      since: { type: 'string' },
      format: { type: 'string' },
      json: { type: 'boolean' },
      progress: { type: 'string' },
      'max-rebuild': { type: 'string' },
      timings: { type: 'string' },
      'fail-on': { type: 'string' },
      help: { type: 'boolean', short: 'h' }
    }
  });
  const lintOnly = command === 'lint';
  for (const flag of ['no-cache', 'since', 'progress', 'max-rebuild', 'timings'] as const) {
    if (lintOnly && values[flag] !== undefined)
      throw new UsageError(`--${flag} belongs to \`layerlab check\`; lint does not predict a build`);
  }
  if (positionals.length > 1)
    throw new UsageError(
      `expected one context directory, got ${positionals.length}: ${positionals.join(' ')}`
    );
  const dir = positionals[0] ?? '.';
  if (dir === '-' || /^[a-z]+:\/\//i.test(dir) || dir.startsWith('git@')) {
    throw new UsageError(
      `layerlab reads a local directory as the build context, not "${dir}"; clone or unpack it first`
    );
  }

  const builder = values.builder ?? 'buildkit';
  if (builder !== 'buildkit' && builder !== 'legacy')
    throw new UsageError(`--builder must be buildkit or legacy, not "${builder}"`);
  let format: Format = values.json ? 'json' : 'table';
  if (values.format !== undefined) {
    if (!FORMATS.includes(values.format as Format))
      throw new UsageError(`--format must be table, json or sarif, not "${values.format}"`);
    if (values.json && values.format !== 'json')
      throw new UsageError('--json and --format disagree; give one of them');
    format = values.format as Format;
  }
  let progress: 'plain' | null = null;
  if (values.progress !== undefined) {
    // docker build's other modes draw a live terminal UI; for a prediction the table is that view.
    if (values.progress === 'plain') progress = 'plain';
    else if (values.progress !== 'auto' && values.progress !== 'tty')
      throw new UsageError(`--progress must be plain, auto or tty, not "${values.progress}"`);
    if (progress && format !== 'table')
      throw new UsageError('--progress plain prints text; it cannot be combined with --format json or sarif');
  }
  let maxRebuild: number | null = null;
  if (values['max-rebuild'] !== undefined) {
    maxRebuild = Number(values['max-rebuild'].replace(/s$/, ''));
    if (!Number.isFinite(maxRebuild) || maxRebuild < 0)
      throw new UsageError(
        `--max-rebuild takes seconds, e.g. --max-rebuild 90, not "${values['max-rebuild']}"`
      );
  }
  const failOn = (values['fail-on'] ?? (lintOnly ? 'warning' : 'error')) as FailOn;
  if (!LEVELS.includes(failOn))
    throw new UsageError(`--fail-on must be error, warning, info or none, not "${values['fail-on']}"`);

  const buildArgs: Record<string, string> = {};
  for (const a of values['build-arg'] ?? []) {
    const eq = a.indexOf('=');
    if (eq === 0) throw new UsageError(`--build-arg needs a name: "${a}"`);
    if (eq > 0) buildArgs[a.slice(0, eq)] = a.slice(eq + 1);
    // As docker does: a bare name takes its value from the environment, and is dropped when unset there.
    else if (io.env[a] !== undefined) buildArgs[a] = io.env[a] as string;
  }
  return {
    command,
    dir,
    file: values.file ?? null,
    target: values.target || undefined,
    buildArgs,
    noCache: values['no-cache'] === true,
    builder,
    since: values.since ?? null,
    format,
    progress,
    maxRebuild,
    timings: values.timings ?? null,
    failOn,
    help: values.help === true
  };
}
