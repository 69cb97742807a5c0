/**
 * What a RUN reads and writes, for the package managers the advisor moves.
 *
 * The advisor may only move an install above a COPY when it knows every file
 * the install reads: a dependency install in its usual form reads its
 * manifests and lock files and nothing else, unless the manifests point at
 * local code (`-e .`, `file:` dependencies, workspaces, `replace ./x`,
 * `gemspec`...) or the tool runs project scripts (npm lifecycle scripts,
 * composer scripts). Anything outside the forms listed here is "not
 * understood" and is never moved. Likewise for what it writes: an install
 * that may rewrite its lock file (`npm install`, `yarn` without
 * `--frozen-lockfile`) cannot have the source copied over it afterwards.
 */
import { tokenize } from '../run-model/command-reader';
import {
  fail,
  looksLikePath,
  NotUnderstood,
  optional,
  positional,
  required,
  systemPath,
  type Acc,
  type FileLookup,
  type SimpleCommand
} from './install-kit';
import { npm, pnpm, yarn } from './installers-js';
import { pip, uvSync } from './installers-python';
import { bundle, dotnet, go, maven } from './installers-toolchains';

export type { FileLookup } from './install-kit';

export interface RunAnalysis {
  /** Every command of the RUN was understood. */
  understood: boolean;
  /** Why not, in words, when not. */
  why: string | null;
  /** Files it reads, relative to its working directory. */
  reads: string[];
  /** What it writes that a COPY after it must not overwrite, relative to its working directory. */
  writes: string[];
  /** It reads nothing from the working directory or the build context. */
  contextFree: boolean;
  /** Ecosystems it installs for (`python`, `node`, ...). */
  ecosystems: string[];
}

/** Analyses a shell-form RUN command. */
export function analyseRun(command: string, file: FileLookup): RunAnalysis {
  const acc: Acc = { reads: new Set(), writes: new Set(), ecosystems: new Set(), readsContext: false };
  const commands = tokenize(command, () => undefined);
  const done = (understood: boolean, why: string | null): RunAnalysis => ({
    understood,
    why,
    reads: [...acc.reads].sort(),
    writes: [...acc.writes].sort(),
    contextFree: understood && !acc.readsContext && acc.reads.size === 0,
    ecosystems: [...acc.ecosystems].sort()
  });
  if (!commands || !commands.length)
    return done(false, 'the command uses shell syntax the advisor does not follow');
  try {
    for (const c of commands) {
      if (c.next === '|' || c.next === '||') fail('the command uses a pipe or ||');
      if (c.redirects.some((r) => r.op === '<' || (r.target !== '/dev/null' && !r.target.startsWith('/'))))
        fail('the command redirects into the working directory');
      if (c.assigns.length && !c.words.length) fail('the command sets shell variables');
      command1(c, acc, file);
    }
  } catch (e) {
    if (e instanceof NotUnderstood) return done(false, e.message);
    throw e;
  }
  return done(true, null);
}

function command1(c: SimpleCommand, acc: Acc, file: FileLookup): void {
  if (!c.words.length) return;
  let words = c.words;
  // `python -m pip`, `python3 -m pip` are pip.
  if (/^python[\d.]*$/.test(words[0]) && words[1] === '-m' && words[2] === 'pip')
    words = ['pip', ...words.slice(3)];
  const [cmd, ...args] = [words[0].replace(/^.*\//, ''), ...words.slice(1)];
  const sub = args.find((a) => !a.startsWith('-'));
  switch (cmd) {
    case 'pip':
    case 'pip3':
      return pip(args, acc, file);
    case 'uv':
      if (args[0] === 'pip' && args[1] === 'install') return pip(args.slice(2), acc, file, 'uv');
      if (sub === 'sync') return uvSync(args, acc, file);
      return fail(`uv ${sub ?? ''} is not an install the advisor knows`);
    case 'poetry':
      if (sub !== 'install') return fail(`poetry ${sub ?? ''} is not an install the advisor knows`);
      if (!args.includes('--no-root') && !args.includes('--no-directory'))
        fail('poetry install without --no-root installs the project itself, which reads the source');
      acc.ecosystems.add('python');
      required(acc, file, 'pyproject.toml');
      optional(acc, file, 'poetry.lock', 'poetry.toml');
      acc.writes.add('.venv');
      if (file('poetry.lock') === null) acc.writes.add('poetry.lock');
      return;
    case 'npm':
      return npm(args, acc, file);
    case 'yarn':
      return yarn(args, acc, file);
    case 'pnpm':
      return pnpm(args, acc, file);
    case 'go':
      return go(args, acc, file);
    case 'cargo':
      if (sub !== 'fetch') return fail(`cargo ${sub ?? ''} builds the source`);
      acc.ecosystems.add('rust');
      if (/^\s*\[workspace\]|path\s*=/m.test(required(acc, file, 'Cargo.toml')))
        fail('Cargo.toml has a workspace or path dependencies, which read other directories');
      optional(acc, file, 'Cargo.lock');
      if (!args.includes('--locked') && !args.includes('--frozen')) acc.writes.add('Cargo.lock');
      return;
    case 'mvn':
    case 'mvnw':
      return maven(words[0], args, acc, file);
    case 'bundle':
      return bundle(args, acc, file);
    case 'composer':
      if (sub !== 'install') return fail(`composer ${sub ?? ''} is not an install the advisor knows`);
      if (!args.includes('--no-scripts') || !args.includes('--no-autoloader'))
        fail(
          'composer install runs scripts and builds the autoloader from the source unless --no-scripts --no-autoloader'
        );
      acc.ecosystems.add('php');
      required(acc, file, 'composer.json');
      optional(acc, file, 'composer.lock', 'auth.json');
      acc.writes.add('vendor');
      if (file('composer.lock') === null) acc.writes.add('composer.lock');
      return;
    case 'dotnet':
      return dotnet(args, acc, file);
    default:
      return systemCommand(cmd, args);
  }
}

/** System package managers and file commands that touch only absolute system paths. */
function systemCommand(cmd: string, args: string[]): void {
  const onlySystemPaths = () => {
    if (positional(args, []).some((a) => looksLikePath(a) && !systemPath(a)))
      fail(`${cmd} touches a path in the working directory`);
  };
  switch (cmd) {
    case 'apt-get':
    case 'apt':
    case 'apk':
    case 'dnf':
    case 'yum':
    case 'microdnf':
      if (positional(args, ['-o', '--repository', '-X']).some((a) => looksLikePath(a)))
        fail(`${cmd} installs a local package file`);
      return;
    case 'rm':
    case 'mkdir':
    case 'chmod':
    case 'chown':
    case 'ln':
    case 'touch':
      return onlySystemPaths();
    case 'useradd':
    case 'groupadd':
    case 'adduser':
    case 'addgroup':
    case 'usermod':
    case 'corepack':
    case 'update-ca-certificates':
    case 'ldconfig':
    case 'locale-gen':
    case 'true':
    case 'echo':
    case 'set':
      return onlySystemPaths();
    case 'gem':
      if (args[0] !== 'install' || positional(args.slice(1), ['-v', '--version']).some(looksLikePath))
        fail('gem does more than install named gems');
      return;
    default:
      return fail(`the advisor does not know what \`${cmd}\` reads`);
  }
}
