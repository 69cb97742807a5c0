/**
 * Structural validation of everything that arrives from outside: share links,
 * lesson files, scenario and recording files. Nothing from a link is trusted:
 * every field is typed and size-capped, every path checked, before any of it
 * reaches the Session or the engine.
 */
import * as v from 'valibot';
import { checkPath } from '../paths';

export const LIMITS = {
  files: 5000,
  text: 2_000_000,
  dockerfile: 1_000_000,
  name: 300,
  short: 5000,
  history: 30,
  steps: 100,
  records: 50_000
};

const digest = v.pipe(v.string(), v.regex(/^sha256:[0-9a-f]{64}$/, 'a sha256 digest'));
const int = (min = 0, max = Number.MAX_SAFE_INTEGER) =>
  v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
const short = v.pipe(v.string(), v.maxLength(LIMITS.short));
const name = v.pipe(v.string(), v.maxLength(LIMITS.name));
const text = v.pipe(v.string(), v.maxLength(LIMITS.text));

/** A context path as the tree accepts it: relative, no "..", no control characters, already clean. */
export const contextPath = v.pipe(
  v.string(),
  v.maxLength(1024),
  v.check((p) => {
    const c = checkPath(p);
    return 'path' in c && c.path === p && !['__proto__', 'constructor', 'prototype'].includes(p);
  }, 'a clean relative path inside the context')
);

const boundedRecord = <K extends v.GenericSchema<string, string>, V extends v.GenericSchema>(
  key: K,
  value: V,
  max: number
) =>
  v.pipe(
    v.record(key, value),
    v.check((r) => Object.keys(r).length <= max, `at most ${max} entries`)
  );

const builder = v.picklist(['buildkit', 'legacy']);
const status = v.picklist(['cached', 'built', 'skipped', 'failed']);

const facts = v.object({
  text: v.optional(text),
  env: v.optional(
    v.pipe(v.array(v.tuple([short, text, v.picklist(['arg', 'env', 'image'])])), v.maxLength(500))
  ),
  cwd: v.optional(short),
  user: v.optional(short),
  shell: v.optional(v.pipe(v.array(short), v.maxLength(50))),
  image: v.optional(v.object({ ref: short, digest })),
  sources: v.optional(
    v.pipe(
      v.array(
        v.object({
          label: short,
          root: digest,
          kind: v.picklist(['tree', 'file', 'none']),
          from: v.optional(short),
          file: v.optional(v.object({ digest, mode: int(0, 0o7777) }))
        })
      ),
      v.maxLength(500)
    )
  )
});

export const cacheSchema = v.object({
  version: v.literal(1),
  builds: int(),
  buildkit: v.object({
    records: boundedRecord(
      digest,
      v.object({
        parent: v.nullable(digest),
        keyword: name,
        line: int(),
        stage: int(),
        instruction: text,
        facts,
        build: int()
      }),
      LIMITS.records
    )
  }),
  legacy: v.object({
    images: v.pipe(
      v.array(
        v.object({
          id: digest,
          parent: digest,
          probe: digest,
          keyword: name,
          line: int(),
          stage: int(),
          facts,
          created: int()
        })
      ),
      v.maxLength(LIMITS.records)
    )
  }),
  images: boundedRecord(short, digest, 1000),
  heldImages: v.pipe(v.array(digest), v.maxLength(1000)),
  trees: boundedRecord(
    digest,
    v.object({
      entries: v.pipe(
        v.array(v.tuple([name, v.picklist(['f', 'd', 'l']), digest, int(0, 0o7777)])),
        v.maxLength(LIMITS.files)
      )
    }),
    LIMITS.records
  )
});

const seconds = v.pipe(v.number(), v.finite(), v.minValue(0));

const totals = v.object({
  steps: int(),
  built: int(),
  cached: int(),
  skipped: int(),
  failed: int(),
  estimatedSeconds: v.pipe(v.number(), v.finite()),
  fullSeconds: v.pipe(v.number(), v.finite()),
  firstMiss: v.nullable(short),
  // Links made before the time breakdown existed carry none: zeros read as "not known".
  time: v.optional(
    v.object({
      overhead: seconds,
      context: seconds,
      steps: seconds,
      stepsSum: seconds,
      export: seconds
    }),
    { overhead: 0, context: 0, steps: 0, stepsSum: 0, export: 0 }
  )
});

