import { describe, expect, it } from 'vitest';
import { seedPair } from '../engine/index';
import { AnalysisClient } from './analysis-client';
import { analyse } from './analyse';
import type { AnalysisRequest, AnalysisTask } from './analysis-protocol';

/** A worker we answer by hand. */
class FakeWorker {
  sent: AnalysisRequest[] = [];
  terminated = false;
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  postMessage(r: AnalysisRequest) {
    this.sent.push(r);
  }
  terminate() {
    this.terminated = true;
  }
  answer(r: AnalysisRequest) {
    this.onmessage?.({ data: { id: r.id, ok: true, kind: r.kind, value: {}, ms: 1 } } as MessageEvent);
  }
}

const advise = (dockerfile: string): AnalysisTask => ({
  kind: 'advise',
  input: { dockerfile, context: { files: {} } }
});
const calibrate = (log: string): AnalysisTask => ({ kind: 'calibrate', input: { dockerfile: '', log } });
const label = (r: AnalysisRequest) => (r.kind === 'advise' ? r.input.dockerfile : r.kind);

function client(timeoutMs?: number) {
  const workers: FakeWorker[] = [];
  const c = new AnalysisClient(() => {
    const w = new FakeWorker();
    workers.push(w);
    return w as unknown as Worker;
  }, timeoutMs);
  return { c, workers };
}

describe('AnalysisClient', () => {
  it('keeps only the newest waiting task of a kind, and never drops another kind for it', async () => {
    const { c, workers } = client();
    const a1 = c.run(advise('1'));
    const a2 = c.run(advise('2'));
    const cal = c.run(calibrate('log'));
    const a3 = c.run(advise('3'));
    expect(await a2).toBeNull();
    const w = workers[0];
    w.answer(w.sent[0]);
    // 1's answer is stale: 3 of the same kind waits.
    expect(await a1).toBeNull();
    w.answer(w.sent[1]);
    w.answer(w.sent[2]);
    expect(w.sent.map(label)).toEqual(['1', 'calibrate', '3']);
    expect(await cal).toMatchObject({ ok: true, kind: 'calibrate' });
    expect(await a3).toMatchObject({ ok: true, kind: 'advise' });
  });

  it('turns a crash into an error outcome and starts a fresh worker next time', async () => {
    const { c, workers } = client();
    const p = c.run(advise('x'));
    workers[0].onerror?.({ message: 'out of memory', preventDefault() {} } as ErrorEvent);
    expect(await p).toEqual({ ok: false, kind: 'advise', message: 'The analysis crashed: out of memory' });
    expect(workers[0].terminated).toBe(true);
    const q = c.run(advise('y'));
    expect(workers).toHaveLength(2);
    workers[1].answer(workers[1].sent[0]);
    expect(await q).toMatchObject({ ok: true });
  });

  it('stops a task that never ends', async () => {
    const { c } = client(20);
    expect(await c.run(advise('loop'))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/longer than/)
    });
  });
});

describe('analyse', () => {
  it('compares the seed pair as the engine does: about 2 s against about 45 s per source edit', () => {
    const s = seedPair();
    const out = analyse({ kind: 'compare', input: { a: s.a, b: s.b, context: s.context, day: s.day } });
    expect(out.ok).toBe(true);
    if (!out.ok || out.kind !== 'compare') return;
    const source = (out.value as { byKind: Array<{ kind: string; a: number; b: number }> }).byKind.find(
      (k) => k.kind === 'source'
    )!;
    expect(source.a).toBeLessThan(3);
    expect(source.b).toBeGreaterThan(40);
  });

  it('reports a task that throws as an error outcome', () => {
    const out = analyse({ kind: 'compare', input: null as never });
    expect(out).toMatchObject({ ok: false, kind: 'compare' });
  });
});
