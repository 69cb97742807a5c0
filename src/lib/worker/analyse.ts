/** One analysis task as the worker performs it, shareable with an inline host. */
import { advise, calibrateFromLog, compareOrders } from '../engine/index';
import type { AnalysisHost, AnalysisOutcome, AnalysisTask } from './analysis-protocol';

export function analyse(task: AnalysisTask, clock: () => number = () => 0): AnalysisOutcome {
  const started = clock();
  try {
    const value =
      task.kind === 'advise'
        ? advise(task.input)
        : task.kind === 'compare'
          ? compareOrders(task.input)
          : calibrateFromLog(task.input);
    return { ok: true, kind: task.kind, value, ms: clock() - started } as AnalysisOutcome;
  } catch (e) {
    return { ok: false, kind: task.kind, message: e instanceof Error ? e.message : String(e) };
  }
}

/** Runs the tasks in the calling thread: for tests. */
export function inlineAnalysis(): AnalysisHost {
  return { run: (async (task: AnalysisTask) => analyse(task)) as AnalysisHost['run'] };
}
