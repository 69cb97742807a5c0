/**
 * Done means the real daemon agrees on time. For every oracle recording that
 * kept the daemon's full output (ORACLE_KEEP_LOGS=1; the `timing-` scenarios,
 * whose RUN steps sleep so they take real time), BuildKit side:
 *
 * 1. calibrate from the FIRST build only: its `--progress=plain` log, plus its
 *    wall-clock time (what a user gets from `time docker build`), which
 *    calibrates the per-build overhead the log does not show;
 * 2. replay every build of the scenario with the engine, using that calibration;
 * 3. require each LATER build's predicted time (`totals.estimatedSeconds`) to be
 *    within 15% or 0.5 s (whichever is larger) of the daemon's measured time.
 *
 * "Measured time" is the recording's `wallSeconds`: how long the whole
 * `docker build` command took, the time a person waits. It includes what no
 * log shows (starting the client, the session), which is why the first
 * build's wall time is part of the calibration. Per step, every step the
 * daemon ran must be predicted to run, with the seconds the log printed for
 * it within the same tolerance, and every step it took from cache must be
 * predicted cached.
 *
 * The oracle daemon has no registry: an "updated upstream" base image is a
 * local re-tag (tests/oracle/FORMAT.md), so nothing is ever pulled and the
 * pull rate is 0 here. That is a property of the test environment, not a
 * calibrated figure.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calibrateFromLog, replayScenario, type Scenario } from '../../src/lib/engine/index';
import type { BuildContext, CostModel } from '../../src/lib/engine/index';

const root = join(import.meta.dirname, '..', 'oracle');

interface RecordedStep {
  stage: string | null;
  pos: number;
  of: number;
  instruction: string;
  cached: boolean;
  seconds?: number | null;
}
interface RecordedBuild {
  label: string;
  wallSeconds?: number;
  log?: string;
  steps: RecordedStep[];
}

function within(predicted: number, measured: number): boolean {
  return Math.abs(predicted - measured) <= Math.max(0.15 * measured, 0.5);
}

const timed = readdirSync(join(root, 'recordings'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({
    name: f.slice(0, -5),
    rec: JSON.parse(readFileSync(join(root, 'recordings', f), 'utf8')) as {
      builders: Record<string, RecordedBuild[]>;
    }
  }))
  .filter(({ rec }) => rec.builders.buildkit?.[0]?.log && rec.builders.buildkit[0].wallSeconds !== undefined);

function firstContext(s: Scenario): BuildContext {
  return { files: Object.fromEntries(Object.entries(s.files).map(([p, data]) => [p, { data }])) };
}

function predictWith(scenario: Scenario, costs: Partial<CostModel>) {
  return replayScenario(scenario, 'buildkit', { costs: { ...costs, pullPerMB: 0 } });
}

describe('predicted rebuild times against the real daemon (BuildKit)', () => {
  it('has timing recordings to check', () => {
    expect(timed.map((t) => t.name)).toEqual(
      expect.arrayContaining([
        'timing-pip-source-first',
        'timing-pip-deps-first',
        'timing-multistage-parallel'
      ])
    );
  });

  for (const { name, rec } of timed) {
    describe(name, () => {
      const scenario = JSON.parse(readFileSync(join(root, 'scenarios', `${name}.json`), 'utf8')) as Scenario;
      const builds = rec.builders.buildkit;
      const calibration = calibrateFromLog({
        dockerfile: scenario.files.Dockerfile,
        log: builds[0].log as string,
        builder: 'buildkit',
        context: firstContext(scenario),
        wallSeconds: builds[0].wallSeconds
      });
      const replay = predictWith(scenario, calibration.costs);

      it('the first log calibrates every step that ran and matches nothing wrongly', () => {
        expect(calibration.steps.filter((s) => s.status === 'unmatched')).toEqual([]);
        const ran = builds[0].steps.filter((s) => !s.cached && !s.instruction.startsWith('FROM '));
        expect(calibration.steps.filter((s) => s.status === 'calibrated')).toHaveLength(ran.length);
      });

      for (let i = 1; i < builds.length; i++) {
        const measured = builds[i];
        it(`build ${i + 1} (${measured.label}): predicted time within 15% or 0.5 s of the daemon's`, () => {
          const predicted = replay[i].result.totals.estimatedSeconds;
          expect({
            predicted,
            measured: measured.wallSeconds,
            within: within(predicted, measured.wallSeconds as number)
          }).toMatchObject({ within: true });
        });

        it(`build ${i + 1} (${measured.label}): each step the daemon ran is predicted to run as long`, () => {
          const steps = replay[i].result.steps.filter((s) => s.printed && s.label);
          for (const rs of measured.steps) {
            if (rs.instruction.startsWith('FROM ')) continue;
            const ps = steps.find((s) => s.label?.stage === rs.stage && s.label?.pos === rs.pos);
            expect(ps?.status, `${rs.instruction}`).toBe(rs.cached ? 'cached' : 'built');
            if (!rs.cached && typeof rs.seconds === 'number') {
              expect(
                within(ps?.estimatedSeconds ?? -1, rs.seconds),
                `${rs.instruction}: predicted ${ps?.estimatedSeconds}, measured ${rs.seconds}`
              ).toBe(true);
            }
          }
        });
      }
    });
  }

  it('the check can fail: with the uncalibrated defaults, predictions are far from the daemon', () => {
    let off = 0;
    for (const { name, rec } of timed) {
      const scenario = JSON.parse(readFileSync(join(root, 'scenarios', `${name}.json`), 'utf8')) as Scenario;
      const replay = predictWith(scenario, {});
      rec.builders.buildkit.forEach((b, i) => {
        if (i > 0 && !within(replay[i].result.totals.estimatedSeconds, b.wallSeconds as number)) off++;
      });
    }
    expect(off).toBeGreaterThan(5);
  });
});
