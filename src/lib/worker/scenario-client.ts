/** Runs the scenario worker once and hands back its predictions, or why it could not. */
import type { Builder, Prediction, Scenario } from '../engine/index';

type Reply = { ok: true; predictions: Partial<Record<Builder, Prediction>> } | { ok: false; message: string };

export function predictInWorker(scenario: Scenario, builders: Builder[], timeoutMs = 30_000): Promise<Reply> {
  return new Promise((resolve) => {
    const w = new Worker(new URL('./scenario.worker.ts', import.meta.url), { type: 'module' });
    const done = (r: Reply) => {
      clearTimeout(timer);
      w.terminate();
      resolve(r);
    };
    const timer = setTimeout(
      () => done({ ok: false, message: 'The prediction took too long and was stopped.' }),
      timeoutMs
    );
    w.onmessage = (e: MessageEvent<Reply>) => done(e.data);
    w.onerror = (e) => {
      e.preventDefault();
      done({ ok: false, message: `The engine crashed: ${e.message || 'unknown error'}` });
    };
    w.postMessage({ scenario, builders });
  });
}
