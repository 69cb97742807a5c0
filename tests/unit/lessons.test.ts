/**
 * Every lesson is walked through the real Session and LessonRunner (with the
 * engine inline), and everything it says about Docker is checked against what
 * a real daemon did:
 * - each step's task is detected once its solution is applied, and its build
 *   rebuilds exactly the lines the step claims;
 * - each claim's recording (tests/oracle/recordings, or tests/oracle/evidence for
 *   facts the engine does not model) shows the cached flags the claim states,
 *   and the lesson's own build shows the same for its matching step;
 * - the lesson's own scenario (lesson-ID.json) is exactly the lesson as written,
 *   and its recording agrees with every build the lesson showed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toRecordingSteps, type PredictedStep } from '../../src/lib/engine/index';
import type { BuildResult, Builder } from '../../src/lib/engine/types';
import { fold, stepBuilds } from '../../src/lib/model/lessons/actions';
import { LESSONS } from '../../src/lib/model/lessons/index';
import { lessonScenario, lessonScenarioName, SETUP_BUILD } from '../../src/lib/scenario/lesson-scenario';
import type { Evidence, Lesson } from '../../src/lib/model/lessons/types';
import { Session } from '../../src/lib/state/session.svelte';
import { inlineEngine } from '../../src/lib/worker/compute';
import type { Recording } from '../../src/lib/scenario/schema';

const oracle = join(import.meta.dirname, '..', 'oracle');

function recording(name: string): Recording {
  for (const dir of ['recordings', join('evidence', 'recordings')]) {
    const file = join(oracle, dir, `${name}.json`);
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Recording;
  }
  throw new Error(
    `No recording of the scenario ${name}: record it on a real daemon (tests/oracle/FORMAT.md).`
  );
}

const startsWith = (instruction: string, prefix: string) => fold(instruction).startsWith(fold(prefix));

/** What one lesson showed: each build's result, by the label its scenario gives it. */
interface Walk {
  builds: Map<string, { result: BuildResult; builder: Builder; step: number | null }>;
}

async function walk(lesson: Lesson): Promise<Walk> {
  let t = 1000;
  const session = new Session({ engine: inlineEngine(), now: () => (t += 7) });
  const runner = session.lessons;
  const builds: Walk['builds'] = new Map();
  let label = SETUP_BUILD;
  let step: number | null = null;
  session.daemon.onCommitted((result) => builds.set(label, { result, builder: result.builder, step }));
  await runner.begin(lesson, 0);
  expect(runner.index).toBe(0);
  for (const [i, s] of lesson.steps.entries()) {
    label = s.title;
    step = i;
    expect(runner.index, `${lesson.id}: step ${i + 1}`).toBe(i);
    if (s.task) {
      if (s.task.actions.length) {
        expect(runner.taskDone, `"${s.title}" is not done before its task`).toBe(false);
        runner.doTask();
        await session.prediction.settled();
      }
      expect(
        runner.checks.every((c) => c.met),
        `"${s.title}": its solution meets its checks`
      ).toBe(true);
    }
    if (stepBuilds(s)) {
      expect(runner.phase).toBe('ready');
      await runner.reveal();
      expect(runner.phase).toBe('revealed');
      const r = runner.progress!.revealed!;
      const rebuilt = r.steps.filter((x) => x.status === 'built').map((x) => x.line);
      expect(rebuilt, `"${s.title}" rebuilds the lines it claims`).toEqual(s.expect?.rebuilds ?? []);
      expect(!!r.error, `"${s.title}" fails as it claims`).toBe(!!s.expect?.fails);
      expect(runner.differs).toBe(false);
    }
    await runner.next();
  }
  expect(runner.phase).toBe('complete');
  return { builds };
}

