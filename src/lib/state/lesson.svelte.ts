/**
 * Runs a lesson on the Session: sets up each step's starting point, tells when
 * the learner has done the task, and records what the build revealed. The
 * progress itself is plain data (`progress`), so it is autosaved and travels in
 * share links; everything else here is derived from it.
 */
import {
  checkMet,
  checksOf,
  describeCheck,
  setupWorld,
  startWorld,
  stepBuilds,
  type CheckContext
} from '../model/lessons/actions';
import { lessonById } from '../model/lessons/index';
import { revealedOf, scoreOf, stepRows, type LessonProgress } from '../model/lessons/progress';
import type { Lesson } from '../model/lessons/types';
import type { Session } from './session.svelte';

/**
 * `read`: a step without a task; `doing`: the task is not done yet; `ready`: done,
 * the build is waiting to be revealed; `revealed`: built and explained; `complete`: past the last step.
 */
export type Phase = 'read' | 'doing' | 'ready' | 'revealed' | 'complete';

export class LessonRunner {
  /** Where the learner is, replaced whole; null outside a lesson. */
  progress = $state.raw<LessonProgress | null>(null);
  // Declared before the derived values below read it.
  private readonly session: Session;
  readonly lesson = $derived.by((): Lesson | null => {
    const p = this.progress;
    return p ? (p.custom ?? lessonById(p.id) ?? null) : null;
  });
  readonly index = $derived(this.progress?.step ?? 0);
  readonly total = $derived(this.lesson?.steps.length ?? 0);
  readonly step = $derived(this.lesson?.steps[this.index] ?? null);
  /** The project as this step began (without the learner's changes). */
  private readonly start = $derived(this.lesson && this.step ? startWorld(this.lesson, this.index) : null);
  readonly checks = $derived.by(() => {
    const p = this.progress;
    if (!p || !this.step?.task || !this.start) return [];
    const ctx: CheckContext = {
      now: this.session.world,
      start: this.start,
      startMtimes: p.startMtimes,
      startUpstream: p.startUpstream
    };
    return checksOf(this.step.task).map((c) => ({ label: describeCheck(c), met: checkMet(c, ctx) }));
  });
  readonly taskDone = $derived(this.checks.every((c) => c.met));
  readonly builds = $derived(!!this.step && stepBuilds(this.step));
  readonly phase = $derived.by((): Phase => {
    if (!this.lesson) return 'read';
    if (!this.step) return 'complete';
    if (!this.step.task) return 'read';
    if (this.progress?.revealed) return 'revealed';
    if (!this.taskDone) return 'doing';
    return this.builds ? 'ready' : 'revealed';
  });
  /** Predict first: the live prediction stays hidden until the build is revealed. */
  readonly hidden = $derived(
    !!this.progress?.predictFirst && this.builds && (this.phase === 'doing' || this.phase === 'ready')
  );
  /** The rows to predict: the current prediction's steps, statuses aside. */
  readonly rows = $derived.by(() =>
    this.session.prediction.result
      ? stepRows(this.session.prediction.result, this.session.workspace.dockerfile)
      : []
  );
  /** The rows of the build the person just ran, while it is current (see result-view.svelte.ts); else null. */
  readonly ranRows = $derived.by(() => {
    const last = this.session.view.last;
    return last ? stepRows(last.result, this.session.workspace.dockerfile) : null;
  });
  readonly score = $derived(
    this.progress?.revealed && this.progress.predictFirst
      ? scoreOf(this.progress.revealed, this.progress.marks)
      : null
  );
  /** Whether the revealed build differs from what the lesson says (the learner changed more). */
  readonly differs = $derived.by(() => {
    const r = this.progress?.revealed;
    const want = this.step?.expect;
    if (!r || !want) return false;
    const got = r.steps.filter((s) => s.status === 'built').map((s) => s.line);
    return got.join() !== want.rebuilds.join() || !!r.error !== !!want.fails;
  });

  private busy = false;

  constructor(session: Session) {
    this.session = session;
    // Building by any means (the Build button, Ctrl+Enter) reveals a step whose task is done.
    session.daemon.onCommitted((r) => {
      const p = this.progress;
      if (p && this.phase === 'ready')
        this.progress = { ...p, revealed: revealedOf(r, this.session.workspace.dockerfile) };
    });
  }

  /** Starts `lesson` at step `index`: its setup, then every earlier step's solution and build. */
  async begin(lesson: Lesson, index = 0, custom = false): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    const s = this.session;
    const predictFirst = this.progress?.predictFirst ?? true;
    try {
      s.loadWorld(setupWorld(lesson, s.now()));
      if (lesson.setup.prebuilt !== false) await s.commitBuild();
      const upTo = Math.max(0, Math.min(index, lesson.steps.length));
      for (const step of lesson.steps.slice(0, upTo)) {
        for (const a of step.task?.actions ?? []) s.apply(a);
        if (stepBuilds(step)) await s.commitBuild();
      }
      await s.prediction.settled();
      this.progress = this.fresh(lesson, upTo, custom, predictFirst);
      s.notices.clear();
    } finally {
      this.busy = false;
    }
  }

  private fresh(lesson: Lesson, step: number, custom: boolean, predictFirst: boolean): LessonProgress {
    const startMtimes: Record<string, number> = {};
    for (const [p, f] of Object.entries(this.session.workspace.files)) startMtimes[p] = f.mtime;
    return {
      id: lesson.id,
      custom: custom ? lesson : null,
      step,
      startMtimes,
      startUpstream: { ...this.session.options.upstream },
      predictFirst,
      marks: [],
      revealed: null
    };
  }

  /** Moves to a step from its own starting point. */
  goTo(index: number): Promise<void> {
    const l = this.lesson;
    if (!l || index < 0 || index > l.steps.length) return Promise.resolve();
    return this.begin(l, index, !!this.progress?.custom);
  }

  /**
   * The next step. After a finished step it goes on from the learner's own
   * project; a step left undone is replaced by the lesson's starting point.
   */
  async next(): Promise<void> {
    const p = this.progress;
    if (!p || !this.lesson || p.step >= this.lesson.steps.length) return;
    if (this.phase === 'revealed' || this.phase === 'read')
      this.progress = this.fresh(this.lesson, p.step + 1, !!p.custom, p.predictFirst);
    else await this.goTo(p.step + 1);
  }

  prev(): Promise<void> {
    return this.goTo(this.index - 1);
  }

  /** Back to how this step began. */
  restart(): Promise<void> {
    return this.goTo(this.index);
  }

  /** Applies the step's solution ("Do it for me", and presenter mode). */
  doTask(): void {
    if (this.phase !== 'doing' || !this.step?.task) return;
    for (const a of this.step.task.actions) this.session.apply(a);
  }

  /** Runs the build (shown as the last build); the commit listener records what it revealed. */
  async reveal(): Promise<void> {
    if (this.phase !== 'ready' || this.busy) return;
    this.busy = true;
    try {
      await this.session.view.run();
    } finally {
      this.busy = false;
    }
  }

  toggleMark(line: number): void {
    const p = this.progress;
    if (!p || p.revealed) return;
    const marks = p.marks.includes(line)
      ? p.marks.filter((l) => l !== line)
      : [...p.marks, line].sort((a, b) => a - b);
    this.progress = { ...p, marks };
  }

  setPredictFirst(on: boolean): void {
    const p = this.progress;
    if (p) this.progress = { ...p, predictFirst: on };
  }

  leave(): void {
    this.progress = null;
  }
}
