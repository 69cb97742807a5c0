import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseBuildLog } from './build-log';
import { parseSize } from './parsed-log';
import { calibrateFromLog } from './calibrate';

// Trimmed from a real Docker 20.10 `--progress=plain` build (tests/oracle/recordings/timing-pip-source-first.json).
const plain = `
#1 [internal] load build definition from Dockerfile
#1 sha256:ed6eb183c3400e0d2a0da2bc1eb0321e20dcd1d747948509bc918de03cfa2589
#1 transferring dockerfile: 167B done
#1 DONE 0.1s

#2 [internal] load .dockerignore
#2 transferring context: 2B done
#2 DONE 0.0s

#3 [internal] load metadata for docker.io/library/python:3.12-slim
#3 DONE 0.8s

#6 [internal] load build context
#6 transferring context: 45.2MB 2.1s done
#6 DONE 2.3s

#4 [1/5] FROM docker.io/library/python:3.12-slim
#4 resolve docker.io/library/python:3.12-slim@sha256:0c5e 0.0s done
#4 sha256:aaaaaaaaaaaaaaaa 1.2MB / 29.1MB 0.4s
#4 sha256:aaaaaaaaaaaaaaaa 29.1MB / 29.1MB 2.0s done
#4 sha256:bbbbbbbbbbbbbbbb 12.0MB / 12.0MB 1.1s done
#4 DONE 3.5s

#5 [2/5] WORKDIR /app
#5 CACHED

#7 [3/5] COPY . .
#7 DONE 0.4s

#8 [4/5] RUN sleep 2 && pip install -r requirements.txt
#8 0.161 [notice] A new release of pip is available
#8 DONE 2.1s

#9 [5/5] RUN sleep 1
#9 0.2 [5/5] not a header, just output
#9 DONE 1.1s

#10 exporting to image
#10 exporting layers 0.0s done
#10 DONE 0.2s
`;

describe('reading BuildKit plain progress', () => {
  const log = parseBuildLog(plain);

  it('lists the steps with their labels, status and seconds', () => {
    expect(log.format).toBe('buildkit-plain');
    expect(log.steps.map((s) => [s.pos, s.of, s.instruction, s.status, s.seconds])).toEqual([
      [1, 5, 'FROM docker.io/library/python:3.12-slim', 'done', 3.5],
      [2, 5, 'WORKDIR /app', 'cached', null],
      [3, 5, 'COPY . .', 'done', 0.4],
      [4, 5, 'RUN sleep 2 && pip install -r requirements.txt', 'done', 2.1],
      [5, 5, 'RUN sleep 1', 'done', 1.1]
    ]);
  });

  it('reads its own vertices and what a FROM downloaded', () => {
    expect(log.internal).toEqual({
      definition: 0.1,
      dockerignore: 0,
      metadata: [{ ref: 'docker.io/library/python:3.12-slim', seconds: 0.8 }],
      context: { seconds: 2.3, bytes: 45_200_000 },
      export: 0.2
    });
    expect(log.steps[0].downloadedBytes).toBe(41_100_000);
  });

  it('skips timestamps that CI puts in front of every line', () => {
    const stamped = plain
      .split('\n')
      .map((l) => (l ? `2024-05-01T10:00:00.1234567Z ${l}` : l))
      .join('\n');
    expect(parseBuildLog(stamped).steps).toEqual(log.steps);
  });

  it('reads stage labels of multi-stage builds', () => {
    const l = parseBuildLog(
      '#9 [build 3/4] RUN go build -o /out/api .\n#9 DONE 12.0s\n#10 [stage-1 2/2] COPY --from=build /out/api /api\n#10 CACHED\n'
    );
    expect(l.steps.map((s) => [s.stage, s.pos, s.status])).toEqual([
      ['build', 3, 'done'],
      ['stage-1', 2, 'cached']
    ]);
  });
});

describe('reading BuildKit terminal output', () => {
  it('keeps the last frame of each vertex and the total', () => {
    const tty = [
      '[+] Building 1.2s (4/6)',
      ' => [internal] load build definition from Dockerfile        0.0s',
      ' => [3/4] RUN npm ci                                         1.0s',
      '[+] Building 14.3s (7/7) FINISHED',
      ' => [internal] load build definition from Dockerfile        0.1s',
      ' => => transferring dockerfile: 32B                          0.0s',
      ' => [internal] load metadata for docker.io/library/node:20  1.1s',
      ' => CACHED [2/4] WORKDIR /app                                0.0s',
      ' => [3/4] RUN npm ci                                        12.4s',
      ' => ERROR [4/4] RUN npm test                                 0.5s',
      ' => exporting to image                                       0.3s'
    ].join('\n');
    const l = parseBuildLog(tty);
    expect(l.format).toBe('buildkit-tty');
    expect(l.totalSeconds).toBe(14.3);
    expect(l.steps.map((s) => [s.pos, s.status, s.seconds])).toEqual([
      [3, 'done', 12.4],
      [2, 'cached', null],
      [4, 'error', null]
    ]);
    expect(l.internal.metadata).toEqual([{ ref: 'docker.io/library/node:20', seconds: 1.1 }]);
  });
});

