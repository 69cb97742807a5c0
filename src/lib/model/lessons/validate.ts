/**
 * Reads a lesson file (docs/lessons.md): checks its shape, then walks its steps
 * the way the page will, so a teacher learns "step 3: the text “Helo” is not in
 * app.py" before a class does.
 */
import * as v from 'valibot';
import { describeIssues, contextPath, LIMITS } from '../share/schema';
import { applyAction, checkMet, checksOf, describeCheck, setupWorld, textIn, type World } from './actions';
import type { Lesson } from './types';

const line = v.pipe(v.string(), v.maxLength(2000));
const prose = v.pipe(v.string(), v.maxLength(20_000));
const text = v.pipe(v.string(), v.maxLength(LIMITS.text));
const mode = v.pipe(v.string(), v.regex(/^[0-7]{3,4}$/, 'octal permission bits such as "755"'));
const path = v.union([v.literal('Dockerfile'), contextPath], 'a path in the context, or "Dockerfile"');
const builder = v.picklist(['buildkit', 'legacy']);

const action = v.variant('kind', [
  v.object({ kind: v.literal('edit'), path, find: v.pipe(line, v.minLength(1)), replace: text }),
  v.object({ kind: v.literal('move-line'), line, before: line }),
  v.object({ kind: v.literal('write'), path, text }),
  v.object({ kind: v.literal('delete'), path: contextPath }),
  v.object({ kind: v.literal('chmod'), path: contextPath, mode }),
  v.object({ kind: v.literal('touch'), path: contextPath }),
  v.object({ kind: v.literal('build-arg'), name: line, value: v.nullable(line) }),
  v.object({ kind: v.literal('no-cache'), on: v.boolean() }),
  v.object({ kind: v.literal('update-base'), image: line }),
  v.object({ kind: v.literal('target'), stage: line }),
  v.object({ kind: v.literal('builder'), builder })
]);

const check = v.variant('kind', [
  v.object({ kind: v.literal('changed'), path }),
  v.object({ kind: v.literal('contains'), path, text: line, absent: v.optional(v.boolean()) }),
  v.object({ kind: v.literal('order'), first: line, then: line }),
  v.object({ kind: v.literal('mode'), path: contextPath, mode }),
  v.object({ kind: v.literal('touched'), path: contextPath }),
  v.object({ kind: v.literal('exists'), path, present: v.boolean() }),
  v.object({ kind: v.literal('build-arg'), name: line, value: v.nullable(line) }),
  v.object({ kind: v.literal('no-cache'), on: v.boolean() }),
  v.object({ kind: v.literal('base-updated'), image: line }),
  v.object({ kind: v.literal('target'), stage: line }),
  v.object({ kind: v.literal('builder'), builder })
]);

const evidence = v.object({
  claim: prose,
  scenario: line,
  build: line,
  builder: v.optional(builder),
  error: v.optional(v.boolean()),
  steps: v.optional(
    v.pipe(
      v.array(
        v.object({
          daemon: line,
          stage: v.optional(line),
          cached: v.boolean(),
          lesson: v.optional(v.union([line, v.literal(false)]))
        })
      ),
      v.maxLength(50)
    )
  )
});

export const lessonSchema = v.object({
  id: v.pipe(
    v.string(),
    v.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lowercase words joined by dashes'),
    v.maxLength(60)
  ),
  title: v.pipe(line, v.minLength(1)),
  summary: prose,
  setup: v.object({
    dockerfile: v.pipe(v.string(), v.maxLength(LIMITS.dockerfile)),
    files: v.pipe(
      v.record(contextPath, text),
      v.check((r) => Object.keys(r).length <= 500, 'at most 500 files')
    ),
    modes: v.optional(v.record(contextPath, mode)),
    buildArgs: v.optional(v.record(line, line)),
    builder: v.optional(builder),
    prebuilt: v.optional(v.boolean())
  }),
  steps: v.pipe(
    v.array(
      v.object({
        title: v.pipe(line, v.minLength(1)),
        say: prose,
        task: v.optional(
          v.object({
            text: prose,
            actions: v.pipe(v.array(action), v.maxLength(50)),
            checks: v.optional(v.pipe(v.array(check), v.maxLength(50))),
            build: v.optional(v.boolean())
          })
        ),
        expect: v.optional(
          v.object({
            rebuilds: v.pipe(v.array(v.pipe(v.number(), v.integer())), v.maxLength(500)),
            fails: v.optional(v.boolean())
          })
        ),
        explain: prose,
        evidence: v.optional(v.pipe(v.array(evidence), v.maxLength(50)))
      })
    ),
    v.minLength(1, 'at least one step'),
    v.maxLength(LIMITS.steps)
  )
});

export type LessonResult = { ok: true; lesson: Lesson } | { ok: false; message: string };

/** Validates parsed JSON as a lesson: its shape first, then whether every step's solution does its task. */
export function validateLesson(data: unknown): LessonResult {
  const parsed = v.safeParse(lessonSchema, data);
  if (!parsed.success)
    return { ok: false, message: `This is not a valid lesson: ${describeIssues(parsed.issues)}.` };
  const lesson = parsed.output as Lesson;
  let w: World = setupWorld(lesson);
  for (const [i, step] of lesson.steps.entries()) {
    const where = `Step ${i + 1} (“${step.title}”)`;
    if (!step.task) continue;
    const start = w;
    const ctx = () => ({
      now: w,
      start,
      startMtimes: mtimes(start),
      startUpstream: { ...start.settings.upstream }
    });
    const checks = checksOf(step.task);
    if (step.task.actions.length && checks.length && checks.every((c) => checkMet(c, ctx())))
      return {
        ok: false,
        message: `${where}: its task is already done when the step begins. Give it checks that tell the change apart.`
      };
    for (const [j, a] of step.task.actions.entries()) {
      if (a.kind === 'edit' && !(textIn(w.ws, a.path) ?? '').includes(a.find))
        return {
          ok: false,
          message: `${where}, action ${j + 1}: the text “${a.find}” is not in ${a.path} at this point.`
        };
      const before = w;
      w = applyAction(w, a, i + 1);
      if (w === before && a.kind !== 'edit')
        return {
          ok: false,
          message: `${where}, action ${j + 1} (${a.kind}) changes nothing: is the line or path right?`
        };
    }
    const unmet = checks.filter((c) => !checkMet(c, ctx()));
    if (unmet.length)
      return {
        ok: false,
        message: `${where}: its actions do not complete its task (“${describeCheck(unmet[0])}” is not met).`
      };
  }
  return { ok: true, lesson };
}

function mtimes(w: World): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [p, f] of Object.entries(w.ws.files)) out[p] = f.mtime;
  return out;
}

/** Parses and validates the text of a lesson file. */
export function parseLessonFile(text: string): LessonResult {
  if (text.length > 5_000_000) return { ok: false, message: 'This lesson file is larger than 5 MB.' };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `This lesson file is not valid JSON (${(e as Error).message}).` };
  }
  return validateLesson(data);
}
