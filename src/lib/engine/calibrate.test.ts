import { describe, expect, it } from 'vitest';
import { build } from './build';
import { calibrateFromLog } from './calibrate';
import { renderProgress } from './progress';
import type { BuildContext } from './types';

const dockerfile = [
  'FROM python:3.12-slim',
  'ARG FLASK=3.0.3',
  'WORKDIR /app',
  'COPY requirements.txt .',
  'RUN pip install flask==$FLASK -r requirements.txt',
  'COPY . .',
  'RUN python -m compileall -q .',
  'CMD ["python", "app.py"]'
].join('\n');

const context: BuildContext = {
  files: { 'requirements.txt': { data: 'requests\n' }, 'app.py': { data: 'print(1)\n' } }
};

const log = `
#1 [internal] load build definition from Dockerfile
#1 DONE 0.1s
#2 [internal] load .dockerignore
#2 DONE 0.1s
#3 [internal] load metadata for docker.io/library/python:3.12-slim
#3 DONE 0.7s
#4 [1/6] FROM docker.io/library/python:3.12-slim
#4 DONE 0.0s
#5 [2/6] WORKDIR /app
#5 CACHED
#6 [3/6] COPY requirements.txt .
#6 DONE 0.1s
#7 [4/6] RUN pip install flask==3.0.3 -r requirements.txt
#7 DONE 31.4s
#8 [5/6] COPY . .
#8 DONE 0.2s
#9 [6/6] RUN python -m compileall -q .
#9 DONE 1.3s
#10 exporting to image
#10 DONE 0.6s
`;

describe('calibrating from a BuildKit log', () => {
  const c = calibrateFromLog({ dockerfile, log, context });

  it('matches every step by position and text, variables expanded', () => {
    expect(c.format).toBe('buildkit-plain');
    expect(c.steps.map((s) => [s.line, s.status])).toEqual([
      [1, 'no-duration'],
      [3, 'cached'],
      [4, 'calibrated'],
      [5, 'calibrated'],
      [6, 'calibrated'],
      [7, 'calibrated']
    ]);
    expect(c.steps[3].note).toBe('matched by position and text');
  });

  it('turns measured seconds into per-line and per-instruction overrides', () => {
    expect(c.costs.lines).toEqual({ 4: 0.1, 5: 31.4, 6: 0.2, 7: 1.3 });
    expect(c.costs.instructions?.['RUN pip install flask==$FLASK -r requirements.txt']).toBe(31.4);
    expect(c.uncalibratedLines).toEqual([1, 3]);
  });

  it('calibrates the per-build figures from the daemon own vertices', () => {
    expect(c.costs.buildOverhead).toBe(0.2);
    expect(c.costs.resolveImage).toBe(0.7);
    expect(c.costs.export).toBe(0.6);
  });

  it('says why a FROM that pulled nothing teaches nothing about pulls', () => {
    expect(c.steps[0].note).toMatch(/already there/);
    expect(c.costs.pullPerMB).toBeUndefined();
  });

  it('a build with the calibration predicts what the log measured', () => {
    const r = build({ dockerfile, context, costs: c.costs });
    const run = r.steps.find((s) => s.range.line === 5);
    expect(run?.fullSeconds).toBe(31.4);
    expect(run?.estimateBasis).toMatch(/^31.4 s measured in your build log/);
  });

  it('adds the time outside the vertices to the per-build overhead when the wall-clock time is known', () => {
    // 0.2 overhead + 0.7 resolve + (0 + 0.1 + 31.4 + 0.2 + 1.3) steps + 0.6 export = 34.5
    const w = calibrateFromLog({
      dockerfile,
      log: log.replace('#5 CACHED', '#5 DONE 0.0s'),
      context,
      wallSeconds: 35.4
    });
    expect(w.costs.buildOverhead).toBe(1.1);
  });

  it('cannot use the wall-clock time of a build that took steps from cache', () => {
    const w = calibrateFromLog({ dockerfile, log, context, wallSeconds: 40 });
    expect(w.costs.buildOverhead).toBe(0.2);
    expect(w.notes.join(' ')).toMatch(/cannot calibrate the per-build overhead/);
  });
});

describe('matching when the Dockerfile changed since the log', () => {
  it('finds a moved instruction by its text alone', () => {
    const edited = dockerfile.replace('WORKDIR /app', 'WORKDIR /app\nRUN useradd app');
    const c = calibrateFromLog({ dockerfile: edited, log, context });
    const pip = c.steps.find((s) => s.label.includes('pip install'));
    expect(pip?.line).toBe(6);
    expect(pip?.note).toMatch(/position differs/);
    expect(c.costs.lines?.[6]).toBe(31.4);
  });

  it('reports a step no instruction reads like', () => {
    const c = calibrateFromLog({
      dockerfile: dockerfile.replace('RUN python -m compileall -q .', 'RUN pytest'),
      log,
      context
    });
    const gone = c.steps.find((s) => s.label.includes('compileall'));
    expect(gone?.status).toBe('unmatched');
    expect(gone?.line).toBeNull();
    expect(c.uncalibratedLines).toContain(7);
  });

  it('matches without a context, by the written text with variables as wildcards', () => {
    const c = calibrateFromLog({ dockerfile, log });
    expect(c.costs.lines?.[5]).toBe(31.4);
  });
});

