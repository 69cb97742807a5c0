/**
 * Writes tests/oracle/scenarios/lesson-ID.json for every built-in lesson
 * (npm run lessons:scenarios). Re-record the ones that changed on a real daemon:
 *   node ../shared/oracle/record.mjs --out tests/oracle/recordings tests/oracle/scenarios/lesson-ID.json
 * The lesson tests fail while a scenario file differs from its lesson.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LESSONS } from '../src/lib/model/lessons/index';
import { lessonScenario, lessonScenarioName } from '../src/lib/scenario/lesson-scenario';

const dir = join(import.meta.dirname, '..', 'tests', 'oracle', 'scenarios');
for (const lesson of LESSONS) {
  const file = join(dir, `${lessonScenarioName(lesson)}.json`);
  const text = JSON.stringify(lessonScenario(lesson), null, 2) + '\n';
  let old = '';
  try {
    old = readFileSync(file, 'utf8');
  } catch {
    // A new lesson.
  }
  if (old === text) continue;
  writeFileSync(file, text);
  console.log(`wrote ${file}: record it again`);
}
