/** A built-in example: a Dockerfile, its context and edits that teach something. */

/** One change a person can make with a click; the example tests replay the same ones. */
export type ExampleEdit =
  /** Replace the first occurrence of `find` in a file (`Dockerfile` is the Dockerfile). */
  | { kind: 'edit'; path: string; find: string; replace: string }
  /** Move the line holding `line` to just before the line holding `before`. */
  | { kind: 'move-line'; line: string; before: string }
  | { kind: 'chmod'; path: string; mode: number }
  | { kind: 'touch'; path: string }
  | { kind: 'build-arg'; name: string; value: string };

export interface ExampleTry {
  label: string;
  edits: ExampleEdit[];
  /** First lines of the steps that rebuild afterwards, in file order: the claim the tests check. */
  rebuilds: number[];
  /** Bounds of the estimated rebuild time, seconds. */
  seconds?: [number, number];
  /** What to notice, in a sentence. */
  lesson: string;
}

export interface Example {
  slug: string;
  title: string;
  /** One or two sentences: what the example shows. */
  summary: string;
  dockerfile: string;
  /** The build context (text files), `.dockerignore` included. */
  files: Record<string, string>;
  /** Unix modes for files that are not 0644. */
  modes?: Record<string, number>;
  tries: ExampleTry[];
}
