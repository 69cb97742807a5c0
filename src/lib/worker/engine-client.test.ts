import { describe, expect, it } from 'vitest';
import type { BuildInput } from '../engine/types';
import { EngineClient } from './engine-client';
import type { EngineRequest } from './protocol';

/** A worker we answer by hand. */
class FakeWorker {
  sent: EngineRequest[] = [];
  terminated = false;
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  postMessage(r: EngineRequest) {
    this.sent.push(r);
  }
  terminate() {
    this.terminated = true;
  }
  answer(id: number, ms = 1) {
    this.onmessage?.({
      data: { id, ok: true, result: { id }, digests: {}, progress: '', ms }
    } as unknown as MessageEvent);
  }
}

const input = (dockerfile: string): BuildInput => ({ dockerfile, context: { files: {} } });

describe('EngineClient', () => {
  it('sends one request at a time and only the newest waiting one; superseded callers get null', async () => {
    const workers: FakeWorker[] = [];
    const c = new EngineClient(() => {
      const w = new FakeWorker();
      workers.push(w);
      return w as unknown as Worker;
    });
    const p1 = c.run(input('1'));
    const p2 = c.run(input('2'));
    const p3 = c.run(input('3'));
    expect(workers[0].sent.map((r) => r.input.dockerfile)).toEqual(['1']);
    expect(await p2).toBeNull();
    workers[0].answer(1);
    // Request 1's answer is stale (3 is waiting): dropped.
    expect(await p1).toBeNull();
    expect(workers[0].sent.map((r) => r.input.dockerfile)).toEqual(['1', '3']);
    workers[0].answer(3);
    expect(await p3).toMatchObject({ ok: true });
  });

  it('turns a crash into an error outcome and starts a fresh worker next time', async () => {
    const workers: FakeWorker[] = [];
    const c = new EngineClient(() => {
      const w = new FakeWorker();
      workers.push(w);
      return w as unknown as Worker;
    });
    const p = c.run(input('x'));
    workers[0].onerror?.({ message: 'out of memory', preventDefault() {} } as ErrorEvent);
    expect(await p).toEqual({ ok: false, message: 'The engine crashed: out of memory' });
    expect(workers[0].terminated).toBe(true);
    const q = c.run(input('y'));
    expect(workers).toHaveLength(2);
    workers[1].answer(2);
    expect(await q).toMatchObject({ ok: true });
  });

  it('stops a run that never ends', async () => {
    const c = new EngineClient(() => new FakeWorker() as unknown as Worker, 20);
    expect(await c.run(input('loop'))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/longer than/)
    });
  });
});
