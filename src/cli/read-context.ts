/**
 * Reads a directory as the docker CLI sends it as a build context.
 *
 * - `.dockerignore` is applied while walking, with the engine's own matcher:
 *   an excluded directory is not even listed unless an exception pattern (`!x`)
 *   starts inside it, the rule of the docker CLI's archiver; excluded files are
 *   recorded by name and size only, never read.
 * - Permission bits come from the file system; symlinks are recorded as links
 *   and never followed.
 * - Every file is hashed here with node:crypto's SHA-256 (big files in chunks,
 *   never loaded whole) and handed to the engine as digest + size, so the engine
 *   never hashes context bytes itself.
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  readSync
} from 'node:fs';
import { join } from 'node:path';
import { asText } from '../lib/model/bytes';
import {
  ALWAYS_READ,
  dockerignoreMatcher,
  ignoreFileFor,
  isCompressed,
  isTar,
  readIgnorePatterns,
  type Builder,
  type ContextFile,
  type IgnoreMatcher
} from '../lib/engine/index';
import { UsageError } from './io';

/** SHA-256 of no bytes. */
const EMPTY_DIGEST = 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** Files at or above this size are hashed in chunks. */
export const STREAM_THRESHOLD = 8 * 1024 * 1024;
const CHUNK = 1024 * 1024;
/** Small text files keep their text for the engine's file-system model (users, tar members), within a budget. */
const TEXT_LIMIT = 64 * 1024;
const TEXT_BUDGET = 16 * 1024 * 1024;
const ARCHIVE_LIMIT = 16 * 1024 * 1024;

export interface ReadOptions {
  /** Absolute path of the context directory. */
  root: string;
  /** The Dockerfile's context path, or null when it lies outside the context. */
  dockerfilePath: string | null;
  builder: Builder;
  /**
   * More `.dockerignore` pattern lists in play (another revision's): a path is
   * skipped only when every list excludes it, so each build finds its files.
   */
  alsoPatterns?: string[][];
  /** How a file is opened and hashed (tests inject failures here); `hashFile` by default. */
  hashFile?: (abs: string) => HashedFile | null;
}

export interface ContextRead {
  files: Record<string, ContextFile>;
  /** The ignore file that applies to this tree, and its patterns. */
  ignoreFile: string | null;
  patterns: string[];
  stats: { files: number; hashed: number; bytesHashed: number; excluded: number; dirs: number };
  /** What the build will do differently from what the files say (an unreadable file BuildKit sends empty). */
  warnings: string[];
}

export interface HashedFile {
  digest: string;
  size: number;
  /** Permission bits, from the same open file. */
  mode: number;
  /** The bytes, for files read whole (below STREAM_THRESHOLD); null for streamed ones. */
  bytes: Buffer | null;
}

/**
 * Opens a regular file once (never through a symlink), takes its mode and size
 * from that descriptor, and hashes its bytes: whole when small, in 1 MB chunks
 * when big. Null when the path is not a regular file.
 */
export function hashFile(abs: string): HashedFile | null {
  const fd = openSync(abs, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return null;
    const mode = st.mode & 0o7777;
    if (st.size < STREAM_THRESHOLD) {
      const bytes = Buffer.allocUnsafe(st.size);
      let n = 0;
      for (let r = 1; n < st.size && r > 0; n += r) r = readSync(fd, bytes, n, st.size - n, null);
      const data = n === st.size ? bytes : bytes.subarray(0, n);
      return {
        digest: 'sha256:' + createHash('sha256').update(data).digest('hex'),
        size: data.length,
        mode,
        bytes: data
      };
    }
    const hash = createHash('sha256');
    const buf = Buffer.allocUnsafe(CHUNK);
    let total = 0;
    for (let n = readSync(fd, buf, 0, CHUNK, null); n > 0; n = readSync(fd, buf, 0, CHUNK, null)) {
      hash.update(buf.subarray(0, n));
      total += n;
    }
    return { digest: 'sha256:' + hash.digest('hex'), size: total, mode, bytes: null };
  } finally {
    closeSync(fd);
  }
}

/** A context entry for hashed bytes: always the digest, and the data when the engine can use it. */
export function fileEntry(
  hashed: { digest: string; size: number; bytes: Buffer | null },
  mode: number,
  budget: { text: number }
): ContextFile {
  const f: ContextFile = { digest: hashed.digest, size: hashed.size, mode };
  const b = hashed.bytes;
  if (!b) return f;
  if (b.length <= TEXT_LIMIT && budget.text > 0) {
    const text = asText(b);
    if (text !== null) {
      budget.text -= b.length;
      f.data = text;
      return f;
    }
  }
  if (b.length <= ARCHIVE_LIMIT && (isTar(b) || isCompressed(b))) f.data = new Uint8Array(b);
  return f;
}

function isDenied(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'EACCES' || code === 'EPERM';
}

