/** Messages between the page and the folder worker. Plain data, Blobs and bytes only (structured clone). */
import type { HashRequest } from './hash';
import type { QueueReport } from './queue';

export type FolderRequest = { type: 'hash'; reqs: HashRequest[] } | { type: 'end' };

export type FolderReply = ({ type: 'report' } & QueueReport) | { type: 'ended' };
