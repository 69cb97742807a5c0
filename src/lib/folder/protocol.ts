/** Messages between the page and the folder worker. Plain data, Blobs and bytes only (structured clone). */
import type { QueueItem, QueueReport } from './queue';

export type FolderRequest = { type: 'hash'; items: QueueItem[] } | { type: 'end' };

export type FolderReply = ({ type: 'report' } & QueueReport) | { type: 'ended' };
