/**
 * The page's side of reading and hashing: files go in as the walk finds them,
 * outcomes come back in batches. In the browser the work runs in the folder
 * worker; tests run the same queue inline.
 */
import type { FolderReply, FolderRequest } from './protocol';
import { HashQueue, type QueueItem, type QueueOptions, type QueueReport } from './queue';

export interface Hasher {
  add(items: QueueItem[]): void;
  /** No more files: resolves when every file has been reported, rejects if the worker died. */
  end(): Promise<void>;
  /** Stops every read at once. */
  cancel(): void;
}

export type HasherFactory = (report: (r: QueueReport) => void) => Hasher;

/** Runs the queue in the calling thread (tests, and hosts without workers). */
export function inlineHasher(opts: QueueOptions = {}): HasherFactory {
  return (report) => {
    const q = new HashQueue(report, opts);
    return { add: (items) => q.add(items), end: () => q.end(), cancel: () => undefined };
  };
}

/** Runs the queue in a dedicated worker, so hashing never blocks the page. */
export const workerHasher: HasherFactory = (report) => {
  const w = new Worker(new URL('./folder.worker.ts', import.meta.url), { type: 'module' });
  let ended: { resolve: () => void; reject: (e: Error) => void } | null = null;
  let failure: Error | null = null;
  w.onmessage = (e: MessageEvent<FolderReply>) => {
    if (e.data.type === 'report') report(e.data);
    else {
      ended?.resolve();
      w.terminate();
    }
  };
  w.onerror = (e) => {
    e.preventDefault();
    failure = new Error(`The folder reader crashed: ${e.message || 'unknown error'}`);
    ended?.reject(failure);
    w.terminate();
  };
  const send = (m: FolderRequest) => w.postMessage(m);
  return {
    add: (items) => send({ type: 'hash', items }),
    end: () =>
      new Promise<void>((resolve, reject) => {
        if (failure) return reject(failure);
        ended = { resolve, reject };
        send({ type: 'end' });
      }),
    cancel: () => w.terminate()
  };
};
