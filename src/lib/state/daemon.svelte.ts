/**
 * The daemon's side: the cache committed builds left, the history of those
 * builds, and the texts of the files they saw, so a miss can say how a file
 * changed since ("1 line added").
 */
import { sha256Text } from '../engine/digest';
import type { BuildResult, CacheSnapshot, Digest } from '../engine/types';
import { historyEntry, type HistoryEntry, type HistoryInput } from '../model/history';
import type { World } from '../model/lessons/actions';
import type { SavedSession } from '../model/saved-session';
import { DOCKERFILE_PATH, type WorkspaceFile } from '../model/workspace';
import type { Prediction } from './prediction.svelte';
import type { WorkspaceState } from './workspace.svelte';

const MAX_HISTORY = 30;
/** Committed file texts kept for "1 line added" explanations, characters in total. */
const MAX_CONTENTS_CHARS = 4_000_000;
const MAX_CONTENT_FILE_CHARS = 256_000;

export class Daemon {
  /** What committed builds left. Null is an empty daemon. */
  cache = $state.raw<CacheSnapshot | null>(null);
  history = $state.raw<HistoryEntry[]>([]);
  /** Texts of committed files by digest, to describe how a file changed since. */
  contents = $state.raw<Record<Digest, string>>({});
  /** A name for the next committed build (an imported scenario's build label). */
  nextLabel: string | undefined = undefined;

  // Declared before the derived value below reads them.
  private readonly workspace: WorkspaceState;
  private readonly prediction: Prediction;
  private readonly changed: () => void;
  private readonly pathOfDigest = $derived.by(() => pathsByDigest(this.prediction.digests));
  // Listeners are plumbing, not state: nothing renders from this set.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly committed = new Set<(r: BuildResult) => void>();

  constructor(workspace: WorkspaceState, prediction: Prediction, changed: () => void) {
    this.workspace = workspace;
    this.prediction = prediction;
    this.changed = changed;
  }

  /** The text of a file version, by digest: a committed one or a current one. */
  textOf(digest: Digest | undefined): string | null {
    if (!digest) return null;
    if (digest in this.contents) return this.contents[digest];
    const path = this.pathOfDigest.get(digest);
    const data =
      path === undefined
        ? undefined
        : path === DOCKERFILE_PATH
          ? this.workspace.dockerfile
          : this.workspace.files[path]?.data;
    return typeof data === 'string' ? data : null;
  }

  /** Calls `fn` with each committed build's result, before the cache takes it; returns the unsubscribe function. */
  onCommitted(fn: (r: BuildResult) => void): () => void {
    this.committed.add(fn);
    return () => this.committed.delete(fn);
  }

  /** Takes in a build that ran on `world` at `at` (ms): its layers join the cache, the build the history. */
  record(r: BuildResult, world: World, at: number): void {
    for (const fn of this.committed) fn(r);
    const { dockerfile, files, buildArgs } = world.ws;
    const digests = this.prediction.digests;
    this.cache = r.cache;
    const dockerfileDigest = sha256Text(dockerfile);
    const entry = historyEntry(r, at, digests, { ...buildArgs }, this.historyInput(world, dockerfileDigest));
    this.history = [...this.history, entry].slice(-MAX_HISTORY);
    this.contents = keepContents(this.contents, files, digests, [dockerfileDigest, dockerfile]);
    this.nextLabel = undefined;
  }

  /** Starts from an empty daemon: no layers, no pulled images. History stays. */
  clearCache(): void {
    this.cache = null;
    this.changed();
  }

  /** A new project: an empty daemon and no history. */
  forget(): void {
    this.cache = null;
    this.history = [];
    this.contents = {};
  }

  restore(s: SavedSession): void {
    this.cache = s.cache;
    this.history = s.history ?? [];
    this.contents = s.contents ?? {};
  }

  private historyInput({ ws, settings }: World, dockerfile: Digest): HistoryInput {
    const modes: Record<string, number> = {};
    const mtimes: Record<string, number> = {};
    const paths = Object.keys(ws.files);
    for (const p of paths) {
      const f = ws.files[p];
      if (f.mode !== 0o644) modes[p] = f.mode;
      mtimes[p] = f.mtime;
    }
    const { noCache, upstream, target } = settings;
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
}

/** A lookup replaced whole with the digests it reads, never changed: a plain Map. */
function pathsByDigest(digests: Record<string, Digest>): Map<Digest, string> {
  return new Map(Object.entries(digests).map(([path, d]) => [d, path]));
}

/**
 * Adds the texts history needs, by digest, to the store and drops the oldest
 * beyond the budget: every context file's and the Dockerfile's (kept apart: a
 * context may also hold a plain file named `Dockerfile` when the one built sits elsewhere).
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
