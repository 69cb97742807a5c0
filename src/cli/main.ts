/**
 * The `layerlab` command. Subcommands:
 *   replay SCENARIO.json --builder buildkit|legacy   predict an oracle scenario (prediction JSON)
 * Exit codes: 0 fine, 1 findings or over budget, 2 usage or read errors.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { predictScenario, type Scenario } from '../lib/engine/index';
import pkg from '../../package.json' with { type: 'json' };

export const USAGE = `Usage: layerlab <command> [options]

Commands:
  replay SCENARIO.json   Predict what the daemon does with an oracle scenario and
                         print the prediction JSON (see tests/oracle/FORMAT.md).
      --builder buildkit|legacy   which builder to predict (default buildkit)

Options:
  -h, --help       show this help
  -v, --version    print the version
`;

class UsageError extends Error {}

export async function main(argv: string[]): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (!command || command === '-h' || command === '--help' || command === 'help') {
      process.stdout.write(USAGE);
      return command ? 0 : 2;
    }
    if (command === '-v' || command === '--version') {
      process.stdout.write(`${pkg.version}\n`);
      return 0;
    }
    if (command === 'replay') return replay(rest);
    throw new UsageError(`unknown command "${command}"`);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`layerlab: ${(e as Error).message}\nRun \`layerlab --help\` for usage.\n`);
      return 2;
    }
    process.stderr.write(`layerlab: ${(e as Error).message}\n`);
    return 2;
  }
}

function replay(args: string[]): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { builder: { type: 'string', default: 'buildkit' }, help: { type: 'boolean', short: 'h' } }
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('replay needs exactly one scenario file');
  const builder = values.builder;
  if (builder !== 'buildkit' && builder !== 'legacy') throw new UsageError(`--builder must be buildkit or legacy, not "${builder}"`);
  let scenario: Scenario;
  try {
    scenario = JSON.parse(readFileSync(positionals[0], 'utf8')) as Scenario;
  } catch (e) {
    process.stderr.write(`layerlab: cannot read scenario ${positionals[0]}: ${(e as Error).message}\n`);
    return 2;
  }
  if (!scenario || typeof scenario !== 'object' || typeof scenario.files !== 'object') {
    process.stderr.write(`layerlab: ${positionals[0]} is not an oracle scenario (it needs "files" and "builds")\n`);
    return 2;
  }
  process.stdout.write(JSON.stringify(predictScenario(scenario, builder), null, 2) + '\n');
  return 0;
}
