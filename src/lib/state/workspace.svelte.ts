/**
 * What the person edits: the Dockerfile's text, the context files, the open
 * tabs, and where it all came from (an example or a folder from disk). Every
 * change the build sees calls `changed()`, which schedules a prediction.
 */
import { EXAMPLES, exampleBySlug } from '../model/examples/index';
import { checkPath, decodeUpload, deleteIn, isWithin, pathTaken, renameIn } from '../model/paths';
import type { ProjectInfo } from '../model/project';
import type { SavedSession } from '../model/saved-session';
import { DOCKERFILE_PATH, type WorkspaceFile } from '../model/workspace';
import type { Notices } from './notices.svelte';

/** Uploads beyond these are refused with a message rather than freezing the tab. */
export const MAX_FILES = 20_000;
export const MAX_UPLOAD_BYTES = 200_000_000;

type Files = Record<string, WorkspaceFile>;

export interface WorkspaceDeps {
  /** The clock that stamps modification times, ms. */
  now: () => number;
  /** Called after every change the build sees. */
  changed: () => void;
  notices: Notices;
}

export class WorkspaceState {
  example = $state(EXAMPLES[0].slug);
  dockerfile = $state('');
  files = $state.raw<Files>({});
  tabs = $state<string[]>([DOCKERFILE_PATH]);
  active = $state(DOCKERFILE_PATH);
  /**
   * Where the Dockerfile sits in the context (`docker build -f`). Tabs and the
   * editor still call it DOCKERFILE_PATH: that names "the Dockerfile being built".
   */
  dockerfilePath = $state(DOCKERFILE_PATH);
  /** The folder opened from disk, or null for an example. */
  project = $state.raw<ProjectInfo | null>(null);

  readonly currentExample = $derived(exampleBySlug(this.example));
  readonly fileCount = $derived(Object.keys(this.files).length);

  private readonly deps: WorkspaceDeps;

  constructor(deps: WorkspaceDeps) {
    this.deps = deps;
  }

  /** A new project: its texts, only the Dockerfile open. */
  load(next: {
    example: string;
    dockerfile: string;
    files: Files;
    dockerfilePath?: string;
    project?: ProjectInfo | null;
  }): void {
    this.example = next.example;
    this.dockerfile = next.dockerfile;
    this.files = next.files;
    this.tabs = [DOCKERFILE_PATH];
    this.active = DOCKERFILE_PATH;
    this.dockerfilePath = next.dockerfilePath ?? DOCKERFILE_PATH;
    this.project = next.project ?? null;
  }

  /** New texts for the same project; `closeGone` also closes the tabs of files that went. */
  replace(dockerfile: string, files: Files, closeGone = false): void {
    this.dockerfile = dockerfile;
    this.files = files;
    if (!closeGone) return;
    this.tabs = this.tabs.filter((t) => t === DOCKERFILE_PATH || t in files);
    if (!this.tabs.includes(this.active)) this.active = DOCKERFILE_PATH;
  }

  restore(s: SavedSession): void {
    this.load({ ...s, dockerfilePath: s.dockerfilePath, project: s.project });
    this.tabs = (s.tabs ?? [DOCKERFILE_PATH]).filter((t) => t === DOCKERFILE_PATH || t in s.files);
    this.active = this.tabs.includes(s.active) ? s.active : DOCKERFILE_PATH;
  }

  setDockerfile(text: string): void {
    if (text === this.dockerfile) return;
    this.dockerfile = text;
    this.deps.changed();
  }

  writeFile(path: string, data: string | Uint8Array): void {
    const f = this.files[path];
    if (!f || f.data === data) return;
    this.files = { ...this.files, [path]: { ...f, data, mtime: this.deps.now() } };
    this.deps.changed();
  }

  /** New mtime, same bytes: what `touch` does, and what Docker's cache ignores. */
  touch(path: string): void {
    if (path === DOCKERFILE_PATH || !this.files[path]) return;
    // A touch always moves the time forward, even twice within a millisecond.
    const mtime = Math.max(this.deps.now(), this.files[path].mtime + 1);
    this.files = { ...this.files, [path]: { ...this.files[path], mtime } };
    this.deps.notices.note(`Touched ${path}: new modification time, same bytes.`);
    this.deps.changed();
  }

  /** `chmod +x`, or `chmod -x` when it is already executable. */
  toggleExecutable(path: string): void {
    const f = this.files[path];
    if (!f) return;
    const mode = f.mode & 0o111 ? f.mode & ~0o111 : f.mode | 0o111;
    this.files = { ...this.files, [path]: { ...f, mode } };
    this.deps.changed();
  }

