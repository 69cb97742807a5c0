import { describe, expect, it } from 'vitest';
import type { BuildInput } from '../engine/types';
import { AdaptiveEngine, INLINE_MAX_FILES, smallInput } from './adaptive';
import type { EngineOutcome } from './protocol';

const input = (files = 1, dockerfile = 'FROM alpine\n'): BuildInput => ({
  dockerfile,
  context: {
    files: Object.fromEntries(Array.from({ length: files }, (_, i) => [`f${i}`, { data: 'x' }]))
  }
});

function outcome(ms: number): EngineOutcome {
  return { ok: true, ms, progress: '', digests: {}, result: null as never };
}

/** A host whose runs take the given (reported) times, and which counts its calls. */
function fakeHost(msPerRun: number[]) {
  let i = 0;
  const calls = { n: 0 };
  return {
    calls,
    run: (): EngineOutcome => {
      calls.n++;
      return outcome(msPerRun[Math.min(i++, msPerRun.length - 1)]);
    }
  };
}

describe('the adaptive engine host', () => {
  it('starts on the worker, moves to the page thread after a fast run, and back after a slow one', async () => {
    const worker = fakeHost([1]);
    const inline = fakeHost([1, 50, 1]);
    const host = new AdaptiveEngine({ run: async () => worker.run() }, async () => inline.run);
    await Promise.resolve();
    await host.run(input()); // nothing measured yet: worker
    expect([worker.calls.n, inline.calls.n]).toEqual([1, 0]);
    await host.run(input()); // 1 ms last time: inline
    await host.run(input()); // inline again, but this one reports 50 ms
    expect([worker.calls.n, inline.calls.n]).toEqual([1, 2]);
    await host.run(input()); // after a slow run: worker
    expect([worker.calls.n, inline.calls.n]).toEqual([2, 2]);
    expect(host.inlineRuns).toBe(2);
  });

  it('never runs a big project on the page thread', async () => {
    const worker = fakeHost([0.5]);
    const inline = fakeHost([0.5]);
    const host = new AdaptiveEngine({ run: async () => worker.run() }, async () => inline.run);
    await Promise.resolve();
    await host.run(input());
    await host.run(input(INLINE_MAX_FILES + 1));
    await host.run(input(1, 'RUN x\n'.repeat(10_000)));
    expect(inline.calls.n).toBe(0);
    expect(worker.calls.n).toBe(3);
    expect(smallInput(input(3))).toBe(true);
  });

  it('keeps to the worker when the page-thread engine fails to load', async () => {
    const worker = fakeHost([0.5]);
    const host = new AdaptiveEngine({ run: async () => worker.run() }, () =>
      Promise.reject(new Error('offline'))
    );
    await Promise.resolve();
    await host.run(input());
    await host.run(input());
    expect(worker.calls.n).toBe(2);
  });
});
