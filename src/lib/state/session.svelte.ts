/**
 * The Session: one playground, composed of its concerns. Callers use those
 * directly (`session.workspace.writeFile(…)`, `session.options.setBuilder(…)`);
 * the Session itself holds only what spans them: what `docker build` is given,
 * committing a build, and replacing the whole project. It knows nothing of
 * CodeMirror or the DOM, so tests drive it with an inline engine.
 *
 * - workspace: the Dockerfile, the context files, tabs, the example or folder
 * - options: builder, target, --no-cache, build args, upstream updates
 * - timing: seconds set or calibrated, and the compare view's setup
 * - prediction: the engine's live answer for the current input
 * - daemon: the cache committed builds left, their history and texts
 * - view: whether the results show the last build or the prediction
 * - lessons: the lesson in progress
 * Saving and restoring the whole lives in saved.svelte.ts.
 */
import type { BuildInput, BuildResult } from '../engine/types';
import { buildInputFor } from '../model/build-input';
import { EXAMPLES, exampleBySlug, type ExampleTry } from '../model/examples/index';
import { applyAction, defaultBuildSettings, type World } from '../model/lessons/actions';
import type { LessonAction } from '../model/lessons/types';
import type { OpenedProject, ProjectInfo } from '../model/project';
import type { Theme } from '../model/saved-session';
import { applyEdit, workspaceOf } from '../model/workspace';
import type { EngineHost } from '../worker/protocol';
import { BuildOptions } from './build-options.svelte';
import { Daemon } from './daemon.svelte';
import { LessonRunner } from './lesson.svelte';
import { Notices } from './notices.svelte';
import { Prediction } from './prediction.svelte';
import { ResultView } from './result-view.svelte';
import { Timing } from './timing.svelte';
import { WorkspaceState } from './workspace.svelte';

export class Session {
  /** The clock that stamps modification times and history entries, ms. */
  readonly now: () => number;
  /** The page's colours: saved beside the build options, never seen by the build. */
  theme = $state<Theme>('system');
  readonly notices = new Notices();
  readonly workspace: WorkspaceState;
  readonly options: BuildOptions;
  readonly timing: Timing;
  readonly prediction: Prediction;
  readonly daemon: Daemon;
  readonly view: ResultView;
  readonly lessons: LessonRunner;

  constructor(opts: { engine: EngineHost; now?: () => number }) {
    this.now = opts.now ?? (() => Date.now());
    const changed = () => this.prediction.schedule();
    this.workspace = new WorkspaceState({ now: this.now, changed, notices: this.notices });
    this.options = new BuildOptions(this.workspace, changed);
    this.timing = new Timing(this.workspace, changed);
    this.prediction = new Prediction(opts.engine, () => this.input());
    this.daemon = new Daemon(this.workspace, this.prediction, changed);
    // The view hears of a commit before the lesson does, as each reads what the other leaves alone.
    this.view = new ResultView(this);
    this.lessons = new LessonRunner(this);
  }

  /** The workspace and the build options as plain data: what lessons act on and what a scenario records. */
  get world(): World {
    const { dockerfile, files } = this.workspace;
    return { ws: { dockerfile, files, buildArgs: this.options.buildArgs }, settings: this.options.settings };
  }

  /** What `docker build` would be given now. */
  input(): BuildInput {
    const { ws, settings } = this.world;
    return buildInputFor(ws, settings, this.daemon.cache, {
      dockerfilePath: this.workspace.dockerfilePath,
      costs: this.timing.resolved.costs
    });
  }

  /** "Runs" the build: the cache now holds its layers and it joins the history. Returns what was built. */
  async commitBuild(): Promise<BuildResult | null> {
    await this.prediction.settled();
    const r = this.prediction.result;
    if (!r || this.prediction.error) {
      this.notices.note(
        'Nothing was built: the prediction failed. Fix the input or reset the example.',
        'error'
      );
      return null;
    }
    this.daemon.record(r, this.world, this.now());
    this.prediction.schedule();
    await this.prediction.settled();
    return r;
  }

  // ---- replacing the project ----

  /** Loads an example and commits its first build, so the next edit teaches something. */
  async loadExample(slug: string): Promise<void> {
    const ex = exampleBySlug(slug) ?? EXAMPLES[0];
    const ws = workspaceOf(ex, this.now());
    this.loadWorld({ ws, settings: { ...defaultBuildSettings(), builder: this.options.builder } }, ex.slug);
    await this.commitBuild();
  }

  /** Back to the example as it ships: its files, an empty cache, one committed build. */
  reset(): Promise<void> {
    return this.loadExample(this.workspace.example);
  }

  /** Replaces the project with `world`: an empty daemon, no history, no lesson. */
  loadWorld(world: World, example = ''): void {
    this.replaceProject(world, { example });
  }

  /**
   * Replaces the session with a folder read from disk: its Dockerfile and files,
   * an empty daemon and no history (nothing of it has been built yet).
   */
  openProject(p: OpenedProject): void {
    const ws = { dockerfile: p.dockerfile, files: p.files, buildArgs: {} };
    const settings = { ...defaultBuildSettings(), builder: this.options.builder };
    this.replaceProject({ ws, settings }, { example: '', dockerfilePath: p.dockerfilePath, project: p.info });
  }

  // ---- changing it as a person would ----

  /** Sets the project and build options, keeping the cache and history (a scenario's next build). */
  setWorld(world: World): void {
    this.write({ ws: world.ws, settings: { ...this.options.settings, ...world.settings } }, true);
    this.prediction.schedule();
  }

  /** Applies a lesson action, as a person would by hand. */
  apply(a: LessonAction): void {
    this.write(applyAction(this.world, a, this.now()));
    if ('path' in a && a.kind !== 'delete') this.workspace.open(a.path);
    this.prediction.schedule();
  }

  /** An example's "Try" button: its edits, each as a person would make it. */
  applyTry(t: ExampleTry): void {
    for (const e of t.edits) {
      this.write({ ws: applyEdit(this.world.ws, e, this.now()), settings: this.options.settings });
      if ('path' in e) this.workspace.open(e.path);
      this.prediction.schedule();
    }
  }

  /** Writes the texts, files and options of `next`; `closeGone` closes the tabs of files it no longer has. */
  private write(next: World, closeGone = false): void {
    this.workspace.replace(next.ws.dockerfile, next.ws.files, closeGone);
    this.options.set(next.settings, next.ws.buildArgs);
  }

  private replaceProject(
    world: World,
    from: { example: string; dockerfilePath?: string; project?: ProjectInfo }
  ): void {
    this.workspace.load({ ...from, dockerfile: world.ws.dockerfile, files: world.ws.files });
    this.options.set(world.settings, world.ws.buildArgs);
    this.lessons.progress = null;
    this.daemon.forget();
    this.prediction.forget();
    this.notices.clear();
    // Figures measured or set for another project would mislead here.
    this.timing.forget();
    this.prediction.schedule();
  }
}
