/**
 * Which build the results show: the build that just ran, or the prediction of
 * the next one.
 *
 * `session.prediction.result` always predicts the NEXT build, so right after Build it reads
 * "all cached": to a class that just watched three steps rebuild, the opposite
 * of what happened. After a build the person ran (Build, Ctrl+Enter, a lesson's
 * "Build and reveal": callers go through `run()`), the results show that build
 * (which steps ran, which came from the cache, why, how long) until the input
 * changes in any way the build sees: the Dockerfile, a file, a build arg, the
 * builder, target, --no-cache, an upstream image, a step's seconds, the cache
 * itself. Then the prediction again. Builds the app commits on its own (opening
 * an example, setting up a lesson step, importing a scenario) are not shown:
 * nobody watched them run.
 *
 * Everything here is derived from the Session and the one build kept, so there
 * is nothing to keep in sync: an edit undone brings the last build back, since
 * the input is again exactly what was built.
 */
import type { BuildResult, CacheSnapshot } from '../engine/types';
import type { BuildOptions } from './build-options.svelte';
import type { Session } from './session.svelte';
import type { Timing } from './timing.svelte';
import type { WorkspaceState } from './workspace.svelte';

export type ResultMode = 'last-build' | 'prediction';

/** What a build saw, by identity where the Session replaces values whole ($state.raw). */
interface InputMark {
  dockerfile: string;
  dockerfilePath: string;
  files: WorkspaceState['files'];
  buildArgs: BuildOptions['buildArgs'];
  timing: Timing['settings'];
  cache: CacheSnapshot | null;
  /** Builder, target, --no-cache and upstream updates: small, compared as text. */
  settings: string;
}

interface Ran {
  result: BuildResult;
  /** The daemon's plain output of that build. */
  progress: string;
  input: InputMark;
}

function markOf(s: Session, cache: CacheSnapshot | null): InputMark {
  const { builder, target, noCache, upstream } = s.options;
  return {
    dockerfile: s.workspace.dockerfile,
    dockerfilePath: s.workspace.dockerfilePath,
    files: s.workspace.files,
    buildArgs: s.options.buildArgs,
    timing: s.timing.settings,
    cache,
    settings: JSON.stringify([builder, target, noCache, upstream])
  };
}

function sameMark(a: InputMark, b: InputMark): boolean {
  return (Object.keys(a) as Array<keyof InputMark>).every((k) => a[k] === b[k]);
}

export class ResultView {
  private readonly session: Session;
  private ran = $state.raw<Ran | null>(null);
  /** The person asked to see the next build's prediction while the last build is still current. */
  private peeking = $state(false);
  /** How many builds the person ran are being committed (see run()); a count, as Ctrl+Enter may overlap. */
  private running = 0;

  /** The build that just ran, while nothing it saw has changed; else null. */
  readonly last = $derived.by((): Ran | null => {
    const ran = this.ran;
    return ran && sameMark(ran.input, markOf(this.session, this.session.daemon.cache)) ? ran : null;
  });
  readonly mode: ResultMode = $derived(this.last && !this.peeking ? 'last-build' : 'prediction');
  /** The result the step list, summary, stages, log and editor gutter show. */
  readonly result = $derived.by(() =>
    this.mode === 'last-build' && this.last ? this.last.result : this.session.prediction.result
  );
  readonly progress = $derived.by(() =>
    this.mode === 'last-build' && this.last ? this.last.progress : this.session.prediction.progress
  );

  constructor(session: Session) {
    this.session = session;
    session.daemon.onCommitted((result) => {
      if (this.running === 0) return;
      // Called just before the commit replaces the cache with the build's own.
      this.ran = { result, progress: session.prediction.progress, input: markOf(session, result.cache) };
      this.peeking = false;
    });
  }

  /** "I ran docker build": commits the build and shows it. Returns what was built, or null. */
  async run(): Promise<BuildResult | null> {
    this.running++;
    try {
      return await this.session.commitBuild();
    } finally {
      this.running--;
    }
  }

  /** Switches between the last build and the prediction; the last build only while it is current. */
  show(mode: ResultMode): void {
    this.peeking = mode === 'prediction';
  }
}
