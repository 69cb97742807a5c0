/**
 * npm, Yarn 1 and pnpm installs: what they read (package.json, the lock file,
 * .npmrc) and write (node_modules, a lock file they may rewrite), and the
 * package.json forms that make them read more (scripts, workspaces, local deps).
 */
import {
  fail,
  looksLikePath,
  optional,
  positional,
  required,
  type Acc,
  type FileLookup
} from './install-kit';

/** package.json must not run scripts on install, nor depend on local code. */
function checkPackageJson(text: string, ignoreScripts: boolean): void {
  let pkg: Record<string, unknown>;
  try {
    pkg = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return fail('package.json is not valid JSON');
  }
  if (pkg.workspaces) fail('package.json declares workspaces, which read other directories');
  const scripts = (pkg.scripts ?? {}) as Record<string, unknown>;
  const hooks = [
    'preinstall',
    'install',
    'postinstall',
    'prepare',
    'preprepare',
    'postprepare',
    'prepublish'
  ].filter((k) => k in scripts);
  if (hooks.length && !ignoreScripts)
    fail(`package.json runs ${hooks.join(', ')} on install, which may read the source`);
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
    for (const spec of Object.values((pkg[field] ?? {}) as Record<string, unknown>)) {
      if (typeof spec === 'string' && /^(file:|link:|workspace:|\.{0,2}\/)/.test(spec))
        fail('package.json depends on local code');
    }
  }
}

export function npm(args: string[], acc: Acc, file: FileLookup): void {
  const sub = args.find((a) => !a.startsWith('-'));
  if (sub === 'config' || (sub === 'cache' && args.includes('clean'))) return;
  if (sub !== 'ci' && sub !== 'install' && sub !== 'i') return fail(`npm ${sub ?? ''} is not an install`);
  const packages = positional(args, [
    '--omit',
    '--include',
    '--only',
    '--loglevel',
    '--registry',
    '--cache'
  ]).slice(1);
  if (args.includes('-g') || args.includes('--global')) {
    if (packages.some(looksLikePath)) fail('npm installs from a local path');
    return;
  }
  if (packages.length) fail('npm install with package names changes package.json');
  acc.ecosystems.add('node');
  checkPackageJson(required(acc, file, 'package.json'), args.includes('--ignore-scripts'));
  optional(acc, file, 'package-lock.json', 'npm-shrinkwrap.json', '.npmrc');
  acc.writes.add('node_modules');
  if (sub !== 'ci') acc.writes.add('package-lock.json');
}

export function yarn(args: string[], acc: Acc, file: FileLookup): void {
  const sub = args.find((a) => !a.startsWith('-'));
  if (
    (sub === 'cache' && args.includes('clean')) ||
    sub === 'config' ||
    (sub === 'global' && args[1] === 'add')
  )
    return;
  if (sub !== undefined && sub !== 'install' && !/^\d+$/.test(sub))
    return fail(`yarn ${sub} is not an install`);
  acc.ecosystems.add('node');
  if (file('.yarnrc.yml') !== null)
    fail('Yarn 2+ (.yarnrc.yml) keeps its cache and install state in the project');
  checkPackageJson(required(acc, file, 'package.json'), args.includes('--ignore-scripts'));
  optional(acc, file, 'yarn.lock', '.yarnrc', '.npmrc');
  acc.writes.add('node_modules');
  if (!args.includes('--frozen-lockfile') && !args.includes('--immutable')) acc.writes.add('yarn.lock');
}

export function pnpm(args: string[], acc: Acc, file: FileLookup): void {
  const sub = args.find((a) => !a.startsWith('-'));
  if (sub !== 'install' && sub !== 'i') return fail(`pnpm ${sub ?? ''} is not an install`);
  acc.ecosystems.add('node');
  if (file('pnpm-workspace.yaml') !== null) fail('a pnpm workspace reads other directories');
  checkPackageJson(required(acc, file, 'package.json'), args.includes('--ignore-scripts'));
  optional(acc, file, 'pnpm-lock.yaml', '.npmrc');
  acc.writes.add('node_modules');
  if (!args.includes('--frozen-lockfile')) acc.writes.add('pnpm-lock.yaml');
}
