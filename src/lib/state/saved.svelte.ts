/**
 * The whole session as saved data and back: what autosave writes, what a
 * share link carries and what the folder opener stashes. The keys and their
 * order are a format (see model/saved-session.ts): saves compare byte for byte.
 */
import type { SavedSession } from '../model/saved-session';
import type { Session } from './session.svelte';

/** Plain structured-clone data. Reading it in an effect subscribes to every part. */
export function toSaved(s: Session): SavedSession {
  const { workspace: w, options: o, daemon: d } = s;
  return {
    version: 1,
    example: w.example,
    dockerfile: w.dockerfile,
    files: w.files,
    buildArgs: o.buildArgs,
    settings: {
      builder: o.builder,
      target: o.target,
      noCache: o.noCache,
      upstream: $state.snapshot(o.upstream),
      theme: s.theme
    },
    cache: d.cache,
    history: d.history,
    contents: d.contents,
    tabs: [...w.tabs],
    active: w.active,
    dockerfilePath: w.dockerfilePath,
    project: w.project,
    lesson: s.lessons.progress,
    timing: s.timing.settings,
    compare: s.timing.compare
  };
}

/** Puts a saved session back, older saves included (their missing parts take the defaults). */
export function restoreSaved(s: Session, saved: SavedSession): void {
  s.workspace.restore(saved);
  s.options.restore(saved);
  s.theme = saved.settings?.theme ?? 'system';
  s.daemon.restore(saved);
  s.lessons.progress = saved.lesson ?? null;
  s.timing.restore(saved);
  s.prediction.schedule();
}
