/**
 * A "day": the sequence of edits between builds that rebuild times are
 * compared on (e.g. 10 source edits, 1 dependency change, 1 base-image
 * update). Plain JSON, so a session can save it and a user can edit it.
 * This file holds the format, the default day and the reading of saved days;
 * day-edits.ts makes a day concrete for one project, and day-files.ts says
 * which files its abstract edits pick.
 */

/**
 * One change made before a build; `source`, `dependency` and `base-image` are
 * abstract (day-edits.ts and day-files.ts pick what they change).
 */
export type DayEdit =
  /** Change one source file (`path`, or the next one the rule picks). */
  | { kind: 'source'; path?: string }
  /** Change one ecosystem's manifests (the one holding `path`, or the next one found). */
  | { kind: 'dependency'; path?: string }
  /** The base images (or `ref` only) are updated upstream. */
  | { kind: 'base-image'; ref?: string }
  /** Pass a new value for a build arg from this build on. */
  | { kind: 'build-arg'; name: string; value: string }
  /** Write (or with `data: null`, delete) a file. */
  | { kind: 'file'; path: string; data: string | null };

/** One build of a saved day and the edits made before it. */
export interface DayBuild {
  /** What the build is called in tables (default: its edits in words). */
  label?: string;
  edits: DayEdit[];
  /** This build, with the same edits made afresh, this many times (default 1). */
  repeat?: number;
}

/** A day as saved: JSON, version 1. */
export interface Day {
  version: 1;
  /** What the day is called (`10 source edits, ...`), when it has a name. */
  label?: string;
  /**
   * Build args every build passes. `{n}` in a value becomes the build's number
   * (1, 2, ...; the warm-up build before the day is 0), as CI passes a new commit
   * SHA each time.
   */
  buildArgs?: Record<string, string>;
  builds: DayBuild[];
}

/** The default day: 10 source edits, one dependency change halfway, one base-image update at the end. */
export function defaultDay(opts: { dockerfiles?: string[] } = {}): Day {
  const day: Day = {
    version: 1,
    label: '10 source edits, 1 dependency change, 1 base-image update',
    builds: [
      { label: 'source edit', edits: [{ kind: 'source' }], repeat: 5 },
      { label: 'dependency change', edits: [{ kind: 'dependency' }] },
      { label: 'source edit', edits: [{ kind: 'source' }], repeat: 5 },
      { label: 'base-image update', edits: [{ kind: 'base-image' }] }
    ]
  };
  const volatile = volatileArgs(opts.dockerfiles ?? []);
  if (volatile.length) day.buildArgs = Object.fromEntries(volatile.map((a) => [a, `${a.toLowerCase()}-{n}`]));
  return day;
}

/**
 * ARGs that CI typically passes a new value for on every build (commit SHA,
 * build number, date): a judgement by name, so the default day shows what they cost.
 */
export function volatileArgs(dockerfiles: string[]): string[] {
  const names = new Set<string>();
  for (const text of dockerfiles) {
    for (const m of text.matchAll(/^\s*ARG\s+([^\n]+)/gim)) {
      for (const w of m[1].trim().split(/\s+/)) {
        const name = w.split('=')[0];
        if (
          /(^|_)(SHA|COMMIT|REVISION|REF)$|^BUILD_(DATE|TIME|ID|NUMBER|TIMESTAMP)$|^(SOURCE_DATE_EPOCH|CACHEBUST|CACHE_BUST|TIMESTAMP)$/i.test(
            name
          )
        )
          names.add(name);
      }
    }
  }
  return [...names].sort();
}

/** The most builds a day may have. */
export const MAX_DAY_BUILDS = 100;

/** Any value (a saved session, a hand-edited file) as a usable day; what cannot be read is dropped. */
export function normalizeDay(value: unknown): Day {
  const v = value as Partial<Day> | null;
  if (!v || typeof v !== 'object' || !Array.isArray(v.builds)) return defaultDay();
  const builds: DayBuild[] = [];
  let total = 0;
  for (const b of v.builds) {
    if (!b || typeof b !== 'object' || !Array.isArray(b.edits)) continue;
    const edits = b.edits.filter(validEdit);
    // A day is a day: at most MAX_DAY_BUILDS builds, so a simulation stays interactive.
    const repeat = Math.min(
      MAX_DAY_BUILDS - total,
      typeof b.repeat === 'number' && b.repeat >= 1 ? Math.floor(b.repeat) : 1
    );
    if (repeat <= 0) break;
    total += repeat;
    builds.push({
      ...(typeof b.label === 'string' ? { label: b.label } : {}),
      edits,
      ...(repeat > 1 ? { repeat } : {})
    });
  }
  const args: Record<string, string> = {};
  for (const [k, val] of Object.entries(v.buildArgs ?? {})) if (typeof val === 'string') args[k] = val;
  return {
    version: 1,
    ...(typeof v.label === 'string' ? { label: v.label } : {}),
    ...(Object.keys(args).length ? { buildArgs: args } : {}),
    builds
  };
}

function validEdit(e: unknown): e is DayEdit {
  const x = e as Record<string, unknown> | null;
  if (!x || typeof x !== 'object') return false;
  const optString = (k: string) => x[k] === undefined || typeof x[k] === 'string';
  switch (x.kind) {
    case 'source':
    case 'dependency':
      return optString('path');
    case 'base-image':
      return optString('ref');
    case 'build-arg':
      return typeof x.name === 'string' && typeof x.value === 'string';
    case 'file':
      return typeof x.path === 'string' && (typeof x.data === 'string' || x.data === null);
    default:
      return false;
  }
}
