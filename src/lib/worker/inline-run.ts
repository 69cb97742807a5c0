/** The engine on the page's own thread (see adaptive.ts), loaded on demand. */
// First: the engine's parser expects one Node global.
import './node-globals';
import { compute, DigestMemo } from './compute';
import type { InlineRun } from './adaptive';

const memo = new DigestMemo();

export const runInline: InlineRun = (input) => compute(input, memo, () => performance.now());
