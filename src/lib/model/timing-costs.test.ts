import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calibrateFromLog, instructionKey, parseDockerfile } from '../engine/index';
import { EXAMPLES } from './examples/index';
import { keepCalibration, keyedSteps, normalizeTiming, parseSeconds, resolveTiming } from './timing-costs';

const df = `FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
RUN echo hi
RUN   echo hi
`;

const log = `#1 [internal] load build definition from Dockerfile
#1 DONE 0.1s

#5 [1/6] FROM docker.io/library/python:3.12-slim
#5 CACHED

#6 [2/6] WORKDIR /app
#6 CACHED

#7 [3/6] COPY requirements.txt .
#7 DONE 0.3s

#8 [4/6] RUN pip install -r requirements.txt
#8 DONE 31.4s

#9 [5/6] COPY . .
#9 DONE 0.5s

#10 exporting to image
#10 DONE 2.5s
`;

describe('step keys', () => {
  it('name each instruction by its folded text, and number repeats of the same text', () => {
    expect(keyedSteps(df).map((s) => [s.line, s.key])).toEqual([
      [1, 'FROM python:3.12-slim'],
      [2, 'WORKDIR /app'],
      [3, 'COPY requirements.txt .'],
      [4, 'RUN pip install -r requirements.txt'],
      [5, 'COPY . .'],
      [6, 'RUN echo hi'],
      [7, 'RUN echo hi #2']
    ]);
  });
});

describe('the page’s instruction scan agrees with the engine’s parser', () => {
  const engine = (text: string) =>
    parseDockerfile(text).instructions.map((i) => [i.range.line, instructionKey(i.original)]);
  const page = (text: string) => keyedSteps(text).map((s) => [s.line, s.text]);

  it('on every built-in example', () => {
    for (const ex of EXAMPLES) expect(page(ex.dockerfile)).toEqual(engine(ex.dockerfile));
  });

  it('on Dockerfiles made of continuations, comments, blank lines, CRLF and the escape directive', () => {
    const piece = fc.constantFrom(
      'FROM alpine:3.19 AS base',
      'run  echo   a',
      'RUN apk add curl \\',
      '  && echo done',
      'COPY . .\\  ',
      '# a comment',
      '   # indented comment',
      '',
      '   ',
      'ENV A=1 \\',
      '    B=2',
      // Not an escape character mid-line: there dockerfile-ast's own line reading differs from the engine's join.
      'RUN echo date `',
      'LABEL x=y\r',
      'WORKDIR /app'
    );
    const file = fc.tuple(
      fc.constantFrom('', '# escape=`\n', '# syntax=docker/dockerfile:1\n'),
      fc.array(piece, { maxLength: 14 })
    );
    fc.assert(
      fc.property(file, ([head, body]) => {
        const text = head + body.join('\n');
        expect(page(text)).toEqual(engine(text));
      }),
      { numRuns: 300 }
    );
  });
});

describe('resolving timing figures against the current Dockerfile', () => {
  it('gives the engine nothing when nothing is set or measured', () => {
    expect(resolveTiming(df, { overrides: {}, calibration: null })).toEqual({
      costs: undefined,
      sources: {}
    });
  });

  it('a figure set on a step follows its instruction when lines move, and stops when its text changes', () => {
    const t = { overrides: { 'RUN pip install -r requirements.txt': 12 }, calibration: null };
    expect(resolveTiming(df, t).costs?.lines).toEqual({ 4: 12 });
    const moved = df.replace('WORKDIR /app\n', 'WORKDIR /app\nENV A=1\n');
    expect(resolveTiming(moved, t).costs?.lines).toEqual({ 5: 12 });
    expect(resolveTiming(moved, t).sources).toEqual({ 5: 'set' });
    const edited = df.replace('-r requirements.txt', '-r reqs.txt');
    expect(resolveTiming(edited, t).costs?.lines).toEqual({});
  });

  it('keeps a calibration by step, with what it measured per build, and a set figure beats it', () => {
    const cal = keepCalibration(df, calibrateFromLog({ dockerfile: df, log }), 'build.log', 1);
    expect(cal.byKey['RUN pip install -r requirements.txt']).toMatchObject({
      status: 'calibrated',
      seconds: 31.4
    });
    expect(cal.byKey['WORKDIR /app'].status).toBe('cached');
    expect(cal.figures.export).toBe(2.5);
    const measured = resolveTiming(df, { overrides: {}, calibration: cal });
    expect(measured.costs?.lines).toEqual({ 3: 0.3, 4: 31.4, 5: 0.5 });
    expect(measured.costs?.lineNotes?.[4]).toMatch(/measured in your build log \(\[4\/6\] RUN pip/);
    expect(measured.costs?.export).toBe(2.5);
    const both = resolveTiming(df, {
      overrides: { 'RUN pip install -r requirements.txt': 5 },
      calibration: cal
    });
    expect(both.costs?.lines?.[4]).toBe(5);
    expect(both.sources).toEqual({ 3: 'measured', 4: 'set', 5: 'measured' });
  });
});

describe('typed durations', () => {
  it('read seconds, minutes and milliseconds, and refuse anything else', () => {
    expect(parseSeconds('45')).toBe(45);
    expect(parseSeconds(' 2.5 s')).toBe(2.5);
    expect(parseSeconds('1.5m')).toBe(90);
    expect(parseSeconds('800ms')).toBe(0.8);
    expect(parseSeconds('')).toBeNull();
    expect(parseSeconds('-3')).toBeNull();
    expect(parseSeconds('fast')).toBeNull();
    expect(parseSeconds('99999999')).toBeNull();
  });
});

describe('loading saved timing', () => {
  it('keeps valid figures and drops anything a run could trip on', () => {
    expect(normalizeTiming(undefined)).toEqual({ overrides: {}, calibration: null });
    expect(normalizeTiming({ overrides: { a: 3, b: 'x', c: -1, d: Infinity }, calibration: 7 })).toEqual({
      overrides: { a: 3 },
      calibration: null
    });
  });
});
