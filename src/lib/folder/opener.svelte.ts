/**
 * "Open folder": from a picked, dropped or chosen folder to a Session holding
 * it. One state machine for the UI: confirm (when the session holds work),
 * read (with progress and Cancel), choose a Dockerfile (when there are several),
 * done. Nothing here leaves the tab: reading is the browser's, hashing the worker's.
 */
import { forgetSession, loadSession, saveSession, STASH_KEY } from '../state/persist';
import { restoreSaved, toSaved } from '../state/saved.svelte';
import type { Session } from '../state/session.svelte';
import { MAX_FILES } from '../state/workspace.svelte';
import { workerHasher, type HasherFactory } from './hasher';
import { formatBytes, plural } from './format';
import type { ProjectInfo } from '../model/project';
import { assembleProject, dockerfileChoices } from './project';
import { emptyProgress, readFolder, type FolderProgress, type FolderRead } from './reader';
import { dirFromEntry, dirFromFiles, dirFromHandle } from './sources';
import type { DirHandleLike } from './walk';

export interface FolderSource {
  root: DirHandleLike;
  via: ProjectInfo['via'];
}

export type OpenerPhase =
  | { kind: 'idle' }
  | { kind: 'confirm'; source: FolderSource }
  | { kind: 'reading'; name: string; progress: FolderProgress }
  | { kind: 'choose'; source: FolderSource; read: FolderRead; choices: string[]; keep: Keep };

/** The person's answer to "keep the current session?", or null when there was nothing to ask about. */
type Keep = boolean | null;

/** Whether replacing the session would lose something a person made: edits, builds, a folder. */
export function hasWork(s: Session): boolean {
  const ex = s.workspace.currentExample;
  if (s.workspace.project || !ex || s.daemon.history.length > 1 || s.workspace.dockerfile !== ex.dockerfile)
    return true;
  if (
    Object.keys(s.options.buildArgs).length ||
    Object.keys(s.workspace.files).length !== Object.keys(ex.files).length
  )
    return true;
  return Object.entries(s.workspace.files).some(
    ([p, f]) => f.data !== ex.files[p] || f.mode !== (ex.modes?.[p] ?? 0o644)
  );
}

/** Puts the session kept aside before a folder back in place. */
export async function restorePrevious(session: Session): Promise<void> {
  const saved = await loadSession(STASH_KEY);
  if (!saved) {
    session.notices.note('The previous session is no longer stored in this browser.', 'error');
    return;
  }
  restoreSaved(session, saved);
  await forgetSession(STASH_KEY);
  session.notices.note('Back to the session you had before opening the folder.');
}

/** Lets the page paint and answer input between slices of the walk. */
function pause(): Promise<void> {
  // scheduler.yield resumes ahead of other tasks and is not clamped to 4 ms like nested timers.
  const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return s?.yield ? s.yield() : new Promise<void>((r) => setTimeout(r, 0));
}

export class FolderOpener {
  phase = $state<OpenerPhase>({ kind: 'idle' });
  private controller: AbortController | null = null;

  constructor(
    private session: Session,
    private hasher: HasherFactory = workerHasher
  ) {}

  /** Whether this browser has a directory picker (Chromium); elsewhere an `<input webkitdirectory>` stands in. */
  get canPick(): boolean {
    return typeof (globalThis as { showDirectoryPicker?: unknown }).showDirectoryPicker === 'function';
  }

  async pick(): Promise<void> {
    const picker = (globalThis as { showDirectoryPicker?: (o: object) => Promise<FileSystemDirectoryHandle> })
      .showDirectoryPicker;
    if (!picker) return;
    let handle: FileSystemDirectoryHandle;
    try {
      handle = await picker.call(globalThis, { id: 'layerlab-context', mode: 'read' });
    } catch (e) {
      // Closing the picker is not an error worth a message.
      if ((e as Error).name !== 'AbortError')
        this.session.notices.note(`The folder could not be opened: ${(e as Error).message}`, 'error');
      return;
    }
    this.offer({ root: dirFromHandle(handle), via: 'picker' });
  }

  fromFiles(files: FileList | null): void {
    if (!files?.length) return;
    const root = dirFromFiles(files);
    if (root) this.offer({ root, via: 'files' });
    else
      this.session.notices.note(
        'Choose a folder, not single files (to add files, use Upload in the tree).',
        'error'
      );
  }

