import { describe, expect, it } from 'vitest';
import { layersAndCache } from './builtin/layers-and-cache';
import { LESSONS } from './index';
import { parseLessonFile, validateLesson } from './validate';

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));

describe('lesson files', () => {
  it.each(LESSONS.map((l) => [l.id, l] as const))(
    'the built-in lesson %s is a valid lesson file',
    (_id, l) => {
      const r = parseLessonFile(JSON.stringify(l));
      expect(r.ok ? 'ok' : r.message).toBe('ok');
      if (r.ok) expect(r.lesson).toEqual(l);
    }
  );

  it('names the field that is wrong', () => {
    const l = clone(layersAndCache) as unknown as {
      steps: Array<{ task: { actions: Array<{ kind: string }> } }>;
    };
    l.steps[2].task.actions[0].kind = 'explode';
    const r = validateLesson(l);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^This is not a valid lesson: steps\.2\.task\.actions\.0\.kind/);
  });

  it('says when a step’s solution does not fit the project', () => {
    const l = clone(layersAndCache);
    l.steps[2].task!.actions = [{ kind: 'edit', path: 'app.py', find: 'Bonjour', replace: 'Hello' }];
    const r = validateLesson(l);
    expect(r.ok ? '' : r.message).toBe(
      'Step 3 (“Change the source”), action 1: the text “Bonjour” is not in app.py at this point.'
    );
  });

  it('says when a task is done before it starts, or not done by its solution', () => {
    const l = clone(layersAndCache);
    l.steps[2].task!.checks = [{ kind: 'contains', path: 'app.py', text: 'Flask' }];
    expect(validateLesson(l)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Step 3 .*already done/)
    });
    l.steps[2].task!.checks = [{ kind: 'contains', path: 'app.py', text: 'Bonjour' }];
    expect(validateLesson(l)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Step 3 .*do not complete its task/)
    });
  });

  it('refuses paths outside the context, bad JSON and odd ids', () => {
    const l = clone(layersAndCache);
    l.setup.files = { '../secret': 'x' };
    expect(validateLesson(l).ok).toBe(false);
    expect(parseLessonFile('{').ok).toBe(false);
    expect(validateLesson({ ...clone(layersAndCache), id: 'Not An Id' }).ok).toBe(false);
  });
});
