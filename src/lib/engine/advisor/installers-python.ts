/**
 * pip and uv installs: the requirement files they read (following `-r` and
 * `-c` includes) and the forms that make them read local code (`-e .`, paths).
 */
import {
  fail,
  flagValues,
  looksLikePath,
  optional,
  positional,
  required,
  type Acc,
  type FileLookup
} from './install-kit';

/** `pip install` (or `uv pip install`): the requirement and constraint files, or named packages only. */
export function pip(args: string[], acc: Acc, file: FileLookup, tool: 'pip' | 'uv' = 'pip'): void {
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

/** `uv sync`: pyproject.toml and uv.lock. */
export function uvSync(args: string[], acc: Acc, file: FileLookup): void {
  acc.ecosystems.add('python');
  if (!args.includes('--no-install-project') && !args.includes('--no-install-workspace'))
    fail('uv sync without --no-install-project installs the project itself, which reads the source');
  required(acc, file, 'pyproject.toml');
  optional(acc, file, 'uv.lock', '.python-version', 'uv.toml');
  acc.writes.add('.venv');
  if (!args.includes('--frozen') && !args.includes('--locked')) acc.writes.add('uv.lock');
}
