/// <reference lib="webworker" />
/**
 * The folder's reading thread: the page hands over files (Blobs, which cost
 * nothing to pass) as its walk finds them; this reads and hashes them off the
 * page's thread and answers in batches. One worker per opened folder: Cancel
 * terminates it, which stops every read at once.
 */
import type { FolderReply, FolderRequest } from './protocol';
import { HashQueue } from './queue';

const post = (r: FolderReply) => {
  // An archive's bytes move to the page instead of being copied.
  const transfer =
    r.type === 'report'
      ? r.outcomes.flatMap((o) => (o.ok && o.bytes ? [o.bytes.buffer as ArrayBuffer] : []))
      : [];
  self.postMessage(r, { transfer });
};

const queue = new HashQueue((r) => post({ type: 'report', ...r }));

self.onmessage = (event: MessageEvent<FolderRequest>) => {
  const m = event.data;
  if (m.type === 'hash') queue.add(m.items);
  else void queue.end().then(() => post({ type: 'ended' }));
};
