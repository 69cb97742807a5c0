/**
 * The build context as it was at a git revision, for `check --since REF`.
 *
 * What git records at REF replaces what the working tree holds: every path that
 * differs from REF (staged or not) takes its REF content and mode, files git
 * does not know yet are dropped, files deleted since REF come back. Git has no
 * record of what it ignores (`node_modules`, build output, `.env`) nor of `.git`
 * itself; those are taken as they are now on both sides, since they were most
 * likely there when REF was built too. Only the paths that differ are read from
 * git's objects (`git cat-file`, through the checkout filters), so the cost
 * grows with the size of the change, not of the repository.
 */
import { createHash } from 'node:crypto';
import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import {
  ALWAYS_READ,
  dockerignoreMatcher,
  ignoreFileFor,
  readIgnorePatterns,
  type Builder,
  type ContextFile
} from '../lib/engine/index';
import { blobAt, changesSince, readBlobs, untrackedFiles, type Change, type Revision } from './git';
import { fileEntry, readTextFile, type ContextRead } from './read-context';

const ABSENT = '000000';
const GITLINK = '160000';
const SYMLINK = '120000';

export interface Baseline {
  revision: Revision;
  changes: Map<string, Change>;
  untracked: Set<string>;
  /** The ignore file and patterns the build at REF applies. */
  ignoreFile: string | null;
  patterns: string[];
}

/** What git says differs under the context directory, and the `.dockerignore` that applied at REF. */
export function gitBaseline(
  root: string,
  revision: Revision,
  dockerfilePath: string | null,
  builder: Builder
): Baseline {
  const changes = new Map(changesSince(root, revision.commit).map((c) => [c.path, c]));
  const untracked = new Set(untrackedFiles(root));
  const existedAtRef = (p: string) => {
    const c = changes.get(p);
    if (c) return c.oldMode !== ABSENT && c.oldMode !== GITLINK;
    if (untracked.has(p)) return false;
    try {
      return lstatSync(join(root, p)).isFile();
    } catch {
      return false;
    }
  };
  const ignoreFile = ignoreFileFor(dockerfilePath ?? 'Dockerfile', builder, existedAtRef);
  let text = '';
  if (ignoreFile) {
    const c = changes.get(ignoreFile);
    text = c ? blobText(root, c) : readTextFile(join(root, ignoreFile));
  }
  return { revision, changes, untracked, ignoreFile, patterns: readIgnorePatterns(text) };
}

function blobText(root: string, c: Change): string {
  return (
    readBlobs(root, [{ blob: c.oldBlob, path: c.path }], true)
      .get(`${c.oldBlob} ${c.path}`)
      ?.toString('utf8') ?? ''
  );
}

/** The Dockerfile's text at REF, or null when it did not exist there. */
export function dockerfileAtRef(
  b: Baseline,
  root: string,
  dockerfilePath: string | null,
  outside: { dir: string; name: string } | null,
  workingText: string
): string | null {
  if (dockerfilePath !== null) {
    const c = b.changes.get(dockerfilePath);
    if (b.untracked.has(dockerfilePath) || c?.oldMode === ABSENT) return null;
    return c ? blobText(root, c) : workingText;
  }
  if (!outside) return null;
  const at = blobAt(outside.dir, b.revision.commit, outside.name);
  return at
    ? (readBlobs(outside.dir, [{ blob: at.blob, path: outside.name }], true)
        .get(`${at.blob} ${outside.name}`)
        ?.toString('utf8') ?? null)
    : null;
}

/**
 * Git stores only the executable bit. The file on disk keeps the rest of its mode
 * (umask, a deliberate chmod 600), so REF's mode is the current one with REF's bit.
 */
function modeAtRef(gitMode: string, current: ContextFile | undefined): number {
  const exec = gitMode === '100755';
  const base =
    current && current.type !== 'dir' && current.type !== 'symlink' && current.mode !== undefined
      ? current.mode
      : exec
        ? 0o755
        : 0o644;
  return exec ? base | ((base & 0o444) >> 2) : base & ~0o111;
}

function ancestors(path: string, into: Set<string>): void {
  for (let i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) into.add(path.slice(0, i));
}

/** The context at REF, built from the working tree's read and git's record of what differs. */
export function contextAtRef(
  b: Baseline,
  root: string,
  working: ContextRead,
  dockerfilePath: string | null
): Record<string, ContextFile> {
  const files: Record<string, ContextFile> = { ...working.files };
  const gone = new Set<string>([...b.untracked, ...b.changes.keys()]);
  for (const p of gone) delete files[p];

  const matcher = dockerignoreMatcher(b.patterns);
  const needed = (p: string) =>
    !matcher.ignores(p) || ALWAYS_READ.includes(p) || p === dockerfilePath || p === b.ignoreFile;
  const atRef = [...b.changes.values()].filter((c) => c.oldMode !== ABSENT && c.oldMode !== GITLINK);
  const regular = atRef.filter((c) => c.oldMode !== SYMLINK && needed(c.path));
  const blobs = readBlobs(
    root,
    regular.map((c) => ({ blob: c.oldBlob, path: c.path })),
    true
  );
  const links = readBlobs(
    root,
    atRef.filter((c) => c.oldMode === SYMLINK).map((c) => ({ blob: c.oldBlob, path: c.path })),
    false
  );
  const budget = { text: 16 * 1024 * 1024 };
  for (const c of atRef) {
    const key = `${c.oldBlob} ${c.path}`;
    const mode = modeAtRef(c.oldMode, working.files[c.path]);
    if (c.oldMode === SYMLINK)
      files[c.path] = { type: 'symlink', target: links.get(key)?.toString('utf8') ?? '' };
    else if (!needed(c.path)) files[c.path] = { mode };
    else {
      const bytes = blobs.get(key) ?? Buffer.alloc(0);
      const digest = 'sha256:' + createHash('sha256').update(bytes).digest('hex');
      files[c.path] = fileEntry({ digest, size: bytes.length, bytes }, mode, budget);
    }
    gone.delete(c.path);
  }

  // A directory that held only files new since REF did not exist at REF.
  const kept = new Set<string>();
  for (const [p, f] of Object.entries(files)) if (f.type !== 'dir') ancestors(p, kept);
  const emptied = new Set<string>();
  for (const p of gone) ancestors(p, emptied);
  for (const p of emptied) if (!kept.has(p) && files[p]?.type === 'dir') delete files[p];
  return files;
}
