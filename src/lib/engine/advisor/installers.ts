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
  flagValues,
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

function pip(args: string[], acc: Acc, file: FileLookup, tool: 'pip' | 'uv' = 'pip'): void {
  const i = args.indexOf('install');
  const rest =
    tool === 'uv' ? args : i >= 0 ? args.slice(i + 1) : fail(`pip ${args[0] ?? ''} is not an install`);
  acc.ecosystems.add('python');
  if (flagValues(rest, ['-e', '--editable', '-f', '--find-links']).length)
    fail('pip installs from a local path');
  const valued = [
    '-r',
    '--requirement',
    '-c',
    '--constraint',
    '-i',
    '--index-url',
    '--extra-index-url',
    '--trusted-host',
    '-t',
    '--target',
    '--prefix',
    '--root',
    '--platform',
    '--python-version',
    '--only-binary',
    '--no-binary',
    '--progress-bar',
    '--cache-dir',
    '--python'
  ];
  const named = positional(rest, valued);
  if (named.some(looksLikePath)) fail('pip installs from a local path');
  for (const target of flagValues(rest, ['-t', '--target', '--prefix', '--root']))
    if (!target.startsWith('/')) acc.writes.add(target);
  const reqs = flagValues(rest, ['-r', '--requirement', '-c', '--constraint']);
  for (const r of reqs) requirementFile(r, acc, file, 0);
}

/** A requirements file and the files it includes, all relative to where pip runs. */
function requirementFile(path: string, acc: Acc, file: FileLookup, depth: number): void {
  if (depth > 5) fail('requirements files include each other too deeply');
  const text = required(acc, file, path);
  const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '';
  for (const raw of text.split('\n')) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) continue;
    const inc = /^(-r|--requirement|-c|--constraint)\s*=?\s*(\S+)/.exec(line);
    if (inc) {
      requirementFile(
        inc[2].startsWith('/') ? fail('a requirements file includes an absolute path') : dir + inc[2],
        acc,
        file,
        depth + 1
      );
      continue;
    }
    if (/^(-e|--editable|-f|--find-links)\b|^[./]|\bfile:|@\s*\.|^\S+\.(whl|tar\.gz|zip)$/.test(line))
      fail(`${path} installs from a local path (${line})`);
  }
}

function uvSync(args: string[], acc: Acc, file: FileLookup): void {
  acc.ecosystems.add('python');
  if (!args.includes('--no-install-project') && !args.includes('--no-install-workspace'))
    fail('uv sync without --no-install-project installs the project itself, which reads the source');
  required(acc, file, 'pyproject.toml');
  optional(acc, file, 'uv.lock', '.python-version', 'uv.toml');
  acc.writes.add('.venv');
  if (!args.includes('--frozen') && !args.includes('--locked')) acc.writes.add('uv.lock');
}

function go(args: string[], acc: Acc, file: FileLookup): void {
  if (args[0] === 'build' || args[0] === 'install' || args[0] === 'test' || args[0] === 'vet') {
    // Reads the whole source: never moved, but its build cache can be mounted.
    acc.readsContext = true;
    return fail(`go ${args[0]} compiles the source`);
  }
  if (args[0] === 'env' || args[0] === 'version') return;
  if (args[0] !== 'mod' || args[1] !== 'download')
    return fail(`go ${args[0] ?? ''} is not a download the advisor knows`);
  acc.ecosystems.add('go');
  if (/^\s*replace\b[^\n]*=>\s*\.{0,2}\//m.test(required(acc, file, 'go.mod')))
    fail('go.mod replaces a module with a local directory');
  if (file('go.work') !== null) fail('a go.work workspace reads other directories');
  optional(acc, file, 'go.sum');
}

function maven(cmd: string, args: string[], acc: Acc, file: FileLookup): void {
  const goals = args.filter((a) => !a.startsWith('-'));
  if (
    !goals.length ||
    !goals.every((g) =>
      /^(dependency:(go-offline|resolve|resolve-plugins)|de\.qaware\.maven:go-offline-maven-plugin:resolve-dependencies)$/.test(
        g
      )
    )
  )
    fail('mvn with goals other than dependency:go-offline builds the source');
  acc.ecosystems.add('java');
  const pom = required(acc, file, 'pom.xml');
  if (/<modules>|<relativePath>\s*[^<\s]/.test(pom))
    fail('pom.xml has modules or a local parent, which read other directories');
  if (cmd.includes('mvnw')) {
    required(acc, file, 'mvnw');
    optional(acc, file, '.mvn/wrapper/maven-wrapper.properties', '.mvn/wrapper/maven-wrapper.jar');
  }
  optional(acc, file, '.mvn/maven.config', '.mvn/extensions.xml', '.mvn/jvm.config');
}

function bundle(args: string[], acc: Acc, file: FileLookup): void {
  const sub = args.find((a) => !a.startsWith('-'));
  if (sub === 'config') return;
  if (sub !== undefined && sub !== 'install') return fail(`bundle ${sub} is not an install`);
  acc.ecosystems.add('ruby');
  if (/^\s*gemspec\b|path:|:path\s*=>|git:\s*['"]\.|^\s*eval_gemfile/m.test(required(acc, file, 'Gemfile')))
    fail('the Gemfile reads a gemspec or local paths');
  optional(acc, file, 'Gemfile.lock', '.bundle/config');
  if (!args.includes('--frozen') && !args.includes('--deployment')) acc.writes.add('Gemfile.lock');
  if (args.includes('--deployment') || flagValues(args, ['--path']).length) acc.writes.add('vendor');
}

function dotnet(args: string[], acc: Acc, file: FileLookup): void {
  if (args[0] !== 'restore') {
    return fail(`dotnet ${args[0] ?? ''} builds the source`);
  }
  acc.ecosystems.add('dotnet');
  const proj = positional(args.slice(1), [
    '-r',
    '--runtime',
    '-s',
    '--source',
    '--configfile',
    '-p',
    '--packages',
    '-v',
    '--verbosity'
  ]);
  if (proj.length !== 1 || !/\.(cs|fs|vb)proj$/.test(proj[0]))
    fail('dotnet restore of a solution or a directory reads every project in it');
  const text = required(acc, file, proj[0]);
  if (/<ProjectReference\b/.test(text)) fail('the project references other projects');
  const dir = proj[0].includes('/') ? proj[0].slice(0, proj[0].lastIndexOf('/') + 1) : '';
  optional(
    acc,
    file,
    'nuget.config',
    'NuGet.Config',
    'Directory.Build.props',
    'Directory.Packages.props',
    'global.json'
  );
  if (dir)
    optional(
      acc,
      file,
      `${dir}nuget.config`,
      `${dir}Directory.Build.props`,
      `${dir}Directory.Packages.props`
    );
  acc.writes.add(`${dir}obj`);
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
