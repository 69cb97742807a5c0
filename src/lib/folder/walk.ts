/**
 * Walks a folder the way the docker CLI builds its context archive, over the
 * smallest part of the File System Access handle interfaces (a picked or dropped
 * FileSystemDirectoryHandle fits as is; other sources are adapted to it).
 *
 * - The root is listed first: its ignore files are read before anything else.
 * - `.dockerignore` is applied while walking, with the engine's own matcher: an
 *   excluded directory is never listed unless an exception pattern starts inside
 *   it; an excluded file is listed by name and never opened.
 * - Files to read are handed over as soon as they are found (`onRead`), so reading
 *   and hashing (in a worker) overlap the walk. This module reads no contents
 *   itself, except the ignore files.
 */
import {
  ALWAYS_READ,
  DOCKERIGNORE,
  dockerfileIgnoreName,
  dockerignoreMatcher,
  readIgnorePatterns,
  type IgnoreMatcher
} from '../engine/index';
import { isDockerfileName, rootCandidates, sortCandidates } from './names';

/** A file as a FileSystemFileHandle presents it. */
export interface FileHandleLike {
  readonly kind: 'file';
  readonly name: string;
  getFile(): Promise<Blob>;
}

/** A directory as a FileSystemDirectoryHandle presents it: entries listed on demand. */
export interface DirHandleLike {
  readonly kind: 'directory';
  readonly name: string;
  values(): AsyncIterable<FileHandleLike | DirHandleLike>;
}

export interface ReadItem {
  path: string;
  /**
   * The file, untouched: even its size is left to the reading worker, because
   * the first `size` of a File from an `<input>` costs the page a synchronous
   * trip to the disk (about half a millisecond each; seconds for a big folder).
   */
  blob: Blob;
  /** A file whose text is always needed (a Dockerfile, an ignore file, the lint config). */
  always: boolean;
}

export interface WalkCounts {
  /** Files found, excluded or not. */
  files: number;
  /** Files handed over for reading. */
  queued: number;
  /** Files `.dockerignore` excludes: listed, never opened. */
  excluded: number;
  /** Directories `.dockerignore` excludes: skipped whole, never listed. */
  skippedDirs: number;
}

export interface WalkResult {
  /** Excluded files, listed and never opened. */
  excluded: string[];
  /** Excluded directories, never listed. */
  skippedDirs: string[];
  /** Directories that hold nothing: the build still sends them. */
  emptyDirs: string[];
  /** Files that look like Dockerfiles, best first (see names.ts). */
  candidates: string[];
  /** Entries the browser would not list or open; they are left out. */
  problems: Array<{ path: string; message: string }>;
  /** The walk stopped at `maxEntries`. */
  truncated: boolean;
  counts: WalkCounts;
}

export interface WalkOptions {
  /** Called for each file to read, in walk order. */
  onRead(item: ReadItem): void;
  onProgress?(counts: WalkCounts): void;
  signal?: AbortSignal;
  /** Stop after this many entries (files and skipped directories). */
  maxEntries?: number;
  /** Awaited every few hundred entries so a page walking a big in-memory list stays responsive. */
  pause?(): Promise<void>;
}

/** Deeper than any real project; a guard against a platform that follows a link loop. */
const MAX_DEPTH = 64;
/**
 * Entries between pauses. Small on purpose: handing a File from an `<input>`
 * to the worker costs the page a synchronous file-system query in Chromium
 * (about 0.3 ms each), so 32 files keep each slice of work well under a frame.
 */
const PAUSE_EVERY = 32;

type Entry = FileHandleLike | DirHandleLike;