describe('reading the legacy builder', () => {
  const legacy = [
    'Sending build context to Docker daemon  4.096kB',
    'Step 1/4 : FROM python:3.12-slim',
    ' ---> 4f847c0b3aca',
    'Step 2/4 : WORKDIR /app',
    ' ---> Using cache',
    ' ---> d453a01a32d8',
    'Step 3/4 : RUN sleep 2 && pip install -r requirements.txt',
    ' ---> Running in b019a2e9dca8',
    'Removing intermediate container b019a2e9dca8',
    ' ---> d255d1fa0ff8',
    'Step 4/4 : CMD ["python", "app.py"]',
    ' ---> Running in cb40db93b293',
    ' ---> 376d16bd6f93',
    'Successfully built 376d16bd6f93'
  ];

  it('reads the cache decisions but no durations', () => {
    const l = parseBuildLog(legacy.join('\n'));
    expect(l.format).toBe('legacy');
    expect(l.timestamped).toBe(false);
    expect(l.steps.map((s) => [s.pos, s.status, s.seconds])).toEqual([
      [1, 'done', null],
      [2, 'cached', null],
      [3, 'done', null],
      [4, 'done', null]
    ]);
    expect(l.internal.context).toEqual({ seconds: null, bytes: 4096 });
  });

  it('reads durations between timestamps when every line has one', () => {
    const times = [
      '10:00:00.0',
      '10:00:00.5',
      '10:00:00.5',
      '10:00:00.6',
      '10:00:00.6',
      '10:00:00.6',
      '10:00:00.7',
      '10:00:00.8',
      '10:00:02.6',
      '10:00:02.9',
      '10:00:03.0',
      '10:00:03.1',
      '10:00:03.2',
      '10:00:03.3'
    ];
    const l = parseBuildLog(legacy.map((line, i) => `${times[i]} ${line}`).join('\n'));
    expect(l.timestamped).toBe(true);
    expect(l.steps.map((s) => s.seconds)).toEqual([0.1, 0.1, 2.3, 0.3]);
    expect(l.internal.context).toEqual({ seconds: 0.5, bytes: 4096 });
  });

  it('reads `ts` and bracketed timestamps, and days in ISO ones', () => {
    const l = parseBuildLog(
      ['[May 01 23:59:59] Step 1/1 : RUN sleep 2', '[May 01 23:59:59] Successfully built x'].join('\n')
    );
    expect(l.steps[0].seconds).toBe(0);
    const iso = parseBuildLog(
      ['2024-05-01T23:59:59Z Step 1/1 : RUN sleep 2', '2024-05-02T00:00:01Z Successfully built x'].join('\n')
    );
    expect(iso.steps[0].seconds).toBe(2);
  });
});

describe('anything else', () => {
  it('is an unknown format with no steps, not an error', () => {
    expect(parseBuildLog('hello\nworld').format).toBe('unknown');
    expect(parseBuildLog('').steps).toEqual([]);
  });

  it('reads the `real` line of `time`', () => {
    expect(parseBuildLog('#1 [1/1] FROM a\n#1 DONE 0.0s\nreal\t1m2.500s\n').totalSeconds).toBe(62.5);
  });

  it('sizes', () => {
    expect(parseSize('269B')).toBe(269);
    expect(parseSize('1.5kB')).toBe(1500);
    expect(parseSize('2.00MiB')).toBe(2_000_000);
    expect(parseSize('x')).toBeNull();
  });
});

describe('any text', () => {
  it('is read without throwing, and calibrates without throwing', () => {
    const line = fc.oneof(
      fc.string(),
      fc.constantFrom(
        '#1 [1/2] FROM a',
        '#1 DONE 0.1s',
        '#2 [2/2] RUN x',
        '#2 CACHED',
        'Step 1/2 : RUN x',
        ' ---> Using cache',
        ' => [1/1] RUN y  1.0s',
        '[+] Building 1.0s (1/1) FINISHED'
      ),
      fc.tuple(fc.nat(99), fc.string()).map(([n, s]) => `#${n} ${s}`)
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        const text = lines.join('\n');
        parseBuildLog(text);
        calibrateFromLog({ dockerfile: 'FROM a\nRUN x\n', log: text });
      }),
      { numRuns: 200 }
    );
  });
});
