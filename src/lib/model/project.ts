/** A folder opened from disk, as the Session holds it: plain data, autosaved and shared. */
import type { WorkspaceFile } from './workspace';

/** What the Session remembers about the folder it holds. Plain data: it is autosaved. */
export interface ProjectInfo {
  name: string;
  /** How it came: `files` (an `<input webkitdirectory>`) lists every file before .dockerignore applies. */
  via: 'picker' | 'drop' | 'files';
  /** Files read and hashed, and their bytes. */
  read: number;
  bytes: number;
  /** Of those, kept as editable text, and kept as digest and size only. */
  text: number;
  digestOnly: number;
  /** Files .dockerignore excluded (never opened) and folders it excluded (never listed). */
  excluded: number;
  skippedDirs: number;
  /** Entries left out because the browser would not list or read them (the first few). */
  problems: Array<{ path: string; message: string }>;
  problemCount: number;
  /** The folder has more entries than the playground holds; the rest were left out. */
  truncated: boolean;
  /** Every Dockerfile found, best first. */
  dockerfiles: string[];
  /** The session before this folder was kept and can be restored. */
  stashed: boolean;
}

export interface OpenedProject {
  info: ProjectInfo;
  dockerfile: string;
  /** Where the Dockerfile sits in the context (`docker build -f`). */
  dockerfilePath: string;
  files: Record<string, WorkspaceFile>;
}