const historyEntry = v.object({
  serial: int(),
  at: v.pipe(v.number(), v.finite()),
  builder,
  target: v.nullable(short),
  totals,
  steps: v.pipe(
    v.array(
      v.object({
        id: short,
        stage: int(),
        stageName: v.nullable(short),
        line: int(),
        keyword: name,
        instruction: text,
        cacheKey: v.nullable(digest),
        status,
        facts: v.nullable(facts)
      })
    ),
    v.maxLength(LIMITS.records)
  ),
  files: v.nullable(boundedRecord(contextPath, digest, LIMITS.files)),
  args: boundedRecord(short, text, 200),
  input: v.optional(
    v.object({
      label: v.optional(short),
      dockerfile: digest,
      modes: boundedRecord(contextPath, int(0, 0o7777), LIMITS.files),
      mtimes: v.nullable(boundedRecord(contextPath, v.pipe(v.number(), v.finite()), LIMITS.files)),
      noCache: v.boolean(),
      target: short,
      upstream: boundedRecord(short, int(0, 1000), 200)
    })
  )
});

/** A file as a link carries it: text, or raw bytes in base64. */
export const sharedFile = v.object({
  text: v.optional(text),
  base64: v.optional(
    v.pipe(v.string(), v.maxLength(LIMITS.text), v.regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64'))
  ),
  mode: int(0, 0o7777),
  mtime: v.pipe(v.number(), v.finite()),
  dir: v.optional(v.boolean()),
  // A file of an opened folder whose bytes stayed on disk: only its digest and size travel.
  digest: v.optional(digest),
  size: v.optional(int()),
  digestOnly: v.optional(v.picklist(['binary', 'large', 'budget'])),
  unread: v.optional(v.boolean())
});

/** What a session remembers of a folder opened from disk (folder/project.ts ProjectInfo). */
export const projectSchema = v.object({
  name,
  via: v.picklist(['picker', 'drop', 'files']),
  read: int(),
  bytes: int(),
  text: int(),
  digestOnly: int(),
  excluded: int(),
  skippedDirs: int(),
  problems: v.pipe(
    v.array(v.object({ path: v.pipe(v.string(), v.maxLength(1024)), message: short })),
    v.maxLength(50)
  ),
  problemCount: int(),
  truncated: v.boolean(),
  dockerfiles: v.pipe(v.array(v.pipe(v.string(), v.maxLength(1024))), v.maxLength(200)),
  stashed: v.boolean()
});

/** Seconds set on steps and a calibration (model/timing-costs.ts TimingSettings), by step key. */
export const timingSchema = v.object({
  overrides: boundedRecord(short, seconds, 2000),
  calibration: v.nullable(
    v.object({
      format: v.picklist(['buildkit-plain', 'buildkit-tty', 'legacy', 'unknown']),
      builder,
      source: short,
      at: v.pipe(v.number(), v.finite()),
      byKey: boundedRecord(
        short,
        v.object({
          status: v.picklist(['calibrated', 'cached', 'no-duration', 'failed', 'unmatched']),
          seconds: v.nullable(seconds),
          label: short,
          note: short
        }),
        2000
      ),
      unmatched: v.pipe(v.array(v.object({ label: short, note: short })), v.maxLength(2000)),
      figures: v.object({
        buildOverhead: v.optional(seconds),
        resolveImage: v.optional(seconds),
        export: v.optional(seconds),
        pullPerMB: v.optional(seconds),
        contextPerMB: v.optional(seconds)
      }),
      notes: v.pipe(v.array(short), v.maxLength(100))
    })
  )
});

/** The compare view's setup (compare/setup.ts); the day is checked again by normalizeDay. */
export const compareSchema = v.object({
  source: v.picklist(['session', 'seed']),
  a: v.nullable(v.pipe(v.string(), v.maxLength(LIMITS.dockerfile))),
  b: v.nullable(v.pipe(v.string(), v.maxLength(LIMITS.dockerfile))),
  day: v.nullable(
    v.pipe(
      v.unknown(),
      v.check((d) => JSON.stringify(d ?? null).length <= 200_000, 'a day of reasonable size')
    )
  )
});

export const settingsSchema = v.object({
  builder,
  target: short,
  noCache: v.boolean(),
  upstream: boundedRecord(short, int(0, 1000), 200),
  theme: v.picklist(['system', 'light', 'dark'])
});

export const revealedSchema = v.object({
  steps: v.pipe(
    v.array(v.object({ id: short, line: int(), stage: int(), instruction: text, status })),
    v.maxLength(LIMITS.records)
  ),
  error: v.nullable(text),
  seconds: v.pipe(v.number(), v.finite()),
  fullSeconds: v.pipe(v.number(), v.finite())
});

export { historyEntry as historyEntrySchema, facts as factsSchema, digest as digestSchema };

/** Turns validation issues into a few lines a person can act on: "files.app.py.mode: expected a number". */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[], max = 4): string {
  const lines = issues.slice(0, max).map((i) => {
    const path = (i.path ?? []).map((p) => String(p.key)).join('.');
    return `${path ? `${path}: ` : ''}${i.message}`;
  });
  const more = issues.length - lines.length;
  return lines.join('; ') + (more > 0 ? `; and ${more} more problem${more === 1 ? '' : 's'}` : '');
}
