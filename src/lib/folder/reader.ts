/**
 * Reads a folder as a build context: walks it on the page (listing costs the
 * page little: the browser does the disk work), hands every file to read to the
 * hasher as soon as it is found, and reports progress as counts. Everything
 * that touches a file's bytes or even its size happens in the hasher's thread.
 */
import type { HashOutcome } from './hash';
import type { HasherFactory } from './hasher';
import type { QueueItem } from './queue';
import { walkFolder, type DirHandleLike, type ReadItem, type WalkResult } from './walk';

/** Files handed to the hasher per message (the walk also sends at each of its pauses). */
const BATCH = 32;

export interface FolderProgress {
  /** Files found so far, excluded ones included. */
  found: number;
  /** Excluded files (listed, not opened) and directories (not even listed). */
  excluded: number;
  skippedDirs: number;
  /** Files handed over for reading and how many are done, with their bytes. */
  queued: number;
  read: number;
  bytesQueued: number;
  bytesRead: number;
  /** The walk is over: `queued` is final (and `bytesQueued` once the worker has seen every file). */
  listed: boolean;
}

export interface ReadFile {
  path: string;
  outcome: HashOutcome;
}

export interface FolderRead {
  name: string;
  walk: WalkResult;
  files: ReadFile[];
}

/** Progress before anything is listed. */
export function emptyProgress(): FolderProgress {
  return {
    found: 0,
    excluded: 0,
    skippedDirs: 0,
    queued: 0,
    read: 0,
    bytesQueued: 0,
    bytesRead: 0,
    listed: false
  };
}

export interface ReadOptions {
  hasher: HasherFactory;
  signal?: AbortSignal;
  onProgress?(p: FolderProgress): void;
  maxEntries?: number;
  pause?(): Promise<void>;
}

export async function readFolder(root: DirHandleLike, opts: ReadOptions): Promise<FolderRead> {
  const progress = emptyProgress();
  let doneBytes = 0;
  const items: ReadItem[] = [];
  const outcomes: HashOutcome[] = [];
  const hasher = opts.hasher(({ outcomes: batch, queuedBytes, partialBytes }) => {
    for (const o of batch) {
      outcomes.push(o);
      if (o.ok) doneBytes += o.size;
    }
    progress.read = outcomes.length;
    progress.bytesQueued = queuedBytes;
    progress.bytesRead = doneBytes + partialBytes;
    opts.onProgress?.({ ...progress });
  });
  let batch: QueueItem[] = [];
  const send = () => {
    if (batch.length) hasher.add(batch);
    batch = [];
  };
  const aborted = new Promise<never>((_, reject) => {
    opts.signal?.addEventListener('abort', () => reject(opts.signal?.reason), { once: true });
  });
  aborted.catch(() => undefined);

  try {
    const walk = await walkFolder(root, {
      signal: opts.signal,
      maxEntries: opts.maxEntries,
      pause: opts.pause,
      onRead(item) {
        batch.push({ id: items.length, blob: item.blob, always: item.always });
        items.push(item);
        if (batch.length >= BATCH) send();
      },
      onProgress(c) {
        send();
        Object.assign(progress, {
          found: c.files,
          excluded: c.excluded,
          skippedDirs: c.skippedDirs,
          queued: c.queued
        });
        opts.onProgress?.({ ...progress });
      }
    });
    send();
    progress.listed = true;
    opts.onProgress?.({ ...progress });
    await Promise.race([hasher.end(), aborted]);
    const byId = new Map(outcomes.map((o) => [o.id, o]));
    const files = items.map((item, i) => ({
      path: item.path,
      outcome: byId.get(i) ?? { id: i, ok: false as const, message: 'not read' }
    }));
    return { name: root.name, walk, files };
  } catch (e) {
    hasher.cancel();
    throw e;
  }
}
