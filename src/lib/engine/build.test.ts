import { describe, expect, it } from 'vitest';
import { build, emptyCache } from './build';
import { context, session, statuses, stepAt, summary } from './test-kit';

const PY_DEPS_FIRST = `FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
CMD ["python", "app.py"]
`;
const pyFiles = { 'requirements.txt': 'flask==3.0.2\n', 'app.py': 'print("hi")\n', '.dockerignore': 'Dockerfile\n' };

describe('both builders', () => {
  for (const builder of ['buildkit', 'legacy'] as const) {
    describe(builder, () => {
      it('an unchanged second build is all cached', () => {
        const b = session({ builder });
        expect(statuses(b(PY_DEPS_FIRST, pyFiles)).every((s) => s === 'built')).toBe(true);
        expect(statuses(b(PY_DEPS_FIRST, pyFiles)).every((s) => s === 'cached')).toBe(true);
      });

      it('a source edit rebuilds only COPY . . and what follows it', () => {
        const b = session({ builder });
        b(PY_DEPS_FIRST, pyFiles);
        const r = b(PY_DEPS_FIRST, { ...pyFiles, 'app.py': 'print("hello")\n' });
        expect(stepAt(r, 4).status).toBe('cached');
        expect(stepAt(r, 5).status).toBe('built');
        expect(stepAt(r, 5).reason).toMatchObject({ kind: 'files-changed', changes: [{ path: 'app.py', change: 'modified' }] });
      });

      it('a dependency edit reruns the install', () => {
        const b = session({ builder });
        b(PY_DEPS_FIRST, pyFiles);
        const r = b(PY_DEPS_FIRST, { ...pyFiles, 'requirements.txt': 'flask==3.0.2\nrequests\n' });
        expect(stepAt(r, 3).status).toBe('built');
        expect(stepAt(r, 4).reason).toMatchObject({ kind: 'parent-built', rootLine: 3 });
      });

      it('rewriting a file with the same bytes (touch) keeps every step cached', () => {
        const b = session({ builder });
        b(PY_DEPS_FIRST, pyFiles);
        expect(statuses(b(PY_DEPS_FIRST, { ...pyFiles })).every((s) => s === 'cached')).toBe(true);
      });

      it('a mode change (chmod +x) misses the COPY that selects the file', () => {
        const b = session({ builder });
        b(PY_DEPS_FIRST, pyFiles);
        const r = b(PY_DEPS_FIRST, { ...pyFiles, 'app.py': { data: 'print("hi")\n', mode: 0o755 } });
        expect(stepAt(r, 5).status).toBe('built');
        expect(stepAt(r, 5).reason).toMatchObject({ kind: 'files-changed', changes: [{ path: 'app.py', change: 'mode', beforeMode: 0o644, afterMode: 0o755 }] });
      });

      it('an edit to an ignored file keeps every step cached', () => {
        const b = session({ builder });
        const files = { ...pyFiles, '.dockerignore': 'Dockerfile\n*.log\n', 'debug.log': 'a' };
        b(PY_DEPS_FIRST, files);
        expect(statuses(b(PY_DEPS_FIRST, { ...files, 'debug.log': 'b' })).every((s) => s === 'cached')).toBe(true);
      });

      it('the Dockerfile is a context file: a comment edit misses COPY . .', () => {
        const b = session({ builder });
        const files = { 'app.py': 'x' };
        b('FROM alpine:3.19\nCOPY . /app\n', files);
        const r = b('# a comment\nFROM alpine:3.19\nCOPY . /app\n', files);
        expect(summary(r)).toEqual(['COPY built']);
      });

      it('reverting a change hits the cache of the first build (A, B, A)', () => {
        const b = session({ builder });
        b(PY_DEPS_FIRST, pyFiles);
        b(PY_DEPS_FIRST, { ...pyFiles, 'requirements.txt': 'django\n' });
        expect(statuses(b(PY_DEPS_FIRST, pyFiles)).every((s) => s === 'cached')).toBe(true);
      });

      it('the same input gives a deep-equal result', () => {
        const input = { dockerfile: PY_DEPS_FIRST, context: context(pyFiles), builder, cache: emptyCache() };
        expect(build(input)).toEqual(build(structuredClone(input)));
      });
    });
  }
});