  /** Adds a file; returns why not, or null. */
  addFile(raw: string, data: string | Uint8Array = ''): string | null {
    const c = this.checkNew(raw, true);
    if ('error' in c) return c.error;
    const files = { ...this.files };
    // The folder is no longer empty: its placeholder goes.
    if (files[parentOf(c.path)]?.dir) delete files[parentOf(c.path)];
    files[c.path] = { data, mode: 0o644, mtime: this.deps.now() };
    this.files = files;
    this.open(c.path);
    this.deps.changed();
    return null;
  }

  /** Adds an empty folder; returns why not, or null. */
  addFolder(raw: string): string | null {
    const c = this.checkNew(raw);
    if ('error' in c) return c.error;
    this.files = { ...this.files, [c.path]: { data: '', mode: 0o755, mtime: this.deps.now(), dir: true } };
    this.deps.changed();
    return null;
  }

  /** Renames a file or a folder with everything in it; returns why not, or null. */
  rename(from: string, raw: string): string | null {
    const refuse = (m: string) => this.deps.notices.refuse(m);
    if (from === DOCKERFILE_PATH)
      return refuse('The Dockerfile keeps its name (the build reads ./Dockerfile).');
    const c = checkPath(raw);
    if ('error' in c) return refuse(c.error);
    if (c.path === from) return null;
    if (isWithin(c.path, from)) return refuse('A folder cannot move into itself.');
    if (pathTaken(this.files, c.path)) return refuse(`${c.path} already exists.`);
    this.files = renameIn(this.files, from, c.path);
    this.tabs = this.tabs.map((t) => (isWithin(t, from) ? c.path + t.slice(from.length) : t));
    if (isWithin(this.active, from)) this.active = c.path + this.active.slice(from.length);
    this.deps.changed();
    return null;
  }

  remove(path: string): void {
    if (path === DOCKERFILE_PATH) return;
    this.files = deleteIn(this.files, path);
    this.tabs = this.tabs.filter((t) => !isWithin(t, path));
    if (!this.tabs.includes(this.active)) this.active = DOCKERFILE_PATH;
    this.deps.changed();
  }

  /** Adds files a person picked or dropped; binary files stay bytes. Returns a summary. */
  importFiles(entries: Array<{ path: string; bytes: Uint8Array }>): string {
    const room = MAX_FILES - this.fileCount;
    let total = 0;
    const files = { ...this.files };
    let added = 0;
    let binary = 0;
    const refused: string[] = [];
    for (const e of entries) {
      const c = checkPath(e.path);
      if ('error' in c || c.path === DOCKERFILE_PATH) {
        refused.push(e.path);
        continue;
      }
      total += e.bytes.length;
      if (added >= room || total > MAX_UPLOAD_BYTES) {
        refused.push(c.path);
        continue;
      }
      const data = decodeUpload(e.bytes);
      if (typeof data !== 'string') binary++;
      files[c.path] = { data, mode: 0o644, mtime: this.deps.now() };
      added++;
    }
    this.files = files;
    this.deps.changed();
    const text =
      `Added ${added} file${added === 1 ? '' : 's'}${binary ? ` (${binary} binary)` : ''}.` +
      (refused.length
        ? ` ${refused.length} not added (over ${MAX_FILES} files or ${MAX_UPLOAD_BYTES / 1e6} MB, or a name that leaves the context).`
        : '');
    this.deps.notices.note(text, refused.length ? 'error' : 'info');
    return text;
  }

  // ---- tabs: what the build does not see ----

  open(path: string): void {
    if (path === this.dockerfilePath) path = DOCKERFILE_PATH;
    if (path !== DOCKERFILE_PATH && !this.files[path]) return;
    if (!this.tabs.includes(path)) this.tabs = [...this.tabs, path];
    this.active = path;
  }

  close(path: string): void {
    if (path === DOCKERFILE_PATH) return;
    const i = this.tabs.indexOf(path);
    this.tabs = this.tabs.filter((t) => t !== path);
    if (this.active === path) this.active = this.tabs[Math.max(0, i - 1)] ?? DOCKERFILE_PATH;
  }

  /** A clean path for a new file (`counted`) or folder, or the refusal (already shown). */
  private checkNew(raw: string, counted = false): { path: string } | { error: string } {
    const refuse = (m: string) => ({ error: this.deps.notices.refuse(m) });
    const c = checkPath(raw);
    if ('error' in c) return refuse(c.error);
    if (pathTaken(this.files, c.path)) return refuse(`${c.path} already exists.`);
    if (counted && this.fileCount >= MAX_FILES)
      return refuse(`The context already holds ${MAX_FILES} files, Layer Lab's limit.`);
    const blocker = ancestorFile(this.files, c.path);
    if (blocker) return refuse(`${blocker} is a file, not a folder.`);
    return c;
  }
}

function ancestorFile(files: Files, path: string): string | null {
  const parts = path.split('/');
  for (let i = 1; i < parts.length; i++) {
    const p = parts.slice(0, i).join('/');
    if (p === DOCKERFILE_PATH || (files[p] && !files[p].dir)) return p;
  }
  return null;
}

function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}
