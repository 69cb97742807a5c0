/**
 * The page's side of a worker that answers one request at a time: the engine
 * worker and the analysis worker both sit behind one of these.
 *
 * Requests wait in lanes. Of each lane only the newest waiting request is kept
 * (latest wins: nothing piles up while a person types); a superseded caller
 * gets null, and so does the caller of an answer that arrives while a newer
 * request of its lane waits. A crash, a reply the page cannot read or a request
 * that never ends becomes an error outcome, and the next request gets a fresh
 * worker.
 */

interface Pending<Out> {
  id: number;
  lane: string;
  request: unknown;
  resolve: (o: Out | null) => void;
}

export interface WorkerQueueOptions<Out> {
  createWorker: () => Worker;
  /** How long one request may take before the worker is considered stuck, ms. */
  timeoutMs: number;
  /** What the worker is, in messages: "engine" gives "The engine crashed: …". */
  noun: string;
  /** The error outcome a request of `lane` ends with. */
  failure: (lane: string, message: string) => Out;
}

export class WorkerQueue<Out> {
  private worker: Worker | null = null;
  private nextId = 1;
  private inFlight: Pending<Out> | null = null;
  private waiting = new Map<string, Pending<Out>>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private opts: WorkerQueueOptions<Out>) {}

  /** Queues a request; `make` builds the message to post from its id (the reply carries it back). */
  run(lane: string, make: (id: number) => unknown): Promise<Out | null> {
    return new Promise((resolve) => {
      const id = this.nextId++;
      this.waiting.get(lane)?.resolve(null);
      // Deleted first so the newest request of a lane goes to the back of the line.
      this.waiting.delete(lane);
      this.waiting.set(lane, { id, lane, request: make(id), resolve });
      this.pump();
    });
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    this.clearTimer();
    for (const p of this.waiting.values()) p.resolve(null);
    this.waiting.clear();
    this.inFlight?.resolve(null);
    this.inFlight = null;
  }

  private pump(): void {
    if (this.inFlight) return;
    const next = this.waiting.values().next();
    if (next.done) return;
    const p = next.value;
    this.waiting.delete(p.lane);
    this.inFlight = p;
    try {
      this.ensureWorker().postMessage(p.request);
    } catch (e) {
      // Data the browser cannot clone: report it instead of leaving the page waiting.
      this.finish(
        p.id,
        this.opts.failure(
          p.lane,
          `The ${this.opts.noun} could not receive this input: ${(e as Error).message}`
        )
      );
      return;
    }
    this.timer = setTimeout(
      () =>
        this.crash(
          `The ${this.opts.noun} took longer than ${Math.round(this.opts.timeoutMs / 1000)} s and was stopped. The input may be too large.`
        ),
      this.opts.timeoutMs
    );
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = this.opts.createWorker();
    w.onmessage = (e: MessageEvent<{ id: number }>) => {
      const { id, ...outcome } = e.data;
      this.finish(id, outcome as Out);
    };
    w.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      this.crash(`The ${this.opts.noun} crashed: ${e.message || 'unknown error'}`);
    };
    w.onmessageerror = () => this.crash(`The ${this.opts.noun} sent a reply the page could not read.`);
    this.worker = w;
    return w;
  }

  private finish(id: number, outcome: Out): void {
    const p = this.inFlight;
    if (!p || p.id !== id) return;
    this.clearTimer();
    this.inFlight = null;
    // A newer request of the same lane is already waiting: this answer is stale.
    p.resolve(this.waiting.has(p.lane) ? null : outcome);
    this.pump();
  }

  private crash(message: string): void {
    this.worker?.terminate();
    this.worker = null;
    const p = this.inFlight;
    if (p) this.finish(p.id, this.opts.failure(p.lane, message));
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