describe('where the builders differ', () => {
  const df = `FROM node:20-alpine
ENV NODE_ENV=production
WORKDIR /app
COPY package.json .
RUN npm install
`;
  const files = { 'package.json': '{}' };
  it('an ENV change: BuildKit keeps WORKDIR and COPY cached and reruns the RUN', () => {
    const b = session({ builder: 'buildkit' });
    b(df, files);
    const r = b(df.replace('production', 'development'), files);
    expect(summary(r)).toEqual(['WORKDIR cached', 'COPY cached', 'RUN built']);
    expect(stepAt(r, 5).reason).toEqual({ kind: 'env-changed', changes: [{ name: 'NODE_ENV', before: 'production', after: 'development' }] });
  });
  it('an ENV change: legacy misses at the ENV line and everything after it', () => {
    const b = session({ builder: 'legacy' });
    b(df, files);
    const r = b(df.replace('production', 'development'), files);
    expect(summary(r)).toEqual(['ENV built', 'WORKDIR built', 'COPY built', 'RUN built']);
  });

  it('a new --build-arg value misses every later RUN, even one that never uses it', () => {
    const dfArg = 'FROM alpine:3.19\nARG GIT_SHA\nCOPY a.txt /a\nRUN echo unrelated\n';
    for (const builder of ['buildkit', 'legacy'] as const) {
      const b = session({ builder });
      b(dfArg, { 'a.txt': 'a' }, { buildArgs: { GIT_SHA: '1' } });
      const r = b(dfArg, { 'a.txt': 'a' }, { buildArgs: { GIT_SHA: '2' } });
      expect(stepAt(r, 3).status).toBe('cached');
      expect(stepAt(r, 4).status).toBe('built');
      expect(stepAt(r, 4).reason).toEqual({ kind: 'arg-changed', changes: [{ name: 'GIT_SHA', before: '1', after: '2' }] });
    }
  });

  it('stages the target does not need: BuildKit skips them, legacy builds them', () => {
    const ms = 'FROM alpine:3.19 AS test\nRUN echo testing\nFROM alpine:3.19 AS app\nCOPY a.txt /a\n';
    const bk = build({ dockerfile: ms, context: context({ 'a.txt': 'a' }) });
    expect(bk.steps.map((s) => `${s.keyword}@${s.range.line}`)).toEqual(['FROM@3', 'COPY@4']);
    expect(bk.stages.map((s) => s.built)).toEqual([false, true]);
    const legacy = build({ dockerfile: ms, context: context({ 'a.txt': 'a' }), builder: 'legacy' });
    expect(summary(legacy)).toEqual(['RUN built', 'COPY built']);
  });

  it('--no-cache: BuildKit still shows the leading WORKDIR cached; legacy reruns everything', () => {
    const b = session({ builder: 'buildkit' });
    b(PY_DEPS_FIRST, pyFiles);
    const r = b(PY_DEPS_FIRST, pyFiles, { noCache: true });
    expect(summary(r)).toEqual(['WORKDIR cached', 'COPY built', 'RUN built', 'COPY built']);
    expect(stepAt(r, 3).reason).toEqual({ kind: 'no-cache' });
    const l = session({ builder: 'legacy' });
    l(PY_DEPS_FIRST, pyFiles);
    expect(statuses(l(PY_DEPS_FIRST, pyFiles, { noCache: true })).every((s) => s === 'built')).toBe(true);
  });
});

describe('multi-stage builds', () => {
  const go = `FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN go build -o /out/app .
FROM alpine:3.19
COPY --from=build /out/app /app
RUN echo ready
`;
  const files = { 'main.go': 'package main\n', 'go.mod': 'module x\n', 'README.md': '# x\n', '.dockerignore': 'Dockerfile\n' };

  it('COPY --from stays cached when the builder stage rebuilds to identical output', () => {
    const b = session();
    b(go, files);
    // A new go build flag reruns the build, but the binary follows the sources' bytes
    // (as in the oracle scenario copy-from-stage-index), so the final stage hits.
    const r = b(go.replace('go build -o', 'go build -trimpath -o'), files);
    expect(stepAt(r, 4).status).toBe('built');
    expect(stepAt(r, 6).status).toBe('cached');
    expect(stepAt(r, 6).reason).toMatchObject({ kind: 'cache-hit', via: 'identical-output' });
    expect(stepAt(r, 7).status).toBe('cached');
  });

  it('an un-ignored README reaches the binary: go build reads the whole working directory', () => {
    const b = session();
    b(go, files);
    const r = b(go, { ...files, 'README.md': '# x\n\nmore docs\n' });
    expect(stepAt(r, 3).reason).toMatchObject({ kind: 'files-changed', changes: [{ path: 'README.md' }] });
    expect(stepAt(r, 6).status).toBe('built');
  });

  it('a source change reaches the final stage through COPY --from', () => {
    const b = session();
    b(go, files);
    const r = b(go, { ...files, 'main.go': 'package main\nfunc main() {}\n' });
    expect(stepAt(r, 6).status).toBe('built');
    expect(stepAt(r, 6).reason).toMatchObject({ kind: 'source-output-changed', stage: 'build' });
  });

  it('labels steps with the stage name, its position and total', () => {
    const r = build({ dockerfile: go, context: context(files) });
    expect(r.steps.filter((s) => s.printed).map((s) => `[${s.label?.stage} ${s.label?.pos}/${s.label?.of}] ${s.instruction}`)).toEqual([
      '[build 1/4] FROM docker.io/library/golang:1.22',
      '[build 2/4] WORKDIR /src',
      '[build 3/4] COPY . .',
      '[build 4/4] RUN go build -o /out/app .',
      '[stage-1 1/3] FROM docker.io/library/alpine:3.19',
      '[stage-1 2/3] COPY --from=build /out/app /app',
      '[stage-1 3/3] RUN echo ready'
    ]);
  });
});