describe('calibrating from a legacy log', () => {
  const legacyLog = (stamp: (i: number) => string) =>
    [
      'Sending build context to Docker daemon  4.096kB',
      'Step 1/8 : FROM python:3.12-slim',
      ' ---> 4f847c0b3aca',
      'Step 2/8 : ARG FLASK=3.0.3',
      ' ---> Using cache',
      'Step 3/8 : WORKDIR /app',
      ' ---> Using cache',
      'Step 4/8 : COPY requirements.txt .',
      ' ---> 1',
      'Step 5/8 : RUN pip install flask==$FLASK -r requirements.txt',
      ' ---> Running in 2',
      'Step 6/8 : COPY . .',
      'Step 7/8 : RUN python -m compileall -q .',
      'Step 8/8 : CMD ["python", "app.py"]',
      'Successfully built 3'
    ]
      .map((l, i) => stamp(i) + l)
      .join('\n');

  it('without timestamps matches steps but measures nothing, and says so', () => {
    const c = calibrateFromLog({ dockerfile, log: legacyLog(() => ''), context });
    expect(c.builder).toBe('legacy');
    expect(c.steps.filter((s) => s.status === 'calibrated')).toEqual([]);
    expect(c.steps.map((s) => s.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(c.notes.join(' ')).toMatch(/prints no durations/);
  });

  it('with timestamps measures each step until the next one', () => {
    const at = [0, 0.2, 0.2, 0.3, 0.3, 0.4, 0.4, 0.4, 0.5, 0.9, 1.0, 30.9, 31.2, 33.2, 33.6];
    const c = calibrateFromLog({
      dockerfile,
      log: legacyLog((i) => `10:00:${String(at[i].toFixed(1)).padStart(4, '0')} `),
      context
    });
    expect(c.costs.lines).toEqual({ 4: 0.5, 5: 30, 6: 0.3, 7: 2, 8: 0.4 });
    expect(c.steps[0].note).toMatch(/already there/);
  });
});

describe('a log that is not a build log', () => {
  it('calibrates nothing and says why', () => {
    const c = calibrateFromLog({ dockerfile, log: 'npm ERR! something' });
    expect(c.format).toBe('unknown');
    expect(c.costs.lines).toEqual({});
    expect(c.notes[0]).toMatch(/does not look like/);
  });
});

describe('calibrating pulls', () => {
  it('a FROM that downloaded its layers gives the pull rate', () => {
    const pulled = log.replace(
      '#4 DONE 0.0s',
      '#4 sha256:aaaaaaaaaaaaaaaa 30.0MB / 30.0MB 2.0s done\n#4 sha256:bbbbbbbbbbbbbbbb 10.0MB / 10.0MB 1.0s done\n#4 DONE 3.2s'
    );
    const c = calibrateFromLog({ dockerfile, log: pulled, context });
    expect(c.costs.pullPerMB).toBe(0.08);
    expect(c.costs.lines?.[1]).toBe(3.2);
  });

  it('matches a FROM the daemon names with the digest it resolved in the registry', () => {
    const digest = 'sha256:' + 'ab'.repeat(32);
    const resolved = log.replace(/^(#4 \[1\/\d\] FROM \S+)$/m, `$1@${digest}`);
    expect(resolved).toContain(`@${digest}`);
    const c = calibrateFromLog({ dockerfile, log: resolved, context });
    expect(c.steps[0]).toMatchObject({ line: 1, status: 'no-duration' });
  });
});

describe('the engine own simulated log', () => {
  it('calibrates back to the figures it was printed from', () => {
    const ten = ['FROM python:3.12-slim', ...Array.from({ length: 9 }, (_, i) => `RUN sleep ${i + 1}`)].join(
      '\n'
    );
    const r = build({ dockerfile: ten, context: { files: {} } });
    const c = calibrateFromLog({ dockerfile: ten, log: renderProgress(r) });
    const expected = Object.fromEntries(
      r.steps.filter((s) => s.keyword === 'RUN').map((s) => [s.range.line, s.estimatedSeconds])
    );
    expect(c.costs.lines).toEqual(expected);
    expect(c.steps.every((s) => s.note === 'matched by position and text' || s.line === 1)).toBe(true);
  });
});
