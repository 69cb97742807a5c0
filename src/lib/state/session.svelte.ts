/**
 * The one Session: what the person edits ($state roots), the daemon's cache and
 * the live prediction ($state.raw, replaced whole), and everything derived.
 * Writes go through methods that schedule an engine run; commitBuild() plays
 * "I ran docker build": the prediction's cache becomes the baseline.
 * It knows nothing of CodeMirror or the DOM, so tests drive it with an inline engine.
 */
import type { BuildInput, BuildResult, Builder, CacheSnapshot, Digest } from '../engine/types';
import { EXAMPLES, exampleBySlug, type ExampleEdit, type ExampleTry } from '../examples/index';
import {
  applyEdit,
  DOCKERFILE_PATH,
  workspaceOf,
  type Workspace,
  type WorkspaceFile
} from '../examples/workspace';
import type { OpenedProject, ProjectInfo } from '../folder/project';
import { applyAction, type World } from '../lessons/actions';
import type { LessonProgress } from '../lessons/progress';
import type { LessonAction } from '../lessons/types';
import type { EngineHost } from '../worker/protocol';
import { normalizeCompare, type CompareSetup } from '../compare/setup';
import {
  emptyTiming,
  keyedSteps,
  normalizeTiming,
  resolveTiming,
  type SavedCalibration,
  type TimingSettings,
  type TimingSource
} from '../timing/costs';
import { invert, unique } from '../visualizer/layout';
import { sha256Text } from '../engine/digest';
import { historyEntry, type HistoryEntry, type HistoryInput } from './history';
import { ResultView } from './result-view.svelte';
import { buildInputFor, remoteSourcesOf, type BuildSettings } from './input';
import { checkPath, declaredArgs, decodeUpload, deleteIn, isWithin, pathTaken, renameIn } from './paths';

export type Theme = 'system' | 'light' | 'dark';

export interface Settings extends BuildSettings {
  theme: Theme;
}

/** Everything autosave keeps. Plain structured-clone data. */
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

const MAX_HISTORY = 30;
/** Committed file texts kept for "1 line added" explanations, characters in total. */
const MAX_CONTENTS_CHARS = 4_000_000;
const MAX_CONTENT_FILE_CHARS = 256_000;
/** Uploads beyond these are refused with a message rather than freezing the tab. */
export const MAX_FILES = 20_000;
export const MAX_UPLOAD_BYTES = 200_000_000;

export function defaultSettings(): Settings {
  return { builder: 'buildkit', target: '', noCache: false, upstream: {}, theme: 'system' };
}

export class Session {
  example = $state(EXAMPLES[0].slug);
  dockerfile = $state('');
  files = $state.raw<Record<string, WorkspaceFile>>({});
  buildArgs = $state.raw<Record<string, string>>({});
  settings = $state<Settings>(defaultSettings());
  /** The daemon's cache: what committed builds left. Null is an empty daemon. */
  cache = $state.raw<CacheSnapshot | null>(null);
  history = $state.raw<HistoryEntry[]>([]);
  /** Texts of committed files by digest, to describe how a file changed since. */
  contents = $state.raw<Record<Digest, string>>({});
  /** The prediction for the current input against the cache. */
  result = $state.raw<BuildResult | null>(null);
  digests = $state.raw<Record<string, Digest>>({});
  /** The daemon's plain progress output for the prediction. */
  progress = $state('');
  engineError = $state<string | null>(null);
  /** A message for the person about their last action (a refused name, an import summary). */
  notice = $state<{ text: string; tone: 'info' | 'error' } | null>(null);
  running = $state(false);
  engineMs = $state(0);
  tabs = $state<string[]>([DOCKERFILE_PATH]);
  active = $state(DOCKERFILE_PATH);
  /**
   * Where the Dockerfile sits in the context (`docker build -f`). Tabs and the
   * editor still call it DOCKERFILE_PATH: that names "the Dockerfile being built".
   */
  dockerfilePath = $state(DOCKERFILE_PATH);
  /** The folder opened from disk that the session holds, or null for an example. */
  project = $state.raw<ProjectInfo | null>(null);
  /** The lesson in progress (see state/lesson.svelte.ts), replaced whole. */
  lesson = $state.raw<LessonProgress | null>(null);
  /** Seconds a person set on steps, and a calibration from a real build log. */
  timing = $state.raw<TimingSettings>(emptyTiming());
  /** The compare view: variant B and the day; null until it is first opened. */
  compare = $state.raw<CompareSetup | null>(null);

