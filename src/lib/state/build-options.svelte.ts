/**
 * How `docker build` is run: the builder, `--target`, `--no-cache`, the
 * `--build-arg`s, and which base images (and `ADD` downloads) changed upstream.
 */
import type { Builder } from '../engine/types';
import type { BuildSettings } from '../model/build-input';
import { defaultBuildSettings } from '../model/lessons/actions';
import { declaredArgs } from '../model/paths';
import type { SavedSession } from '../model/saved-session';
import type { WorkspaceState } from './workspace.svelte';

export class BuildOptions {
  builder = $state<Builder>('buildkit');
  /** `--target`; empty for the last stage. */
  target = $state('');
  noCache = $state(false);
  /** Upstream updates by image reference or URL (see BuildSettings). */
  upstream = $state<Record<string, number>>({});
  buildArgs = $state.raw<Record<string, string>>({});

  // Declared before the derived value below reads it.
  private readonly workspace: WorkspaceState;
  private readonly changed: () => void;
  /** The `ARG`s the Dockerfile declares, with their defaults. */
  readonly args = $derived.by(() => declaredArgs(this.workspace.dockerfile));

  constructor(workspace: WorkspaceState, changed: () => void) {
    this.workspace = workspace;
    this.changed = changed;
  }

  /** The options as plain data (what lessons check and scenarios record). */
  get settings(): BuildSettings {
    return {
      builder: this.builder,
      target: this.target,
      noCache: this.noCache,
      upstream: { ...this.upstream }
    };
  }

  /** Replaces the options; what `s` leaves out goes back to the defaults. */
  set(s: Partial<BuildSettings>, buildArgs: Record<string, string>): void {
    const next = { ...defaultBuildSettings(), ...s };
    this.builder = next.builder;
    this.target = next.target;
    this.noCache = next.noCache;
    this.upstream = next.upstream;
    this.buildArgs = buildArgs;
  }

  restore(s: SavedSession): void {
    this.set(s.settings ?? {}, s.buildArgs ?? {});
  }

  setBuilder(b: Builder): void {
    this.builder = b;
    this.changed();
  }

  setTarget(t: string): void {
    this.target = t;
    this.changed();
  }

  setNoCache(v: boolean): void {
    this.noCache = v;
    this.changed();
  }

  /** `--build-arg NAME=VALUE`; null removes it (the ARG's default applies). */
  setBuildArg(name: string, value: string | null): void {
    const next = { ...this.buildArgs };
    if (value === null) delete next[name];
    else next[name] = value;
    this.buildArgs = next;
    this.changed();
  }

  /** The registry now serves a new image (or new content) under this reference. */
  updateUpstream(ref: string): void {
    this.upstream[ref] = (this.upstream[ref] ?? 0) + 1;
    this.changed();
  }
}
