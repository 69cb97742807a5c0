/**
 * Reads a folder as a build context: walks it on the page (listing costs the
 * page almost nothing: the browser does the disk work), hands every file to
 * read to the hasher as soon as it is found, and reports progress as counts.
 * Which files keep their text is decided here, in walk order, so the same
 * folder always loads the same way.
 */
import type { HashOutcome, HashRequest } from './hash';
import { WHOLE_LIMIT } from './hash';
import type { HasherFactory } from './hasher';
import { walkFolder, type DirHandleLike, type ReadItem, type WalkResult } from './walk';

/** A text file up to this size opens in the editor; bigger ones are kept as digest and size. */
export const TEXT_LIMIT = 256 * 1024;
/** All editable texts together: the session posts them to the engine on every change. */
export const TEXT_BUDGET = 16 * 1024 * 1024;
const BATCH = 64;

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
  /** The walk is over: `queued` and `bytesQueued` are final. */
  listed: boolean;
}

export interface ReadFile {
  path: string;
  mtime: number;
  /** Whether text was asked for and, if not, why (the budget ran out or the file is too big). */
  textLimit: number;
  outcome: HashOutcome;
}

export interface FolderRead {
  name: string;
  walk: WalkResult;
  files: ReadFile[];
}

export interface ReadOptions {
  hasher: HasherFactory;
  signal?: AbortSignal;
  onProgress?(p: FolderProgress): void;
  maxEntries?: number;
  pause?(): Promise<void>;
  /** Bytes of editable text in all (default TEXT_BUDGET). */
  textBudget?: number;
}

export async function readFolder(root: DirHandleLike, opts: ReadOptions): Promise<FolderRead> {
  const progress: FolderProgress = {
    found: 0,
    excluded: 0,
    skippedDirs: 0,
    queued: 0,
    read: 0,
    bytesQueued: 0,
    bytesRead: 0,
    listed: false
  };
  let doneBytes = 0;
  const items: ReadItem[] = [];
  const outcomes: HashOutcome[] = [];
  const hasher = opts.hasher(({ outcomes: batch, partialBytes }) => {
    for (const o of batch) {
      outcomes.push(o);
      if (o.ok) doneBytes += o.size;
    }
    progress.read = outcomes.length;
    progress.bytesRead = doneBytes + partialBytes;
    opts.onProgress?.({ ...progress });
  });
  let budget = opts.textBudget ?? TEXT_BUDGET;
  const limits: number[] = [];
  let batch: HashRequest[] = [];
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
        let textLimit = 0;
        if (item.always) textLimit = WHOLE_LIMIT;
        else if (item.blob.size <= TEXT_LIMIT && item.blob.size <= budget) {
          textLimit = TEXT_LIMIT;
          budget -= item.blob.size;
        }
        limits.push(textLimit);
        batch.push({ id: items.length, blob: item.blob, textLimit });
        items.push(item);
        if (batch.length >= BATCH) send();
      },
      onProgress(c) {
        send();
        Object.assign(progress, {
          found: c.files,
          excluded: c.excluded,
          skippedDirs: c.skippedDirs,
          queued: c.queued,
          bytesQueued: c.bytes
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
      mtime: item.mtime,
      textLimit: limits[i],
      outcome: byId.get(i) ?? { id: i, ok: false as const, message: 'not read' }
    }));
    return { name: root.name, walk, files };
  } catch (e) {
    hasher.cancel();
    throw e;
  }
}