describe('what the daemon prints', () => {
  it('BuildKit expands ARG and ENV values and upper-cases the keyword; legacy prints the line as written', () => {
    const df = 'FROM alpine:3.19\nARG V=1.0\nrun echo "$V" > /v\ncopy ${V}.txt /x\n';
    const files = { '1.0.txt': 'x' };
    const bk = build({ dockerfile: df, context: context(files) });
    expect(bk.steps.filter((s) => s.keyword !== 'FROM').map((s) => s.instruction)).toEqual(['RUN echo "1.0" > /v', 'COPY 1.0.txt /x']);
    const legacy = build({ dockerfile: df, context: context(files), builder: 'legacy' });
    expect(legacy.steps.filter((s) => s.keyword !== 'FROM').map((s) => s.instruction)).toEqual(['ARG V=1.0', 'run echo "$V" > /v', 'copy ${V}.txt /x']);
  });

  it('joins continuation lines the way BuildKit does: comments dropped, indentation kept', () => {
    const r = build({ dockerfile: 'FROM alpine:3.19\nRUN apk add \\\n# tools\n    curl \\\n    jq\n', context: context({}) });
    expect(r.steps[1].instruction).toBe('RUN apk add     curl     jq');
    expect(r.steps[1].range).toMatchObject({ line: 2, endLine: 5 });
  });

  it('exec form with the default shell shares the cache of the shell form', () => {
    const b = session();
    b('FROM alpine:3.19\nRUN echo hi\n');
    expect(statuses(b('FROM alpine:3.19\nRUN ["/bin/sh", "-c", "echo hi"]\n'))).toEqual(['cached']);
  });
});