/**
 * A file the user cannot read, as each builder takes it (probed with the real
 * 20.10 CLI, run without the right to read the file): the legacy builder's CLI
 * checks every file it would send and fails, naming it; BuildKit's context
 * sender sends the file empty (0 bytes, its mode kept) and the build goes on.
 */
function unreadable(abs: string, e: unknown, builder: Builder): void {
  if (!isDenied(e)) throw readError(abs, e);
  if (builder === 'legacy')
    throw new UsageError(
      `cannot read ${abs} (permission denied). docker build fails on it too ("error checking context: no permission to read from '${abs}'"): make it readable, or list it in .dockerignore.`
    );
}

function readError(path: string, e: unknown): UsageError {
  const code = (e as NodeJS.ErrnoException).code;
  const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (e as Error).message;
  return new UsageError(
    `cannot read ${path} (${why}). docker build would fail on it too: make it readable, or list it in .dockerignore.`
  );
}

/**
 * Runs one file-system call on `path`; its failure is the user's unreadable
 * input (exit 2, naming the path). Only file-system calls go through here, so an
 * exception from the engine is never mistaken for an unreadable file.
 */
function fromDisk<T>(path: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    throw readError(path, e);
  }
}

/** A build file's text (the `.dockerignore`); failing to read it is exit 2, naming the file. */
export function readTextFile(abs: string): string {
  return fromDisk(abs, () => readFileSync(abs, 'utf8'));
}

/** The ignore file a directory's build reads, and its patterns. */
export function ignoreOf(
  root: string,
  dockerfilePath: string | null,
  builder: Builder
): { ignoreFile: string | null; patterns: string[] } {
  const isFile = (p: string) => {
    try {
      return lstatSync(join(root, p)).isFile();
    } catch {
      return false;
    }
  };
  const ignoreFile = ignoreFileFor(dockerfilePath ?? 'Dockerfile', builder, isFile);
  if (!ignoreFile) return { ignoreFile, patterns: [] };
  return { ignoreFile, patterns: readIgnorePatterns(readTextFile(join(root, ignoreFile))) };
}

export function readContext(opts: ReadOptions): ContextRead {
  const { root } = opts;
  const dfPath = opts.dockerfilePath;
  const { ignoreFile, patterns } = ignoreOf(root, dfPath, opts.builder);
  const lists = [patterns, ...(opts.alsoPatterns ?? [])];
  const matchers: IgnoreMatcher[] = lists.map(dockerignoreMatcher);
  const excluded = (rel: string) => matchers.every((m) => m.ignores(rel));
  // Docker's archiver walks an excluded directory only if an exception pattern starts inside it.
  const skipDir = (rel: string) => matchers.every((m) => m.ignores(rel) && !m.walksInto(rel));
  const always = new Set([...ALWAYS_READ, ...(ignoreFile ? [ignoreFile] : []), ...(dfPath ? [dfPath] : [])]);

  const files: Record<string, ContextFile> = {};
  const stats = { files: 0, hashed: 0, bytesHashed: 0, excluded: 0, dirs: 0 };
  const budget = { text: TEXT_BUDGET };
  const warnings: string[] = [];
  const hash = opts.hashFile ?? hashFile;

  const walk = (absDir: string, prefix: string) => {
    const entries = fromDisk(absDir, () => readdirSync(absDir, { withFileTypes: true }));
    for (const ent of entries) {
      const rel = prefix ? `${prefix}/${ent.name}` : ent.name;
      const abs = join(absDir, ent.name);
      if (ent.isDirectory()) {
        stats.dirs++;
        files[rel] = { type: 'dir', mode: fromDisk(abs, () => lstatSync(abs).mode & 0o7777) };
        if (skipDir(rel)) stats.excluded++;
        else walk(abs, rel);
      } else if (ent.isSymbolicLink()) {
        files[rel] = { type: 'symlink', target: fromDisk(abs, () => readlinkSync(abs)) };
      } else if (ent.isFile()) {
        stats.files++;
        if (excluded(rel) && !always.has(rel)) {
          // Listed so the engine can say it is excluded; never opened.
          files[rel] = { type: 'file' };
          stats.excluded++;
          continue;
        }
        let hashed: HashedFile | null;
        try {
          hashed = hash(abs);
        } catch (e) {
          unreadable(abs, e, opts.builder);
          const mode = fromDisk(abs, () => lstatSync(abs).mode & 0o7777);
          warnings.push(
            `cannot read ${abs} (permission denied): BuildKit sends it as an empty file, so that is what the prediction copies`
          );
          hashed = { digest: EMPTY_DIGEST, size: 0, mode, bytes: Buffer.alloc(0) };
        }
        if (!hashed) continue;
        stats.hashed++;
        stats.bytesHashed += hashed.size;
        // Outside fromDisk: an exception here is a bug in Layer Lab, not an unreadable file.
        files[rel] = fileEntry(hashed, hashed.mode, always.has(rel) ? { text: Infinity } : budget);
      }
      // Sockets, FIFOs and devices are left out: the engine models files, directories and links.
    }
  };
  walk(root, '');
  return { files, ignoreFile, patterns, stats, warnings };
}