function checkRecorded(e: Evidence): string[] {
  const problems: string[] = [];
  const rec = recording(e.scenario);
  const builders = e.builder ? [e.builder] : (Object.keys(rec.builders) as Builder[]);
  for (const b of builders) {
    const build = rec.builders[b]?.find((x) => x.label === e.build);
    if (!build) {
      problems.push(`${e.scenario} [${b}] has no build "${e.build}"`);
      continue;
    }
    if (e.error !== undefined && !!build.error !== e.error)
      problems.push(`${e.scenario} [${b}] "${e.build}": the daemon ${build.error ? 'failed' : 'succeeded'}`);
    for (const st of e.steps ?? []) {
      const found = build.steps.find(
        (x) => startsWith(x.instruction, st.daemon) && (st.stage === undefined || x.stage === st.stage)
      );
      if (!found) problems.push(`${e.scenario} [${b}] "${e.build}": no step starts with "${st.daemon}"`);
      else if (found.cached !== st.cached)
        problems.push(
          `${e.scenario} [${b}] "${e.build}": "${st.daemon}" was ${found.cached ? 'CACHED' : 'run'}`
        );
    }
  }
  return problems;
}

describe.each(LESSONS.map((l) => [l.id, l] as const))('lesson %s', (_id, lesson) => {
  const name = lessonScenarioName(lesson);

  it('has a scenario file that is exactly the lesson as written', () => {
    const file = join(oracle, 'scenarios', `${name}.json`);
    expect(existsSync(file), `run npm run lessons:scenarios and record ${name}`).toBe(true);
    expect(
      JSON.parse(readFileSync(file, 'utf8')),
      `run npm run lessons:scenarios and record ${name} again`
    ).toEqual(lessonScenario(lesson));
  });

  it('every claim is what the daemon recorded', () => {
    const claims = lesson.steps.flatMap((s) => s.evidence ?? []);
    expect(claims.length).toBeGreaterThan(0);
    for (const s of lesson.steps)
      if (s.task && stepBuilds(s)) expect(s.evidence?.length, s.title).toBeGreaterThan(0);
    expect(claims.flatMap(checkRecorded)).toEqual([]);
  });

  it('walks through, and each build agrees with the claims and with its recording', async () => {
    const { builds } = await walk(lesson);
    const problems: string[] = [];
    // The lesson's own step matching each claim has the status the daemon showed.
    for (const [i, s] of lesson.steps.entries()) {
      const shown = builds.get(s.title);
      for (const e of s.evidence ?? []) {
        if (!shown || (e.builder && e.builder !== shown.builder) || shown.step !== i) continue;
        for (const st of e.steps ?? []) {
          if (st.lesson === false) continue;
          const prefix = st.lesson ?? st.daemon;
          const mine = shown.result.steps.find(
            (x) => startsWith(x.instruction, prefix) && x.status !== 'skipped'
          );
          if (!mine) problems.push(`"${s.title}": the lesson has no step starting with "${prefix}"`);
          else if ((mine.status === 'cached') !== st.cached)
            problems.push(
              `"${s.title}": "${prefix}" is ${mine.status}, but the claim says ${st.cached ? 'cached' : 'runs'}`
            );
        }
      }
    }
    // Every build the lesson showed, step by step, is what the daemon did with the lesson's scenario.
    const rec = recording(name);
    for (const [label, shown] of builds) {
      const recorded = rec.builders[shown.builder]?.find((x) => x.label === label);
      if (!recorded) {
        if (shown.builder === (lesson.setup.builder ?? 'buildkit'))
          problems.push(`${name}: no recorded build "${label}"`);
        continue;
      }
      const mine = toRecordingSteps(shown.result).filter(
        (x: PredictedStep) => !/^FROM\s/i.test(x.instruction)
      );
      const theirs = recorded.steps.filter((x) => !/^FROM\s/i.test(x.instruction));
      const view = (xs: Array<{ instruction: string; cached: boolean }>) =>
        xs.map((x) => `${x.cached ? 'CACHED' : 'run'} ${fold(x.instruction)}`);
      if (view(mine).join('\n') !== view(theirs).join('\n'))
        problems.push(
          `${name} "${label}":\n  lesson: ${view(mine).join(' | ')}\n  daemon: ${view(theirs).join(' | ')}`
        );
      if (!!recorded.error !== !!shown.result.error)
        problems.push(`${name} "${label}": the daemon ${recorded.error ? 'failed' : 'succeeded'}`);
    }
    expect(problems).toEqual([]);
  });
});
