/**
 * The page's side of the analysis worker. One task runs at a time; of each
 * kind only the newest waiting task is kept (latest wins: a compare asked for
 * while a person types in B replaces the one asked for a keystroke earlier,
 * but never an advisor run). A crash or a task that never ends becomes an
 * error outcome and a fresh worker.
 */
import type {
  AnalysisHost,
  AnalysisKind,
  AnalysisOutcome,
  AnalysisReply,
  AnalysisRequest,
  AnalysisTask
} from './analysis-protocol';

interface Pending {
  request: AnalysisRequest;
  resolve: (o: AnalysisOutcome | null) => void;
}

/** How long one task may take before the worker is considered stuck, ms. The advisor simulates many builds. */
export const ANALYSIS_TIMEOUT_MS = 60_000;

export class AnalysisClient implements AnalysisHost {
  private worker: Worker | null = null;
  private nextId = 1;
  private inFlight: Pending | null = null;
  private waiting = new Map<AnalysisKind, Pending>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private createWorker: () => Worker,
    private timeoutMs = ANALYSIS_TIMEOUT_MS
  ) {}

  run<T extends AnalysisTask>(task: T): Promise<AnalysisOutcome<T['kind']> | null> {
    return new Promise((resolve) => {
      const p: Pending = {
        request: { ...task, id: this.nextId++ },
        resolve: resolve as (o: AnalysisOutcome | null) => void
      };
      this.waiting.get(task.kind)?.resolve(null);
      this.waiting.delete(task.kind);
      this.waiting.set(task.kind, p);
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
    const next = this.waiting.entries().next();
    if (next.done) return;
    const [kind, p] = next.value;
    this.waiting.delete(kind);
    this.inFlight = p;
    try {
      this.ensureWorker().postMessage(p.request);
    } catch (e) {
      this.finish(p.request.id, {
        ok: false,
        kind,
        message: `The analysis could not receive this input: ${(e as Error).message}`
      });
      return;
    }
    this.timer = setTimeout(
      () =>
        this.crash(
          `The analysis took longer than ${Math.round(this.timeoutMs / 1000)} s and was stopped. The input may be too large.`
        ),
      this.timeoutMs
    );
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = this.createWorker();
    w.onmessage = (e: MessageEvent<AnalysisReply>) => {
      const { id, ...outcome } = e.data;
      this.finish(id, outcome as AnalysisOutcome);
    };
    w.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      this.crash(`The analysis crashed: ${e.message || 'unknown error'}`);
    };
    w.onmessageerror = () => this.crash('The analysis sent a reply the page could not read.');
    this.worker = w;
    return w;
  }

  private finish(id: number, outcome: AnalysisOutcome): void {
    const p = this.inFlight;
    if (!p || p.request.id !== id) return;
    this.clearTimer();
    this.inFlight = null;
    // A newer task of the same kind is already waiting: this answer is stale.
    p.resolve(this.waiting.has(p.request.kind) ? null : outcome);
    this.pump();
  }

  private crash(message: string): void {
    this.worker?.terminate();
    this.worker = null;
    const p = this.inFlight;
    if (p) this.finish(p.request.id, { ok: false, kind: p.request.kind, message });
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}

/** The analysis worker, bundled by Vite as a separate module chunk. */
export function browserAnalysis(): AnalysisClient {
  return new AnalysisClient(
    () => new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module' })
  );
}
