/**
 * Fidelity: every recorded oracle scenario, both builders, must agree with the
 * real daemon on every step (FROM steps aside, as the oracle's compare.mjs does).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { predictScenario, type PredictedBuild, type Scenario } from '../../src/lib/engine/index';
import type { Recording } from '../../src/lib/scenario/schema';

const dir = join(import.meta.dirname, '..', 'oracle');
const names = readdirSync(join(dir, 'recordings'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''))
  .sort();

type RecordedBuild = NonNullable<Recording['builders']['buildkit']>[number];

const fold = (s: string) => s.replace(/\s+/g, ' ').trim();
const key = (s: { stage: string | null; instruction: string }) => `${s.stage ?? ''}|${fold(s.instruction)}`;
const compared = <T extends { instruction: string }>(steps: T[]) =>
  steps.filter((s) => !/^FROM\s/i.test(s.instruction));

/** The same scoring as the oracle's compare.mjs, with messages that name every disagreement. */
function disagreements(name: string, recorded: RecordedBuild[], predicted: PredictedBuild[]): string[] {
  const out: string[] = [];
  recorded.forEach((rb, i) => {
    const pb = predicted[i];
    const where = `${name}, build ${i + 1} (${rb.label})`;
    if (!pb) return void out.push(`${where}: not predicted`);
    if (Boolean(rb.error) !== Boolean(pb.error)) {
      out.push(
        `${where}: daemon ${rb.error ? 'failed' : 'succeeded'}, engine ${pb.error ? `failed (${pb.error})` : 'succeeded'}`
      );
    }
    const pool = new Map<string, PredictedBuild['steps']>();
    for (const s of compared(pb.steps)) pool.set(key(s), [...(pool.get(key(s)) ?? []), s]);
    for (const s of compared(rb.steps)) {
      const m = pool.get(key(s))?.shift();
      if (!m)
        out.push(
          `${where}: step "${key(s)}" missing from the prediction (daemon: ${s.cached ? 'CACHED' : 'ran'})`
        );
      else if (m.cached !== s.cached)
        out.push(
          `${where}: step "${key(s)}": daemon ${s.cached ? 'CACHED' : 'ran'}, engine ${m.cached ? 'CACHED' : 'ran'}`
        );
    }
    for (const rest of pool.values())
      for (const s of rest)
        out.push(`${where}: step "${key(s)}" predicted but the daemon showed no such step`);
  });
  if (predicted.length > recorded.length)
    out.push(`${name}: ${predicted.length - recorded.length} more builds predicted than recorded`);
  return out;
}

describe('agreement with the real daemon (tests/oracle)', () => {
  it('has recordings to check', () => {
    expect(names.length).toBeGreaterThanOrEqual(49);
  });
  for (const name of names) {
    const scenario = JSON.parse(readFileSync(join(dir, 'scenarios', `${name}.json`), 'utf8')) as Scenario;
    const recording = JSON.parse(readFileSync(join(dir, 'recordings', `${name}.json`), 'utf8')) as Recording;
    for (const builder of ['buildkit', 'legacy'] as const) {
      const recorded = recording.builders[builder];
      if (!recorded) continue;
      it(`${name} [${builder}]`, () => {
        expect(disagreements(name, recorded, predictScenario(scenario, builder).builds)).toEqual([]);
      });
    }
  }
});
