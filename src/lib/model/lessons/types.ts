/**
 * A guided lesson: a small project, then steps that each ask for one change,
 * build it, and explain what Docker did. Plain JSON data: the built-in lessons
 * and the files teachers write share this shape (docs/lessons.md).
 */
import type { Builder } from '../../engine/types';

export interface Lesson {
  /** Lowercase words joined by dashes; names the lesson in links. */
  id: string;
  title: string;
  /** One or two sentences for the lesson list. */
  summary: string;
  setup: LessonSetup;
  steps: LessonStep[];
}

export interface LessonSetup {
  dockerfile: string;
  /** The build context (text files), `.dockerignore` included; the Dockerfile is not listed here. */
  files: Record<string, string>;
  /** Octal permission bits for files that are not 644, e.g. `{ "run.sh": "755" }`. */
  modes?: Record<string, string>;
  /** `--build-arg` values the lesson starts with. */
  buildArgs?: Record<string, string>;
  builder?: Builder;
  /** Whether the lesson starts with one build done (default true). */
  prebuilt?: boolean;
}

export interface LessonStep {
  title: string;
  /** What to notice before acting. Plain text; `backticks` mark code, a blank line a new paragraph. */
  say: string;
  /** What the learner is asked to do. A step without a task only narrates. */
  task?: LessonTask;
  /** Lines of the Dockerfile whose steps rebuild when this step's task is built (checked by the tests). */
  expect?: { rebuilds: number[]; fails?: boolean };
  /** What happened, shown once the build is revealed. */
  explain: string;
  /** Where a real daemon showed each claim this step makes. */
  evidence?: Evidence[];
}

export interface LessonTask {
  /** The request, in words: "Fix the typo in app.py". */
  text: string;
  /** A solution: what "Do it for me" and presenter mode apply. Empty for "just press Build". */
  actions: LessonAction[];
  /** How to tell the learner did it; derived from `actions` when omitted. */
  checks?: LessonCheck[];
  /** Whether the task ends with a build to reveal (default true). */
  build?: boolean;
}

/** One change to the project. Paths are context paths; `Dockerfile` is the Dockerfile. */
export type LessonAction =
  /** Replace the first occurrence of `find`. */
  | { kind: 'edit'; path: string; find: string; replace: string }
  /** Move the line that starts with `line` to just before the line that starts with `before`. */
  | { kind: 'move-line'; line: string; before: string }
  /** Create or overwrite a file. */
  | { kind: 'write'; path: string; text: string }
  | { kind: 'delete'; path: string }
  /** Octal permission bits, e.g. "755". */
  | { kind: 'chmod'; path: string; mode: string }
  /** New modification time, same bytes. */
  | { kind: 'touch'; path: string }
  /** `--build-arg NAME=value`; null goes back to the ARG's default. */
  | { kind: 'build-arg'; name: string; value: string | null }
  | { kind: 'no-cache'; on: boolean }
  /** The registry now serves a new image under this reference. */
  | { kind: 'update-base'; image: string }
  /** `--target`; empty for the last stage. */
  | { kind: 'target'; stage: string }
  | { kind: 'builder'; builder: Builder };

/** A condition on the project that tells a task is done. */
export type LessonCheck =
  /** The file's text differs from what it was when the step began. */
  | { kind: 'changed'; path: string }
  /** The file holds (or, with `absent`, no longer holds) this text. */
  | { kind: 'contains'; path: string; text: string; absent?: boolean }
  /** In the Dockerfile, a line starting with `first` comes before a line starting with `then`. */
  | { kind: 'order'; first: string; then: string }
  | { kind: 'mode'; path: string; mode: string }
  /** Same bytes as at the start of the step, newer modification time. */
  | { kind: 'touched'; path: string }
  | { kind: 'exists'; path: string; present: boolean }
  | { kind: 'build-arg'; name: string; value: string | null }
  | { kind: 'no-cache'; on: boolean }
  /** Updated upstream at least once since the step began. */
  | { kind: 'base-updated'; image: string }
  | { kind: 'target'; stage: string }
  | { kind: 'builder'; builder: Builder };

/**
 * A claim about Docker and the recording that shows it: in build `build` of the
 * oracle scenario `scenario`, the steps the daemon printed had these cached flags.
 */
export interface Evidence {
  claim: string;
  scenario: string;
  /** The build's label in the recording. */
  build: string;
  /** Only this builder's recording; both recorded builders when omitted. */
  builder?: Builder;
  /** The daemon's build failed (e.g. the legacy builder refusing `RUN --mount`). */
  error?: boolean;
  steps?: EvidenceStep[];
}

export interface EvidenceStep {
  /** Text the daemon's step instruction starts with (whitespace folded). */
  daemon: string;
  /** The BuildKit stage label, where two stages print the same instruction. */
  stage?: string;
  cached: boolean;
  /**
   * The lesson's own step (instruction start) that must have the same status in
   * the lesson's build; `daemon` when omitted; false when the claim is about another project.
   */
  lesson?: string | false;
}