  readonly args = $derived(declaredArgs(this.dockerfile));
  readonly currentExample = $derived(exampleBySlug(this.example));
  readonly stageNames = $derived((this.result?.stages ?? []).map((s) => s.name ?? String(s.index)));
  readonly baseImages = $derived(unique((this.result?.images ?? []).map((i) => i.ref)));
  /** What `ADD <url>` downloads: content that can change upstream like a base image. */
  readonly remoteSources = $derived(remoteSourcesOf(this.result));
  readonly fileCount = $derived(Object.keys(this.files).length);
  private readonly pathOfDigest = $derived(invert(this.digests));
  /** The timing figures resolved against the current Dockerfile's lines: the costs every prediction uses. */
  readonly timed = $derived(resolveTiming(this.dockerfile, this.timing));

  private engine: EngineHost;
  /** The clock that stamps modification times and history entries, ms. */
  readonly now: () => number;
  // Listeners are plumbing, not state: nothing renders from this set.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private committed = new Set<(r: BuildResult) => void>();
  /** Whether the results show the build that just ran or the next build's prediction. */
  readonly view = new ResultView(this);
  private scheduled = false;
  private seq = 0;
  private current: Promise<void> | null = null;

  constructor(opts: { engine: EngineHost; now?: () => number }) {
    this.engine = opts.engine;
    this.now = opts.now ?? (() => Date.now());
  }

  get workspace(): Workspace {
    return { dockerfile: this.dockerfile, files: this.files, buildArgs: this.buildArgs };
  }

  /** The workspace and the build options: what lessons act on and what a scenario records. */
  get world(): World {
    const { builder, target, noCache, upstream } = this.settings;
    return { ws: this.workspace, settings: { builder, target, noCache, upstream: { ...upstream } } };
  }

  /** What `docker build` would be given now. */
  input(): BuildInput {
    return buildInputFor(this.workspace, this.settings, this.cache, {
      dockerfilePath: this.dockerfilePath,
      costs: this.timed.costs
    });
  }

  /** The text of a file version, by digest: a committed one or a current one. */
  textOf(digest: Digest | undefined): string | null {
    if (!digest) return null;
    if (digest in this.contents) return this.contents[digest];
    const path = this.pathOfDigest.get(digest);
    const data =
      path === undefined ? undefined : path === DOCKERFILE_PATH ? this.dockerfile : this.files[path]?.data;
    return typeof data === 'string' ? data : null;
  }

  // ---- running the engine ----

