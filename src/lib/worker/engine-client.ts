/**
 * The page's side of the engine worker. At most one request is in flight; a
 * request made meanwhile waits, and only the newest waiting one is sent when the
 * worker frees up (latest request wins, nothing piles up while a person types).
 * A crash or a run that never ends becomes an error outcome and a fresh worker.
 */
import type { BuildInput } from '../engine/types';
import { AdaptiveEngine } from './adaptive';
import type { EngineHost, EngineOutcome, EngineRequest } from './protocol';
import { WorkerQueue } from './worker-queue';

/** How long one engine run may take before the worker is considered stuck, ms. */
export const ENGINE_TIMEOUT_MS = 20000;

export class EngineClient implements EngineHost {
  private queue: WorkerQueue<EngineOutcome>;

  constructor(createWorker: () => Worker, timeoutMs = ENGINE_TIMEOUT_MS) {
    this.queue = new WorkerQueue<EngineOutcome>({
      createWorker,
      timeoutMs,
      noun: 'engine',
      failure: (_lane, message) => ({ ok: false, message })
    });
  }

  run(input: BuildInput): Promise<EngineOutcome | null> {
    return this.queue.run('build', (id): EngineRequest => ({ id, input }));
  }

  dispose(): void {
    this.queue.dispose();
  }
}

/**
 * The page's engine: the worker, bundled by Vite as a separate module chunk,
 * and for small projects the same engine on the page's thread (adaptive.ts).
 */
export function browserEngine(): AdaptiveEngine {
  return new AdaptiveEngine(
    new EngineClient(() => new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' })),
    () => import('./inline-run').then((m) => m.runInline)
  );
}
