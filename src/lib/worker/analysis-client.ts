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
  AnalysisRequest,
  AnalysisTask
} from './analysis-protocol';
import { WorkerQueue } from './worker-queue';

/** How long one task may take before the worker is considered stuck, ms. The advisor simulates many builds. */
export const ANALYSIS_TIMEOUT_MS = 60_000;

export class AnalysisClient implements AnalysisHost {
  private queue: WorkerQueue<AnalysisOutcome>;

  constructor(createWorker: () => Worker, timeoutMs = ANALYSIS_TIMEOUT_MS) {
    this.queue = new WorkerQueue<AnalysisOutcome>({
      createWorker,
      timeoutMs,
      noun: 'analysis',
      failure: (kind, message) => ({ ok: false, kind: kind as AnalysisKind, message })
    });
  }

  run<T extends AnalysisTask>(task: T): Promise<AnalysisOutcome<T['kind']> | null> {
    const request = (id: number): AnalysisRequest => ({ ...task, id });
    return this.queue.run(task.kind, request) as Promise<AnalysisOutcome<T['kind']> | null>;
  }

  dispose(): void {
    this.queue.dispose();
  }
}

/** The analysis worker, bundled by Vite as a separate module chunk. */
export function browserAnalysis(): AnalysisClient {
  return new AnalysisClient(
    () => new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module' })
  );
}
