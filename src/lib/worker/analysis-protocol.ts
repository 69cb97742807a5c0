/**
 * Messages between the page and the analysis worker: the advisor, the compare
 * view and calibration. They run in their own worker, so a 2 s advisor run
 * never delays the prediction a person is waiting for while typing.
 * Plain data only (structured clone).
 */
import type {
  Advice,
  CalibrateInput,
  Calibration,
  CompareInput,
  Comparison,
  DayInput
} from '../engine/index';

export type AnalysisTask =
  | { kind: 'advise'; input: DayInput }
  | { kind: 'compare'; input: CompareInput }
  | { kind: 'calibrate'; input: CalibrateInput };

export type AnalysisKind = AnalysisTask['kind'];

interface Values {
  advise: Advice;
  compare: Comparison;
  calibrate: Calibration;
}

export type AnalysisOutcome<K extends AnalysisKind = AnalysisKind> =
  { ok: true; kind: K; value: Values[K]; ms: number } | { ok: false; kind: K; message: string };

export type AnalysisRequest = AnalysisTask & { id: number };
export type AnalysisReply = AnalysisOutcome & { id: number };

/** Runs analysis tasks: the worker in the browser, inline in tests. */
export interface AnalysisHost {
  /** Resolves with the outcome, or null when a newer task of the same kind superseded it. */
  run<T extends AnalysisTask>(task: T): Promise<AnalysisOutcome<T['kind']> | null>;
  dispose?(): void;
}
