/**
 * The page's side of the engine worker. At most one request is in flight; a
 * request made meanwhile waits, and only the newest waiting one is sent when the
 * worker frees up (latest request wins, nothing piles up while a person types).
 * A crash or a run that never ends becomes an error outcome and a fresh worker.
 */
import type { BuildInput } from '../engine/types';
import { AdaptiveEngine } from './adaptive';
import type { EngineHost, EngineOutcome, EngineReply, EngineRequest } from './protocol';

interface Pending {
  request: EngineRequest;
  resolve: (o: EngineOutcome | null) => void;
}

/** How long one engine run may take before the worker is considered stuck, ms. */
export const ENGINE_TIMEOUT_MS = 20000;

export class EngineClient implements EngineHost {
  private worker: Worker | null = null;
  private nextId = 1;
  private inFlight: Pending | null = null;
  private waiting: Pending | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private createWorker: () => Worker,
    private timeoutMs = ENGINE_TIMEOUT_MS
  ) {}

  run(input: BuildInput): Promise<EngineOutcome | null> {
    return new Promise((resolve) => {
      const p: Pending = { request: { id: this.nextId++, input }, resolve };
      // An older waiting request will never be sent: its caller learns it was superseded.
      this.waiting?.resolve(null);
      this.waiting = p;
      this.pump();
    });
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    this.clearTimer();
  }

  private pump(): void {
    if (this.inFlight || !this.waiting) return;
    const p = this.waiting;
    this.waiting = null;
    this.inFlight = p;
    const worker = this.ensureWorker();
    try {
      worker.postMessage(p.request);
    } catch (e) {
      // Data the browser cannot clone: report it instead of leaving the page waiting.
      this.finish(p.request.id, {
        ok: false,
        message: `The engine could not receive this input: ${(e as Error).message}`
      });
      return;
    }
    this.timer = setTimeout(
      () =>
        this.crash(
          `The engine took longer than ${Math.round(this.timeoutMs / 1000)} s and was stopped. The input may be too large.`
        ),
      this.timeoutMs
    );
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = this.createWorker();
    w.onmessage = (e: MessageEvent<EngineReply>) => {
      const { id, ...outcome } = e.data;
      this.finish(id, outcome as EngineOutcome);
    };
    w.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      this.crash(`The engine crashed: ${e.message || 'unknown error'}`);
    };
    w.onmessageerror = () => this.crash('The engine sent a reply the page could not read.');
    this.worker = w;
    return w;
  }

  private finish(id: number, outcome: EngineOutcome): void {
    const p = this.inFlight;
    if (!p || p.request.id !== id) return;
    this.clearTimer();
    this.inFlight = null;
    // A newer request is already waiting: this answer is stale, drop it.
    p.resolve(this.waiting ? null : outcome);
    this.pump();
  }

  private crash(message: string): void {
    this.worker?.terminate();
    this.worker = null;
    const p = this.inFlight;
    if (p) this.finish(p.request.id, { ok: false, message });
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
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