describe('errors, as the daemon has them', () => {
  const df = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY config/settings.toml /etc/app/\nCOPY . .\n';
  const files = { 'requirements.txt': 'x\n' };

  it('BuildKit fails while computing keys and prints the never-run steps as CACHED', () => {
    const r = build({ dockerfile: df, context: context(files) });
    expect(r.error?.message).toContain('"/config/settings.toml" not found');
    expect(summary(r)).toEqual(['WORKDIR cached', 'COPY cached', 'RUN cached', 'COPY failed']);
    expect(stepAt(r, 4).reason).toMatchObject({ kind: 'printed-cached-before-error', line: 5 });
    expect(stepAt(r, 6)).toMatchObject({ status: 'skipped', printed: false });
    // Nothing ran, so the next build (with the file) runs them all.
    const fixed = build({ dockerfile: df, context: context({ ...files, 'config/settings.toml': 'x' }), cache: r.cache });
    expect(statuses(fixed).every((s) => s === 'built')).toBe(true);
  });

  it('legacy runs the earlier steps, then fails; their cache stays', () => {
    const r = build({ dockerfile: df, context: context(files), builder: 'legacy' });
    expect(r.error?.message).toMatch(/COPY failed: file not found in build context/);
    expect(summary(r)).toEqual(['WORKDIR built', 'COPY built', 'RUN built', 'COPY failed']);
    const again = build({ dockerfile: df, context: context({ ...files, 'config/settings.toml': 'x' }), cache: r.cache, builder: 'legacy' });
    expect(summary(again)).toEqual(['WORKDIR cached', 'COPY cached', 'RUN cached', 'COPY built', 'COPY built']);
  });

  it('a path excluded by .dockerignore fails like a missing one', () => {
    const r = build({ dockerfile: 'FROM alpine:3.19\nCOPY .env /app/.env\n', context: context({ '.env': 'X=1', '.dockerignore': '.env\n' }) });
    expect(r.error?.message).toContain('"/.env" not found');
  });

  it('RUN --mount fails the legacy build at that step', () => {
    const m = 'FROM alpine:3.19\nWORKDIR /app\nRUN --mount=type=cache,target=/root/.cache pip install x\n';
    const r = build({ dockerfile: m, context: context({}), builder: 'legacy' });
    expect(summary(r)).toEqual(['WORKDIR built', 'RUN failed']);
    expect(r.error?.message).toMatch(/--mount option requires BuildKit/);
    expect(statuses(build({ dockerfile: m, context: context({}) }))).toEqual(['built', 'built']);
  });

  it('an unknown flag stops both builders before any step', () => {
    for (const builder of ['buildkit', 'legacy'] as const) {
      const r = build({ dockerfile: 'FROM alpine:3.19\nCOPY --link a.txt /a\n', context: context({ 'a.txt': 'a' }), builder });
      expect(r.error?.message).toBe('Unknown flag: link');
      expect(r.steps.filter((s) => s.printed)).toEqual([]);
      expect(r.diagnostics.some((d) => d.severity === 'error' && d.range?.line === 2)).toBe(true);
    }
  });

  it('no FROM, no instructions or an unknown instruction: a diagnostic, never an exception', () => {
    for (const text of ['', '# only a comment\n', 'RUN echo hi\n', 'FROM alpine\nFROBNICATE x\n', 'FROM\n', 'FROM a b\n']) {
      const r = build({ dockerfile: text, context: context({}) });
      expect(r.error).not.toBeNull();
      expect(r.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    }
  });

  it('COPY --from a misspelled stage is read as an image name', () => {
    const t = 'FROM golang:1.22 AS builder\nRUN go build -o /out/app .\nFROM alpine:3.19\nCOPY --from=bulider /out/app /app\n';
    const r = build({ dockerfile: t, context: context({}), imageModel: 'oracle' });
    expect(r.error?.message).toContain('/out/app');
    expect(r.stages[0].built).toBe(false);
  });
});

describe('base images', () => {
  it('an image updated upstream misses every step; moving the tag back hits the old cache', () => {
    const b = session();
    const df = 'FROM python:3.12-slim\nRUN pip install flask\n';
    b(df, {}, { images: { 'python:3.12-slim': 'sha256:' + '1'.repeat(64) } });
    const r = b(df, {}, { images: { 'python:3.12-slim': 'sha256:' + '2'.repeat(64) } });
    expect(r.steps[0]).toMatchObject({ status: 'built', reason: { kind: 'base-image-changed', ref: 'python:3.12-slim' } });
    expect(r.steps[1].reason).toMatchObject({ kind: 'parent-built', rootLine: 1 });
    expect(statuses(b(df, {}, { images: { 'python:3.12-slim': 'sha256:' + '1'.repeat(64) } }))).toEqual(['cached']);
  });
});

describe("programs in the oracle's stand-in image", () => {
  const oracle = (df: string, files = {}) => build({ dockerfile: df, context: context(files), imageModel: 'oracle', offline: true, images: { 'alpine:3.19': 'sha256:' + 'a'.repeat(64) } });
  it('a RUN of a program that does not exist fails with exit code 127', () => {
    const r = oracle('FROM alpine:3.19\nRUN pytest -q\n');
    expect(r.error?.message).toBe('executor failed running [/bin/sh -c pytest -q]: exit code: 127');
    expect(summary(r)).toEqual(['RUN failed']);
  });
  it('follows the shell: || true rescues it, && stops at it', () => {
    expect(oracle('FROM alpine:3.19\nRUN apt-get update && missing-tool zip || true\n').error).toBeNull();
    expect(oracle('FROM alpine:3.19\nRUN missing-tool && echo never\n').error?.message).toMatch(/exit code: 127/);
    expect(oracle('FROM alpine:3.19\nRUN missing-tool; echo fine\n').error).toBeNull();
  });
  it('busybox applets and the stub tools exist; a SHELL that does not exist fails every shell-form RUN', () => {
    expect(oracle('FROM alpine:3.19\nRUN find / -name x | sort > /list && wget --help; pip install flask\n').error).toBeNull();
    expect(oracle('FROM alpine:3.19\nSHELL ["/bin/bash", "-c"]\nRUN echo hi\n').error?.message).toMatch(/exit code: 127/);
  });
  it('a copied file without the execute bit cannot run (126)', () => {
    const r = oracle('FROM alpine:3.19\nCOPY tool /usr/local/bin/tool\nRUN tool --version\n', { tool: { data: '#!/bin/sh\n', mode: 0o644 } });
    expect(r.error?.message).toMatch(/exit code: 126/);
    expect(oracle('FROM alpine:3.19\nCOPY tool /usr/local/bin/tool\nRUN tool --version\n', { tool: { data: '#!/bin/sh\n', mode: 0o755 } }).error).toBeNull();
  });
});
