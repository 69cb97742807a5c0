import { describe, expect, it } from 'vitest';
import { DEFAULT_COSTS } from './cost-defaults';
import {
  annotationSeconds,
  cacheMountTargets,
  costModel,
  estimatePull,
  estimateRun,
  imageSizeMB,
  instructionKey
} from './estimate';
import { build } from './build';
import type { BuildInput } from './types';

const costs = DEFAULT_COSTS;

function run(cmd: string, mounts: string[] = [], warm = true) {
  return estimateRun(cmd, mounts, costs, warm);
}

describe('the cost of a RUN', () => {
  it('adds the figure of every recognised command it chains, once each', () => {
    const e = run('apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*');
    expect(e.seconds).toBe(8 + 20 + costs.stepOverhead);
    expect(e.basis).toContain('apt-get update 8 s');
    expect(e.basis).toContain('apt-get install 20 s');
  });

  it('reads sleep exactly, so timing fixtures can be predicted', () => {
    expect(run('sleep 2 && sleep 1.5').seconds).toBe(3.5 + costs.stepOverhead);
  });

  it('reads the commands the shell runs, not text inside quotes', () => {
    expect(run("echo 'a; sleep 5; b'").seconds).toBe(run('echo a').seconds);
    expect(run('echo a && sleep 5').seconds).toBe(5 + costs.stepOverhead);
  });

  it('tells pip install -r from a pip install of named packages', () => {
    expect(run('pip install --no-cache-dir -r requirements.txt').seconds).toBe(45 + costs.stepOverhead);
    expect(run('pip install gunicorn').seconds).toBe(15 + costs.stepOverhead);
  });

  it('falls back to the generic figure and says so', () => {
    const e = run('python manage.py collectstatic --noinput');
    expect(e.seconds).toBe(costs.runDefault + costs.stepOverhead);
    expect(e.basis).toMatch(/does not recognise/);
  });

  it('lowers a rebuilt install whose cache mount covers the tool cache, once the cache is warm', () => {
    expect(run('npm ci', ['/root/.npm']).seconds).toBe(8 + costs.stepOverhead);
    expect(run('npm ci', ['/root/.npm'], false).basis).toMatch(/still empty/);
    expect(run('npm ci', ['/root/.npm'], false).seconds).toBe(20 + costs.stepOverhead);
  });

  it('ignores a cache mount over another tool cache', () => {
    expect(run('npm ci', ['/root/.cache/go-build']).seconds).toBe(20 + costs.stepOverhead);
  });

  it('takes a figure set per command pattern', () => {
    expect(estimateRun('npm ci', [], { ...costs, commands: { 'npm-ci': 7 } }, false).seconds).toBe(
      7 + costs.stepOverhead
    );
  });

  it('pays the legacy builder commit overhead instead of the BuildKit one', () => {
    expect(estimateRun('sleep 1', [], costs, false, 'legacy').seconds).toBe(1 + costs.legacyStepOverhead);
  });
});

describe('image sizes', () => {
  it('follow the flavour in the tag', () => {
    expect(imageSizeMB('python:3.12-slim', costs).mb).toBe(45);
    expect(imageSizeMB('python:3.12', costs).mb).toBe(380);
    expect(imageSizeMB('node:20-alpine', costs).mb).toBe(50);
    expect(imageSizeMB('gcr.io/distroless/static-debian12', costs).mb).toBe(2);
  });

  it('can be set by repository or by reference', () => {
    const c = { ...costs, imageSizes: { python: 10, 'python:3.11': 99 } };
    expect(imageSizeMB('python:3.12-slim', c).mb).toBe(10);
    expect(imageSizeMB('python:3.11', c).mb).toBe(99);
  });

  it('admit an unknown image as an assumption', () => {
    expect(estimatePull('example.com/team/tool:1', costs).basis).toMatch(/size unknown/);
  });
});

