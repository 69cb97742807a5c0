/**
 * The `layerlab` command. Subcommands:
 *   check [DIR]   predict what the next docker build rebuilds (against a git revision) and lint
 *   lint [DIR]    lint the Dockerfile with its build context for cache problems
 *   replay SCENARIO.json --builder buildkit|legacy   predict an oracle scenario (prediction JSON)
 * Exit codes: 0 fine, 1 findings or over budget, 2 usage or read errors.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { predictScenario, type Scenario } from '../lib/engine/index';
import pkg from '../../package.json' with { type: 'json' };
import { collect } from './check';
import { processIo, UsageError, type Io } from './io';
import { CHECK_USAGE, LINT_USAGE, parseCommandArgs } from './options';
import { renderJson } from './report-json';
import { renderSarif } from './report-sarif';
import { renderTable } from './report-table';
import { createHash } from 'node:crypto';
import { useSha256 } from '../lib/engine/index';

export const USAGE = `Usage: layerlab <command> [options]

Predicts Docker's build cache the way a Docker 20.10 daemon uses it (BuildKit or
the legacy builder): which steps come from cache, which rebuild, why, and how long.

Commands:
  check [DIR]            Predict what the next docker build of DIR rebuilds compared
                         with the last commit, and lint the Dockerfile.
  lint [DIR]             Lint the Dockerfile with its build context for cache problems.
  replay SCENARIO.json   Predict what the daemon does with an oracle scenario and
                         print the prediction JSON (see tests/oracle/FORMAT.md).
      --builder buildkit|legacy   which builder to predict (default buildkit)

Options:
  -h, --help       show this help (layerlab <command> --help for a command's options)
  -v, --version    print the version

Exit codes: 0 fine, 1 findings or rebuild over budget, 2 usage or read errors.
`;

// The engine hashes content trees with SHA-256; node:crypto's is several times
// faster than the portable one it uses in the browser.
useSha256({
  bytes: (b) => createHash('sha256').update(b).digest('hex'),
  text: (s) => createHash('sha256').update(s, 'utf8').digest('hex')
});

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (!command || command === '-h' || command === '--help' || command === 'help') {
      const topic = command === 'help' ? rest[0] : undefined;
      io.stdout(topic === 'check' ? CHECK_USAGE : topic === 'lint' ? LINT_USAGE : USAGE);
      return command ? 0 : 2;
    }
    if (command === '-v' || command === '--version') {
      io.stdout(`${pkg.version}\n`);
      return 0;
    }
    if (command === 'replay') return replay(rest, io);
    if (command === 'check' || command === 'lint') return run(command, rest, io);
    throw new UsageError(`unknown command "${command}" (commands: check, lint, replay)`);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`layerlab: ${(e as Error).message}\nRun \`layerlab --help\` for usage.\n`);
      return 2;
    }
    // Every failure of the user's input is a UsageError by now; anything else is
    // Layer Lab's own fault and must not read like a problem with their files.
    io.stderr(
      `layerlab: internal error, a bug in Layer Lab (please report it with the files that cause it): ${(e as Error).message}\n`
    );
    return 2;
  }
}

function run(command: 'check' | 'lint', args: string[], io: Io): number {
  const opts = parseCommandArgs(command, args, io);
  if (opts.help) {
    io.stdout(command === 'check' ? CHECK_USAGE : LINT_USAGE);
    return 0;
  }
  const report = collect(opts, io);
  io.stdout(
    opts.format === 'json'
      ? renderJson(report)
      : opts.format === 'sarif'
        ? renderSarif(report)
        : renderTable(report, io)
  );
  return report.exitCode;
}

function replay(args: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { builder: { type: 'string', default: 'buildkit' }, help: { type: 'boolean', short: 'h' } }
  });
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('replay needs exactly one scenario file');
  const builder = values.builder;
  if (builder !== 'buildkit' && builder !== 'legacy')
    throw new UsageError(`--builder must be buildkit or legacy, not "${builder}"`);
  let scenario: Scenario;
  try {
    scenario = JSON.parse(readFileSync(resolve(io.cwd, positionals[0]), 'utf8')) as Scenario;
  } catch (e) {
    io.stderr(`layerlab: cannot read scenario ${positionals[0]}: ${(e as Error).message}\n`);
    return 2;
  }
  if (!scenario || typeof scenario !== 'object' || typeof scenario.files !== 'object') {
    io.stderr(`layerlab: ${positionals[0]} is not an oracle scenario (it needs "files" and "builds")\n`);
    return 2;
  }
  io.stdout(JSON.stringify(predictScenario(scenario, builder), null, 2) + '\n');
  return 0;
}
