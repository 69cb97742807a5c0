import { describe, expect, it } from 'vitest';
import { calibrateFromLog } from './calibrate';
import { compareOrders } from './compare';
import { simulateDay } from './simulate-day';
import type { Day } from './day';
import { seedPair } from './seed';

describe('the seed pair, out of the box', () => {
  const seed = seedPair();
  const c = compareOrders({ a: seed.a, b: seed.b, context: seed.context, day: seed.day });
  const source = c.byKind.find((k) => k.kind === 'source');

  it('a source edit costs about 2 s with dependencies first and about 45 s with them after, ~20x', () => {
    expect(source?.builds).toBe(10);
    expect(source?.a).toBeGreaterThanOrEqual(1.5);
    expect(source?.a).toBeLessThanOrEqual(2.5);
    expect(source?.b).toBeGreaterThanOrEqual(43);
    expect(source?.b).toBeLessThanOrEqual(48);
    expect(source?.faster).toBe('a');
    expect(source?.ratio ?? 0).toBeGreaterThanOrEqual(18);
  });

  it('a dependency change and a base-image update cost both orders the same install', () => {
    const dep = c.byKind.find((k) => k.kind === 'dependency');
    const baseImage = c.byKind.find((k) => k.kind === 'base-image');
    expect(Math.abs((dep?.a ?? 0) - (dep?.b ?? 0))).toBeLessThan(1);
    expect(baseImage?.a).toBeGreaterThan(45);
  });

  it('says which step differs in a source edit: only B reinstalls', () => {
    const first = c.builds[0];
    expect(first.changed).toEqual(['app.py']);
    expect(first.differing.map((d) => [d.instruction, d.a?.status ?? null, d.b?.status ?? null])).toEqual([
      ['COPY requirements.txt .', 'cached', null],
      ['RUN pip install --no-cache-dir -r requirements.txt', 'cached', 'built']
    ]);
  });

  it('adds up: cumulative times end at the totals', () => {
    const last = c.builds[c.builds.length - 1];
    expect(last.cumulativeA).toBe(c.totals.a);
    expect(last.cumulativeB).toBe(c.totals.b);
    expect(c.totals.saving).toBeLessThan(0);
  });
});

describe('simulating a day', () => {
  const seed = seedPair();

  it('starts warm: the warm-up builds everything, the first typo fix does not', () => {
    const sim = simulateDay({ dockerfile: seed.b, context: seed.context, day: seed.day });
    expect(sim.warmup.built).toBe(4);
    expect(sim.builds[0].steps.filter((s) => s.status === 'built').map((s) => s.instruction)).toEqual([
      'COPY . .',
      'RUN pip install --no-cache-dir -r requirements.txt'
    ]);
  });

  it('is deterministic', () => {
    const day: Day = { version: 1, builds: [{ edits: [{ kind: 'source' }], repeat: 3 }] };
    expect(simulateDay({ dockerfile: seed.a, context: seed.context, day })).toEqual(
      simulateDay({ dockerfile: seed.a, context: seed.context, day })
    );
  });

  it('an ignored file edited changes nothing', () => {
    const day: Day = {
      version: 1,
      builds: [{ edits: [{ kind: 'file', path: '__pycache__/x.pyc', data: 'x' }] }]
    };
    const sim = simulateDay({ dockerfile: seed.b, context: seed.context, day });
    expect(sim.builds[0].built).toBe(0);
  });
});

describe('calibrated figures carry over to the other order', () => {
  it('a step measured in A costs the same in B, where it sits on another line', () => {
    const seed = seedPair();
    const log = ['#7 [4/5] RUN pip install --no-cache-dir -r requirements.txt', '#7 DONE 80.0s'].join('\n');
    const cal = calibrateFromLog({ dockerfile: seed.a, log, context: seed.context });
    expect(cal.costs.lines).toEqual({ 4: 80 });
    const c = compareOrders({
      a: seed.a,
      b: seed.b,
      context: seed.context,
      day: { version: 1, builds: [{ edits: [{ kind: 'source' }] }] },
      costs: cal.costs
    });
    const pip = c.b.builds[0].steps.find((s) => s.instruction.startsWith('RUN pip'));
    expect(pip?.line).toBe(4);
    expect(pip?.seconds).toBe(80);
  });
});