describe('per-step overrides', () => {
  it('an annotation sets the seconds of the next instruction, past blank and comment lines', () => {
    expect(
      annotationSeconds(
        'FROM a\n# layerlab: 45s\n\n# install\nRUN x\n# layerlab: 1.5m\nRUN y\n# layerlab: 800ms\nRUN z\n'
      )
    ).toEqual({
      5: 45,
      7: 90,
      9: 0.8
    });
  });

  it('a line set explicitly wins over an annotation and drops its note', () => {
    const c = costModel(DEFAULT_COSTS, '# layerlab: 45s\nFROM a\n', { lines: { 2: 3 } });
    expect(c.lines[2]).toBe(3);
    expect(c.lineNotes[2]).toBeUndefined();
  });

  it('instruction keys fold white space and continuation lines', () => {
    expect(instructionKey('run   pip install \\\n  -r requirements.txt')).toBe(
      'RUN pip install \\ -r requirements.txt'
    );
    expect(instructionKey('RUN  npm ci')).toBe('RUN npm ci');
  });

  it('cache mount targets come from the RUN flags', () => {
    expect(
      cacheMountTargets('RUN --mount=type=cache,target=/root/.npm/ --mount=type=bind,target=/src npm ci')
    ).toEqual(['/root/.npm']);
  });
});

describe('estimates in a build', () => {
  const input = (dockerfile: string, extra: Partial<BuildInput> = {}): BuildInput => ({
    dockerfile,
    context: { files: { 'requirements.txt': { data: 'flask\n' }, 'app.py': { data: 'print(1)\n' } } },
    ...extra
  });

  it('an annotated step shows the annotation as its basis, and the CLI and page read the same text', () => {
    const r = build(
      input('FROM python:3.12-slim\nCOPY . .\n# layerlab: 12s\nRUN pip install -r requirements.txt\n')
    );
    const runStep = r.steps.find((s) => s.keyword === 'RUN');
    expect(runStep?.fullSeconds).toBe(12);
    expect(runStep?.estimateBasis).toBe('12 s from the # layerlab annotation');
  });

  it('a figure set for an instruction follows it to another line', () => {
    const costsByText = { instructions: { 'RUN pip install -r requirements.txt': 9 } };
    const a = build(
      input('FROM python:3.12-slim\nRUN pip install -r requirements.txt\n', { costs: costsByText })
    );
    const b = build(
      input('FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n', {
        costs: costsByText
      })
    );
    expect(a.steps.find((s) => s.keyword === 'RUN')?.fullSeconds).toBe(9);
    expect(b.steps.find((s) => s.keyword === 'RUN')?.fullSeconds).toBe(9);
  });

  it('a fully cached rebuild costs only the per-build overhead', () => {
    const first = build(input('FROM python:3.12-slim\nCOPY . .\nRUN pip install -r requirements.txt\n'));
    const again = build(
      input('FROM python:3.12-slim\nCOPY . .\nRUN pip install -r requirements.txt\n', { cache: first.cache })
    );
    expect(again.totals.built).toBe(0);
    expect(again.totals.time).toEqual({
      overhead: round(costs.buildOverhead + costs.resolveImage),
      context: 0,
      steps: 0,
      stepsSum: 0,
      export: 0
    });
    expect(again.totals.estimatedSeconds).toBe(round(costs.buildOverhead + costs.resolveImage));
  });

  it('a cold build pulls the base image, and a present one is not pulled', () => {
    const first = build(input('FROM python:3.12-slim\nRUN echo hi\n'));
    expect(first.steps[0].estimatedSeconds).toBe(round(45 * costs.pullPerMB));
    const again = build(input('FROM python:3.12-slim\nRUN echo ho\n', { cache: first.cache }));
    expect(again.steps[0].estimatedSeconds).toBe(0);
    expect(again.steps[0].estimateBasis).toMatch(/present: no pull/);
  });
});

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
