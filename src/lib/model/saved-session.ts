/**
 * The saved session: what autosave keeps and a share link carries. Plain
 * structured-clone data, and a format: sessions saved by older versions must
 * keep opening (state/saved-format.test.ts holds it to saves made before the
 * Session was split by concern).
 */
import type { CacheSnapshot, Digest } from '../engine/types';
import type { BuildSettings } from './build-input';
import type { CompareSetup } from './compare-setup';
import type { HistoryEntry } from './history';
import type { LessonProgress } from './lessons/progress';
import type { ProjectInfo } from './project';
import type { TimingSettings } from './timing-costs';
import type { WorkspaceFile } from './workspace';

export type Theme = 'system' | 'light' | 'dark';

/** The build options and the theme: saved together, as they were when both sat on one object. */
export interface Settings extends BuildSettings {
  theme: Theme;
}

export interface SavedSession {
  version: 1;
  example: string;
  dockerfile: string;
  files: Record<string, WorkspaceFile>;
  buildArgs: Record<string, string>;
  settings: Settings;
  cache: CacheSnapshot | null;
  history: HistoryEntry[];
  contents: Record<Digest, string>;
  tabs: string[];
  active: string;
  /** Where the Dockerfile sits in the context; `Dockerfile` when absent (sessions saved before folders). */
  dockerfilePath?: string;
  /** The folder the session holds, or null for an example. */
  project?: ProjectInfo | null;
  /** The lesson in progress, if any. */
  lesson?: LessonProgress | null;
  /** Seconds set on steps and a calibration from a real log (absent in older saves). */
  timing?: TimingSettings;
  /** The compare view's variant and day (absent in older saves). */
  compare?: CompareSetup | null;
}
