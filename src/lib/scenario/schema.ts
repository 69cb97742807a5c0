/** The oracle's scenario and recording files (tests/oracle/FORMAT.md), validated before use. */
import * as v from 'valibot';
import { contextPath, describeIssues, LIMITS } from '../model/share/schema';
import type { Scenario } from '../engine/index';

const text = v.pipe(v.string(), v.maxLength(LIMITS.text));
const line = v.pipe(v.string(), v.maxLength(2000));
const path = v.union([v.literal('Dockerfile'), contextPath], 'a clean relative path');
const mode = v.pipe(v.string(), v.regex(/^[0-7]{3,4}$/, 'octal permission bits such as "755"'));
const variant = v.picklist(['1', '2', '3']);
const builder = v.picklist(['buildkit', 'legacy']);
const capped = <T extends v.GenericSchema>(schema: T, max: number) =>
  v.pipe(
    schema,
    v.check((r) => Object.keys(r as object).length <= max, `at most ${max} entries`)
  );

export const scenarioSchema = v.object({
  description: v.optional(text),
  files: capped(v.record(path, text), 500),
  modes: v.optional(capped(v.record(path, mode), 500)),
  images: v.optional(capped(v.record(line, variant), 50)),
  builders: v.optional(v.pipe(v.array(builder), v.maxLength(2))),
  builds: v.optional(
    v.pipe(
      v.array(
        v.object({
          label: v.optional(line),
          edit: v.optional(capped(v.record(path, v.nullable(text)), 500)),
          modes: v.optional(capped(v.record(path, mode), 500)),
          images: v.optional(capped(v.record(line, variant), 50)),
          args: v.optional(capped(v.record(line, line), 100)),
          target: v.optional(line),
          noCache: v.optional(v.boolean()),
          dockerfile: v.optional(path)
        })
      ),
      v.maxLength(100)
    )
  )
});

const recordedBuild = v.object({
  label: line,
  steps: v.pipe(
    v.array(
      v.object({
        stage: v.nullable(line),
        pos: v.number(),
        of: v.number(),
        instruction: text,
        cached: v.boolean()
      })
    ),
    v.maxLength(5000)
  ),
  error: v.optional(text)
});

export const recordingSchema = v.object({
  scenario: line,
  docker: v.optional(line),
  builders: v.object({
    buildkit: v.optional(v.pipe(v.array(recordedBuild), v.maxLength(100))),
    legacy: v.optional(v.pipe(v.array(recordedBuild), v.maxLength(100)))
  })
});

export type Recording = v.InferOutput<typeof recordingSchema>;
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

function parse<T>(schema: v.GenericSchema<unknown, T>, raw: string, what: string): Parsed<T> {
  if (raw.length > 20_000_000) return { ok: false, message: `This ${what} is larger than 20 MB.` };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (e) {
    return { ok: false, message: `This ${what} is not valid JSON (${(e as Error).message}).` };
  }
  const r = v.safeParse(schema, data);
  return r.success
    ? { ok: true, value: r.output }
    : { ok: false, message: `This is not a valid ${what}: ${describeIssues(r.issues)}.` };
}

export const parseScenario = (raw: string) => parse(scenarioSchema, raw, 'scenario') as Parsed<Scenario>;
export const parseRecording = (raw: string) => parse(recordingSchema, raw, 'recording');
