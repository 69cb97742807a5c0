/// <reference lib="webworker" />
/** The analysis thread: advisor, compare and calibration, one task at a time. */
// First: the engine's parser expects one Node global.
import './node-globals';
import { analyse } from './analyse';
import type { AnalysisReply, AnalysisRequest } from './analysis-protocol';

self.onmessage = (event: MessageEvent<AnalysisRequest>) => {
  const { id, ...task } = event.data;
  const reply: AnalysisReply = { id, ...analyse(task, () => performance.now()) };
  self.postMessage(reply);
};
