/// <reference lib="webworker" />
/** The engine's thread: one request at a time, answered with the request's id. */
// First: the engine's parser expects one Node global.
import './node-globals';
import { compute, DigestMemo } from './compute';
import type { EngineReply, EngineRequest } from './protocol';

const memo = new DigestMemo();

self.onmessage = (event: MessageEvent<EngineRequest>) => {
  const { id, input } = event.data;
  const reply: EngineReply = { id, ...compute(input, memo, () => performance.now()) };
  self.postMessage(reply);
};