  /** Asks for a new prediction once the current task's writes are done. */
  schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.current = this.runNow();
    });
  }

  private async runNow(): Promise<void> {
    const seq = ++this.seq;
    this.running = true;
    const outcome = await this.engine.run(this.input());
    if (seq !== this.seq || !outcome) return;
    this.running = false;
    if (outcome.ok) {
      this.result = outcome.result;
      this.digests = outcome.digests;
      this.progress = outcome.progress;
      this.engineMs = outcome.ms;
      this.engineError = null;
    } else {
      // Keep the last good result on screen; say what went wrong.
      this.engineError = outcome.message;
    }
  }

  /** Resolves when the prediction matches the current input. */
  async settled(): Promise<void> {
    for (let i = 0; i < 1000; i++) {
      if (this.scheduled) {
        await new Promise<void>((r) => queueMicrotask(r));
        continue;
      }
      const c = this.current;
      if (!c) return;
      await c;
      if (c === this.current && !this.scheduled) return;
    }
  }

  /** Calls `fn` with each committed build's result; returns the unsubscribe function. */
  onCommitted(fn: (r: BuildResult) => void): () => void {
    this.committed.add(fn);
    return () => this.committed.delete(fn);
  }

  /** "Runs" the build: the cache now holds its layers and it joins the history. Returns what was built. */
  async commitBuild(): Promise<BuildResult | null> {
    await this.settled();
    const r = this.result;
    if (!r || this.engineError) {
      this.note('Nothing was built: the prediction failed. Fix the input or reset the example.', 'error');
      return null;
    }
    for (const fn of this.committed) fn(r);
    this.cache = r.cache;
    const dockerfileDigest = sha256Text(this.dockerfile);
    const entry = historyEntry(
      r,
      this.now(),
      this.digests,
      { ...this.buildArgs },
      this.historyInput(dockerfileDigest)
    );
    this.history = [...this.history, entry].slice(-MAX_HISTORY);
    this.contents = keepContents(this.contents, this.files, this.digests, [
      dockerfileDigest,
      this.dockerfile
    ]);
    this.nextLabel = undefined;
    this.schedule();
    await this.settled();
    return r;
  }

  /** A name for the next committed build (an imported scenario's build label). */
  nextLabel: string | undefined = undefined;

  private historyInput(dockerfile: Digest): HistoryInput {
    const modes: Record<string, number> = {};
    const mtimes: Record<string, number> = {};
    const paths = Object.keys(this.files);
    for (const p of paths) {
      const f = this.files[p];
      if (f.mode !== 0o644) modes[p] = f.mode;
      mtimes[p] = f.mtime;
    }
    const { noCache, upstream, target } = this.settings;
    return {
      target,
      ...(this.nextLabel ? { label: this.nextLabel } : {}),
      dockerfile,
      modes,
      mtimes: paths.length <= 5000 ? mtimes : null,
      noCache,
      upstream: { ...upstream }
    };
  }

  /** Starts from an empty daemon: no layers, no pulled images. History stays. */
  clearCache(): void {
    this.cache = null;
    this.schedule();
  }

  // ---- examples ----

  /** Loads an example and commits its first build, so the next edit teaches something. */
  async loadExample(slug: string): Promise<void> {
    const ex = exampleBySlug(slug) ?? EXAMPLES[0];
    const ws = workspaceOf(ex, this.now());
    this.loadWorld({ ws, settings: { ...defaultSettings(), builder: this.settings.builder } }, ex.slug);
    await this.commitBuild();
  }

  /** Replaces the project with `world`: an empty daemon, no history, no lesson. */
  loadWorld(world: World, example = ''): void {
    this.example = example;
    this.dockerfile = world.ws.dockerfile;
    this.files = world.ws.files;
    this.buildArgs = world.ws.buildArgs;
    this.settings = { ...defaultSettings(), ...world.settings, theme: this.settings.theme };
    this.lesson = null;
    this.cache = null;
    this.history = [];
    this.contents = {};
    this.result = null;
    this.engineError = null;
    this.notice = null;
    this.tabs = [DOCKERFILE_PATH];
    this.active = DOCKERFILE_PATH;
    this.dockerfilePath = DOCKERFILE_PATH;
    this.project = null;
    // Figures measured or set for another project would mislead here.
    this.timing = emptyTiming();
    this.compare = null;
    this.schedule();
  }

  /** Sets the project and build options, keeping the cache and history (a scenario's next build). */
  setWorld(world: World): void {
    this.dockerfile = world.ws.dockerfile;
    this.files = world.ws.files;
    this.buildArgs = world.ws.buildArgs;
    this.settings = { ...this.settings, ...world.settings };
    this.tabs = this.tabs.filter((t) => t === DOCKERFILE_PATH || t in world.ws.files);
    if (!this.tabs.includes(this.active)) this.active = DOCKERFILE_PATH;
    this.schedule();
  }

  /** Applies a lesson action, as a person would by hand. */
  apply(a: LessonAction): void {
    const next = applyAction(this.world, a, this.now());
    this.dockerfile = next.ws.dockerfile;
    this.files = next.ws.files;
    this.buildArgs = next.ws.buildArgs;
    this.settings = { ...this.settings, ...next.settings };
    if ('path' in a && a.kind !== 'delete') this.open(a.path);
    this.schedule();
  }

  /**
   * Replaces the session with a folder read from disk: its Dockerfile and files,
   * an empty daemon and no history (nothing of it has been built yet).
   */
  openProject(p: OpenedProject): void {
    const ws = { dockerfile: p.dockerfile, files: p.files, buildArgs: {} };
    this.loadWorld({ ws, settings: { ...defaultSettings(), builder: this.settings.builder } });
    this.project = p.info;
    this.dockerfilePath = p.dockerfilePath;
  }

  /** Back to the example as it ships: its files, an empty cache, one committed build. */
  reset(): Promise<void> {
    return this.loadExample(this.example);
  }

  applyTry(t: ExampleTry): void {
    for (const e of t.edits) this.applyEdit(e);
  }

  applyEdit(e: ExampleEdit): void {
    const next = applyEdit(this.workspace, e, this.now());
    this.dockerfile = next.dockerfile;
    this.files = next.files;
    this.buildArgs = next.buildArgs;
    if ('path' in e) this.open(e.path);
    this.schedule();
  }

  // ---- the Dockerfile and the context ----

  setDockerfile(text: string): void {
    if (text === this.dockerfile) return;
    this.dockerfile = text;
    this.schedule();
  }

  writeFile(path: string, data: string | Uint8Array): void {
    const f = this.files[path];
    if (!f || f.data === data) return;
    this.files = { ...this.files, [path]: { ...f, data, mtime: this.now() } };
    this.schedule();
  }

  /** New mtime, same bytes: what `touch` does, and what Docker's cache ignores. */
  touch(path: string): void {
    if (path === DOCKERFILE_PATH || !this.files[path]) return;
    // A touch always moves the time forward, even twice within a millisecond.
    const mtime = Math.max(this.now(), this.files[path].mtime + 1);
    this.files = { ...this.files, [path]: { ...this.files[path], mtime } };
    this.note(`Touched ${path}: new modification time, same bytes.`);
    this.schedule();
  }

  /** `chmod +x`, or `chmod -x` when it is already executable. */
  toggleExecutable(path: string): void {
    const f = this.files[path];
    if (!f) return;
    const mode = f.mode & 0o111 ? f.mode & ~0o111 : f.mode | 0o111;
    this.files = { ...this.files, [path]: { ...f, mode } };
    this.schedule();
  }

  addFile(raw: string, data: string | Uint8Array = ''): string | null {
    const c = checkPath(raw);
    if ('error' in c) return this.refuse(c.error);
    if (pathTaken(this.files, c.path)) return this.refuse(`${c.path} already exists.`);
    if (this.fileCount >= MAX_FILES)
      return this.refuse(`The context already holds ${MAX_FILES} files, Layer Lab's limit.`);
    const blocker = ancestorFile(this.files, c.path);
    if (blocker) return this.refuse(`${blocker} is a file, not a folder.`);
    const files = { ...this.files };
    // The folder is no longer empty: its placeholder goes.
    if (files[parentOf(c.path)]?.dir) delete files[parentOf(c.path)];
    files[c.path] = { data, mode: 0o644, mtime: this.now() };
    this.files = files;
    this.open(c.path);
    this.schedule();
    return null;
  }

  addFolder(raw: string): string | null {
    const c = checkPath(raw);
    if ('error' in c) return this.refuse(c.error);
    if (pathTaken(this.files, c.path)) return this.refuse(`${c.path} already exists.`);
    const blocker = ancestorFile(this.files, c.path);
    if (blocker) return this.refuse(`${blocker} is a file, not a folder.`);
    this.files = { ...this.files, [c.path]: { data: '', mode: 0o755, mtime: this.now(), dir: true } };
    this.schedule();
    return null;
  }

  rename(from: string, raw: string): string | null {
    if (from === DOCKERFILE_PATH)
      return this.refuse('The Dockerfile keeps its name (the build reads ./Dockerfile).');
    const c = checkPath(raw);
    if ('error' in c) return this.refuse(c.error);
    if (c.path === from) return null;
    if (isWithin(c.path, from)) return this.refuse('A folder cannot move into itself.');
    if (pathTaken(this.files, c.path)) return this.refuse(`${c.path} already exists.`);
    this.files = renameIn(this.files, from, c.path);
    this.tabs = this.tabs.map((t) => (isWithin(t, from) ? c.path + t.slice(from.length) : t));
    if (isWithin(this.active, from)) this.active = c.path + this.active.slice(from.length);
    this.schedule();
    return null;
  }

  remove(path: string): void {
    if (path === DOCKERFILE_PATH) return;
    this.files = deleteIn(this.files, path);
    this.tabs = this.tabs.filter((t) => !isWithin(t, path));
    if (!this.tabs.includes(this.active)) this.active = DOCKERFILE_PATH;
    this.schedule();
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
      files[c.path] = { data, mode: 0o644, mtime: this.now() };
      added++;
    }
    this.files = files;
    this.schedule();
    const text =
      `Added ${added} file${added === 1 ? '' : 's'}${binary ? ` (${binary} binary)` : ''}.` +
      (refused.length
        ? ` ${refused.length} not added (over ${MAX_FILES} files or ${MAX_UPLOAD_BYTES / 1e6} MB, or a name that leaves the context).`
        : '');
    this.note(text, refused.length ? 'error' : 'info');
    return text;
  }

  // ---- build options ----

  setBuilder(b: Builder): void {
    this.settings.builder = b;
    this.schedule();
  }
  setTarget(t: string): void {
    this.settings.target = t;
    this.schedule();
  }
  setNoCache(v: boolean): void {
    this.settings.noCache = v;
    this.schedule();
  }
  /** `--build-arg NAME=VALUE`; null removes it (the ARG's default applies). */
  setBuildArg(name: string, value: string | null): void {
    const next = { ...this.buildArgs };
    if (value === null) delete next[name];
    else next[name] = value;
    this.buildArgs = next;
    this.schedule();
  }
  /** The registry now serves a new image under this reference. */
  updateUpstream(ref: string): void {
    this.settings.upstream[ref] = (this.settings.upstream[ref] ?? 0) + 1;
    this.schedule();
  }
  setTheme(t: Theme): void {
    this.settings.theme = t;
  }

  // ---- rebuild time ----

  /** Where the seconds of the step starting on `line` come from, when not from the defaults. */
  timingSource(line: number): TimingSource | null {
    return this.timed.sources[line] ?? null;
  }

  /** Sets the seconds of the step starting on `line`; null goes back to the estimate (or the measured figure). */
  setStepSeconds(line: number, seconds: number | null): void {
    const step = keyedSteps(this.dockerfile).find((s) => s.line === line);
    if (!step) return;
    const overrides = { ...this.timing.overrides };
    if (seconds === null) delete overrides[step.key];
    else overrides[step.key] = seconds;
    this.timing = { ...this.timing, overrides };
    this.schedule();
  }

  clearStepSeconds(): void {
    this.timing = { ...this.timing, overrides: {} };
    this.schedule();
  }

  /** A calibration from a real build log replaces the previous one; null forgets it. */
  setCalibration(calibration: SavedCalibration | null): void {
    this.timing = { ...this.timing, calibration };
    this.schedule();
  }

  setCompare(setup: CompareSetup | null): void {
    this.compare = setup;
  }

  // ---- tabs ----

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

  // ---- saving ----

  toSaved(): SavedSession {
    return {
      version: 1,
      example: this.example,
      dockerfile: this.dockerfile,
      files: this.files,
      buildArgs: this.buildArgs,
      settings: $state.snapshot(this.settings),
      cache: this.cache,
      history: this.history,
      contents: this.contents,
      tabs: [...this.tabs],
      active: this.active,
      dockerfilePath: this.dockerfilePath,
      project: this.project,
      lesson: this.lesson,
      timing: this.timing,
      compare: this.compare
    };
  }

  restore(s: SavedSession): void {
    this.example = s.example;
    this.dockerfile = s.dockerfile;
    this.files = s.files;
    this.buildArgs = s.buildArgs ?? {};
    this.settings = { ...defaultSettings(), ...s.settings };
    this.cache = s.cache;
    this.history = s.history ?? [];
    this.contents = s.contents ?? {};
    this.tabs = (s.tabs ?? [DOCKERFILE_PATH]).filter((t) => t === DOCKERFILE_PATH || t in s.files);
    this.active = this.tabs.includes(s.active) ? s.active : DOCKERFILE_PATH;
    this.dockerfilePath = s.dockerfilePath ?? DOCKERFILE_PATH;
    this.project = s.project ?? null;
    this.lesson = s.lesson ?? null;
    this.timing = normalizeTiming(s.timing);
    this.compare = normalizeCompare(s.compare);
    this.schedule();
  }

  note(text: string, tone: 'info' | 'error' = 'info'): void {
    this.notice = { text, tone };
  }

  private refuse(message: string): string {
    this.note(message, 'error');
    return message;
  }
}

function ancestorFile(files: Record<string, WorkspaceFile>, path: string): string | null {
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

/** Adds the committed texts to the store and drops the oldest beyond the budget. */
/**
 * The texts history needs, by digest: every context file's and the Dockerfile's
 * (kept apart: a context may also hold a plain file named `Dockerfile` when the
 * one built sits elsewhere).
 */
function keepContents(
  prev: Record<Digest, string>,
  files: Record<string, WorkspaceFile>,
  digests: Record<string, Digest>,
  [dockerfileDigest, dockerfile]: [Digest, string]
): Record<Digest, string> {
  const next: Record<Digest, string> = { ...prev };
  const keep = (d: Digest, data: unknown) => {
    if (typeof data === 'string' && data.length <= MAX_CONTENT_FILE_CHARS) {
      delete next[d];
      next[d] = data;
    }
  };
  for (const [path, d] of Object.entries(digests)) keep(d, files[path]?.data);
  keep(dockerfileDigest, dockerfile);
  let chars = 0;
  const keys = Object.keys(next);
  for (const k of keys) chars += next[k].length;
  for (const k of keys) {
    if (chars <= MAX_CONTENTS_CHARS) break;
    chars -= next[k].length;
    delete next[k];
  }
  return next;
}
