/**
 * The little the CLI asks of git: where the repository is, what a revision
 * names, which paths differ between a revision and the working tree, and the
 * bytes of blobs, all read from git's objects without touching the checkout.
 */
import { spawnSync } from 'node:child_process';
import { UsageError } from './io';

export interface GitResult {
  ok: boolean;
  stdout: Buffer;
  stderr: string;
}

function git(cwd: string, args: string[], input?: Buffer | string): GitResult {
  const r = spawnSync('git', args, {
    cwd,
    input,
    maxBuffer: 2 ** 31 - 1,
    env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' }
  });
  if (r.error) return { ok: false, stdout: Buffer.alloc(0), stderr: r.error.message };
  return { ok: r.status === 0, stdout: r.stdout, stderr: r.stderr.toString().trim() };
}

/** The top of the work tree containing `dir`, or null outside git (or without git installed). */
export function repoTop(dir: string): string | null {
  const r = git(dir, ['rev-parse', '--show-toplevel']);
  return r.ok ? r.stdout.toString().trim() : null;
}

export interface Revision {
  /** As the user wrote it. */
  ref: string;
  commit: string;
  subject: string;
}

/** Resolves a revision to its commit, or null when it names nothing (HEAD of a repository with no commit yet). */
export function resolveRevision(dir: string, ref: string): Revision | null {
  const r = git(dir, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  if (!r.ok) return null;
  const commit = r.stdout.toString().trim();
  const s = git(dir, ['log', '-1', '--format=%s', commit]);
  return { ref, commit, subject: s.ok ? s.stdout.toString().trim() : '' };
}

export interface Change {
  /** Relative to the directory asked about. */
  path: string;
  /** The mode at the revision (`100644`, `100755`, `120000`, `160000`) or `000000` when it did not exist. */
  oldMode: string;
  oldBlob: string;
  /** A added, D deleted, M modified, T type changed, U unmerged. */
  status: string;
}

/** Paths under `dir` whose working-tree state differs from `commit` (staged or not), with their old side. */
export function changesSince(dir: string, commit: string): Change[] {
  const r = git(dir, [
    'diff',
    '--raw',
    '-z',
    '--no-renames',
    '--no-abbrev',
    '--relative',
    '--ignore-submodules=all',
    commit,
    '--',
    '.'
  ]);
  if (!r.ok) throw new UsageError(`git diff against ${commit.slice(0, 12)} failed: ${r.stderr}`);
  const parts = r.stdout.toString('utf8').split('\0');
  const out: Change[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const [oldMode, , oldBlob, , status] = parts[i].replace(/^:/, '').split(' ');
    out.push({ path: parts[i + 1], oldMode, oldBlob, status: status.charAt(0) });
  }
  return out;
}

/** Files under `dir` that git does not track and does not ignore (new files not yet added). */
export function untrackedFiles(dir: string): string[] {
  const r = git(dir, ['ls-files', '-z', '--others', '--exclude-standard', '--', '.']);
  if (!r.ok) throw new UsageError(`git ls-files failed: ${r.stderr}`);
  return r.stdout.toString('utf8').split('\0').filter(Boolean);
}

/** The blob a path names at a revision (`REF:./path`, relative to `dir`), or null when absent. */
export function blobAt(dir: string, commit: string, path: string): { blob: string; mode: string } | null {
  const r = git(dir, ['ls-tree', '-z', '--full-name', commit, '--', path]);
  if (!r.ok || !r.stdout.length) return null;
  const [meta] = r.stdout.toString('utf8').split('\t');
  const [mode, type, blob] = meta.split(' ');
  return type === 'blob' ? { blob, mode } : null;
}

/**
 * Blob contents, as a checkout would write them: with `filters`, git applies the
 * path's attributes (line endings, LFS smudging) as `git checkout` does.
 */
export function readBlobs(
  dir: string,
  items: Array<{ blob: string; path: string }>,
  filters: boolean
): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  if (!items.length) return out;
  const input = items.map((i) => (filters ? `${i.blob} ${i.path}` : i.blob)).join('\n') + '\n';
  const r = git(dir, filters ? ['cat-file', '--batch', '--filters'] : ['cat-file', '--batch'], input);
  if (!r.ok) throw new UsageError(`git cat-file failed: ${r.stderr}`);
  const buf = r.stdout;
  let pos = 0;
  for (const item of items) {
    const nl = buf.indexOf(10, pos);
    const header = buf.subarray(pos, nl).toString();
    const [, type, size] = header.split(' ');
    if (type === 'missing' || size === undefined) {
      pos = nl + 1;
      continue;
    }
    const n = Number(size);
    out.set(`${item.blob} ${item.path}`, buf.subarray(nl + 1, nl + 1 + n));
    pos = nl + 1 + n + 1;
  }
  return out;
}