async function list(dir: DirHandleLike): Promise<Entry[]> {
  const out: Entry[] = [];
  for await (const e of dir.values()) out.push(e);
  // The browser lists in no particular order; sorted, every walk of a folder is the same.
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The text of a small root file (an ignore file), or null when it cannot be read. */
async function textOf(e: Entry | undefined): Promise<string | null> {
  if (!e || e.kind !== 'file') return null;
  try {
    return await (await e.getFile()).text();
  } catch {
    return null;
  }
}

export async function walkFolder(root: DirHandleLike, opts: WalkOptions): Promise<WalkResult> {
  const counts: WalkCounts = { files: 0, queued: 0, excluded: 0, skippedDirs: 0 };
  const result: WalkResult = {
    excluded: [],
    skippedDirs: [],
    emptyDirs: [],
    candidates: [],
    problems: [],
    truncated: false,
    counts
  };
  const max = opts.maxEntries ?? Infinity;
  const rootEntries = await list(root);
  const byName = new Map(rootEntries.map((e) => [e.name, e]));
  const fromRoot = rootCandidates(rootEntries.filter((e) => e.kind === 'file').map((e) => e.name));

  // Every ignore list a build of this folder could use: `.dockerignore` (the legacy
  // builder, or BuildKit without a specific file) and each candidate's own
  // `<Dockerfile>.dockerignore` (BuildKit). A path is skipped only when every list
  // excludes it, so switching builders later never finds a file missing.
  const ignoreNames = [DOCKERIGNORE, ...fromRoot.map(dockerfileIgnoreName)];
  const lists: string[][] = [readIgnorePatterns((await textOf(byName.get(DOCKERIGNORE))) ?? '')];
  for (const name of ignoreNames.slice(1)) {
    const text = await textOf(byName.get(name));
    if (text !== null) lists.push(readIgnorePatterns(text));
  }
  const matchers: IgnoreMatcher[] = lists.map(dockerignoreMatcher);
  const excluded = (rel: string) => matchers.every((m) => m.ignores(rel));
  // Docker's archiver walks an excluded directory only if an exception pattern starts inside it.
  const skipDir = (rel: string) => matchers.every((m) => m.ignores(rel) && !m.walksInto(rel));
  const nested: string[] = [];
  const always = (rel: string, name: string) =>
    ALWAYS_READ.includes(rel) ||
    ignoreNames.includes(rel) ||
    // A Dockerfile is sent even when excluded; nested ones count only when the root has none.
    (fromRoot.length ? fromRoot.includes(rel) : isDockerfileName(name)) ||
    // A nested Dockerfile's own ignore file sorts right after it, so it is known by then.
    (rel.endsWith('.dockerignore') && nested.includes(rel.slice(0, -'.dockerignore'.length)));

  let seen = 0;
  const step = async () => {
    opts.signal?.throwIfAborted();
    if (++seen % PAUSE_EVERY === 0) {
      opts.onProgress?.(counts);
      await opts.pause?.();
    }
  };
  const full = () => counts.files + counts.skippedDirs + result.emptyDirs.length >= max;

  const walk = async (entries: Entry[], prefix: string, depth: number): Promise<void> => {
    for (const e of entries) {
      if (full()) {
        result.truncated = true;
        return;
      }
      await step();
      const rel = prefix ? `${prefix}/${e.name}` : e.name;
      if (e.kind === 'directory') {
        if (skipDir(rel)) {
          result.skippedDirs.push(rel);
          counts.skippedDirs++;
          continue;
        }
        if (depth >= MAX_DEPTH) {
          result.problems.push({ path: rel, message: 'nested too deeply (a link loop?)' });
          continue;
        }
        let children: Entry[];
        try {
          children = await list(e);
        } catch (err) {
          result.problems.push({ path: rel, message: messageOf(err) });
          continue;
        }
        if (!children.length) result.emptyDirs.push(rel);
        await walk(children, rel, depth + 1);
        continue;
      }
      counts.files++;
      const isAlways = always(rel, e.name);
      if (!fromRoot.length && isDockerfileName(e.name)) nested.push(rel);
      if (excluded(rel) && !isAlways) {
        // Listed so the tree can say which pattern excludes it; never opened.
        result.excluded.push(rel);
        counts.excluded++;
        continue;
      }
      let blob: Blob;
      try {
        blob = await e.getFile();
      } catch (err) {
        result.problems.push({ path: rel, message: messageOf(err) });
        continue;
      }
      counts.queued++;
      opts.onRead({ path: rel, blob, always: isAlways });
    }
  };

  await walk(rootEntries, '', 0);
  result.candidates = fromRoot.length ? fromRoot : sortCandidates(nested);
  opts.onProgress?.(counts);
  return result;
}

function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  return String(e);
}
