/**
 * The seconds steps take: figures a person set on steps and a calibration from
 * a real build log (the costs every prediction uses), and the compare view's
 * setup, which runs two Dockerfiles through a day of builds.
 */
import { normalizeCompare, type CompareSetup } from '../model/compare-setup';
import type { SavedSession } from '../model/saved-session';
import {
  emptyTiming,
  keyedSteps,
  normalizeTiming,
  resolveTiming,
  type SavedCalibration,
  type StepTimingControls,
  type TimingSettings,
  type TimingSource
} from '../model/timing-costs';
import type { WorkspaceState } from './workspace.svelte';

export class Timing implements StepTimingControls {
  /** Seconds a person set on steps, and a calibration from a real build log. Replaced whole. */
  settings = $state.raw<TimingSettings>(emptyTiming());
  /** The compare view: variant B and the day; null until it is first opened. */
  compare = $state.raw<CompareSetup | null>(null);

  // Declared before the derived value below reads it.
  private readonly workspace: WorkspaceState;
  private readonly changed: () => void;
  /** The figures resolved against the current Dockerfile's lines: the costs every prediction uses. */
  readonly resolved = $derived.by(() => resolveTiming(this.workspace.dockerfile, this.settings));

  constructor(workspace: WorkspaceState, changed: () => void) {
    this.workspace = workspace;
    this.changed = changed;
  }

  /** Figures measured or set for another project would mislead in a new one. */
  forget(): void {
    this.settings = emptyTiming();
    this.compare = null;
  }

  restore(s: SavedSession): void {
    this.settings = normalizeTiming(s.timing);
    this.compare = normalizeCompare(s.compare);
  }

  /** Where the seconds of the step starting on `line` come from, when not from the defaults. */
  timingSource(line: number): TimingSource | null {
    return this.resolved.sources[line] ?? null;
  }

  /** Sets the seconds of the step starting on `line`; null goes back to the estimate (or the measured figure). */
  setStepSeconds(line: number, seconds: number | null): void {
    const step = keyedSteps(this.workspace.dockerfile).find((s) => s.line === line);
    if (!step) return;
    const overrides = { ...this.settings.overrides };
    if (seconds === null) delete overrides[step.key];
    else overrides[step.key] = seconds;
    this.settings = { ...this.settings, overrides };
    this.changed();
  }

  clearStepSeconds(): void {
    this.settings = { ...this.settings, overrides: {} };
    this.changed();
  }

  /** A calibration from a real build log replaces the previous one; null forgets it. */
  setCalibration(calibration: SavedCalibration | null): void {
    this.settings = { ...this.settings, calibration };
    this.changed();
  }

  /** The compare view runs on its own worker: the prediction does not change. */
  setCompare(setup: CompareSetup | null): void {
    this.compare = setup;
  }
}