  /**
   * Takes a dropped folder. Must run inside the drop event: the browser forgets
   * the dropped items when it returns. False when nothing dropped is a folder.
   */
  fromDrop(dt: DataTransfer): boolean {
    const items = [...dt.items].filter((i) => i.kind === 'file');
    for (const item of items) {
      const entry = item.webkitGetAsEntry?.();
      if (!entry?.isDirectory) continue;
      // Chromium also gives a FileSystemDirectoryHandle: the same lazy walk as the picker.
      const asHandle = (item as { getAsFileSystemHandle?: () => Promise<FileSystemHandle | null> })
        .getAsFileSystemHandle;
      const handle = asHandle ? asHandle.call(item) : Promise.resolve(null);
      void handle
        .catch(() => null)
        .then((h) => {
          const root =
            h?.kind === 'directory'
              ? dirFromHandle(h as FileSystemDirectoryHandle)
              : dirFromEntry(entry as FileSystemDirectoryEntry);
          this.offer({ root, via: 'drop' });
        });
      return true;
    }
    return false;
  }

  offer(source: FolderSource): void {
    if (this.phase.kind === 'reading') return;
    if (hasWork(this.session)) this.phase = { kind: 'confirm', source };
    else void this.read(source, null);
  }

  /** The answer to the confirmation: open, keeping the current session restorable or not. */
  confirm(keep: boolean): void {
    if (this.phase.kind !== 'confirm') return;
    void this.read(this.phase.source, keep);
  }

  dismiss(): void {
    // Forgotten as well as stopped: a late report from the stopped read must not bring its panel back.
    this.controller?.abort(new DOMException('Cancelled', 'AbortError'));
    this.controller = null;
    this.phase = { kind: 'idle' };
  }

  cancel(): void {
    this.dismiss();
    this.session.notices.note('Cancelled: nothing was opened, the session is as it was.');
  }

  choose(path: string): void {
    if (this.phase.kind !== 'choose') return;
    const { source, read, keep } = this.phase;
    void this.finish(source, read, path, keep);
  }

  private async read(source: FolderSource, keep: Keep): Promise<void> {
    const controller = new AbortController();
    this.controller = controller;
    this.phase = { kind: 'reading', name: source.root.name, progress: emptyProgress() };
    let read: FolderRead;
    try {
      read = await readFolder(source.root, {
        hasher: this.hasher,
        signal: controller.signal,
        maxEntries: MAX_FILES,
        pause,
        onProgress: (progress) => {
          if (this.controller === controller)
            this.phase = { kind: 'reading', name: source.root.name, progress };
        }
      });
    } catch (e) {
      if (controller.signal.aborted) return;
      this.phase = { kind: 'idle' };
      this.session.notices.note(`The folder could not be read: ${(e as Error).message}`, 'error');
      return;
    }
    if (this.controller !== controller) return;
    const choices = dockerfileChoices(read);
    if (choices.length > 1) this.phase = { kind: 'choose', source, read, choices, keep };
    else await this.finish(source, read, choices[0] ?? null, keep);
  }

  private async finish(
    source: FolderSource,
    read: FolderRead,
    path: string | null,
    keep: Keep
  ): Promise<void> {
    // Kept now, not when asked: edits made while the folder was read are kept too. Work
    // begun during the read, when nothing needed asking at the start, is kept unasked.
    const stash = keep ?? hasWork(this.session);
    const stashed = stash && (await saveSession(toSaved(this.session), STASH_KEY)).ok;
    if (!stash) await forgetSession(STASH_KEY);
    const project = assembleProject(read, { dockerfilePath: path, via: source.via, stashed });
    this.session.openProject(project);
    this.phase = { kind: 'idle' };
    const i = project.info;
    this.session.notices.note(
      `Opened ${i.name}: ${plural(i.read, 'file')} read (${formatBytes(i.bytes)}), ` +
        `${plural(i.excluded + i.skippedDirs, 'entry', 'entries')} excluded by .dockerignore and never read. ` +
        (path ? `Dockerfile: ${path}.` : 'No Dockerfile found: an empty one is open.'),
      i.problemCount || i.truncated ? 'error' : 'info'
    );
  }
}
