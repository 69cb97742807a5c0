/**
 * A lesson as an oracle scenario: one build for the setup (when prebuilt) and
 * one for each step that builds, with that step's solution applied. The lesson
 * tests check that tests/oracle/scenarios/lesson-ID.json is exactly this, so
 * its recording is what a real daemon did with the lesson as written.
 */
import type { Scenario } from '../engine/index';
import { scenarioFromBuilds, type BuildPoint } from './derive';
import { applyAction, setupWorld, stepBuilds } from '../model/lessons/actions';
import type { Lesson } from '../model/lessons/types';

/** The label of the setup's first build in a lesson scenario. */
export const SETUP_BUILD = 'setup: first build';

/**
 * The build points of a lesson, in order. A step that switches the builder ends
 * the sequence: a scenario records each builder from its own empty cache.
 */
export function lessonBuildPoints(lesson: Lesson): BuildPoint[] {
  let w = setupWorld(lesson);
  const builder = w.settings.builder;
  const points: BuildPoint[] = [];
  if (lesson.setup.prebuilt !== false) points.push({ label: SETUP_BUILD, world: w });
  let clock = 1;
  for (const step of lesson.steps) {
    for (const a of step.task?.actions ?? []) w = applyAction(w, a, clock++);
    if (w.settings.builder !== builder) break;
    if (stepBuilds(step)) points.push({ label: step.title, world: w });
  }
  return points;
}

export function lessonScenarioName(lesson: Lesson): string {
  return `lesson-${lesson.id}`;
}

export function lessonScenario(lesson: Lesson): Scenario {
  return scenarioFromBuilds(lessonBuildPoints(lesson), `Lesson “${lesson.title}”: ${lesson.summary}`, {
    both: true
  }).scenario;
}
