/**
 * Properties over random Dockerfiles and contexts: the engine never fails
 * internally, is deterministic, an unchanged rebuild is all cached, and an edit
 * to a file no COPY selects changes no status.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { build, emptyCache } from './build';
import type { BuildInput, BuildResult } from './types';

const names = ['app.py', 'requirements.txt', 'package.json', 'src/main.go', 'src/util.go', 'go.mod', 'docs/readme.md', 'data/a.bin', 'scripts/run.sh', 'unused/notes.txt'];
const images = ['alpine:3.19', 'python:3.12-slim', 'node:20-alpine', 'golang:1.22', 'scratch', 'busybox'];
const copySources = ['app.py', 'requirements.txt', 'package*.json', 'src/', 'src', 'go.mod', 'docs', 'scripts/run.sh', 'missing.txt', '*.py', 'data/'];

const body = (withDot: boolean) =>
  fc.oneof(
    fc.constantFrom(
      'RUN pip install -r requirements.txt',
      'RUN go build -o /out/app .',
      'RUN npm ci && npm run build',
      'RUN echo "$V" > /out/v.txt',
      'RUN apt-get update && apt-get install -y curl',
      'RUN mkdir -p /out && cp -r . /out/',
      'RUN ["/bin/sh", "-c", "echo hi"]',
      'RUN --mount=type=cache,target=/root/.cache pip install flask',
      'RUN --mount=type=bind,source=requirements.txt,target=/tmp/r pip install -r /tmp/r',
      'WORKDIR /app',
      'WORKDIR src',
      'WORKDIR /',
      'ENV V=1 PATH=/x:$PATH',
      'ARG V',
      'ARG V=2',
      'ARG HTTP_PROXY',
      'USER 1000',
      'USER app',
      'SHELL ["/bin/ash", "-c"]',
      'EXPOSE 8080',
      'CMD ["python", "app.py"]',
      'ENTRYPOINT ["/app"]',
      'LABEL a=b',
      'VOLUME /data',
      'STOPSIGNAL SIGTERM',
      'HEALTHCHECK CMD true',
      'ONBUILD RUN echo trigger',
      'MAINTAINER me',
      '# a comment',
      '',
      'RUN echo a \\\n    b',
      'COPY --from=0 /out /out',
      'COPY --from=build /out/app /app',
      'COPY --from=busybox:1.36 /bin/busybox /bb',
      'ADD https://example.invalid/x.tgz /x/',
      'COPY --chmod=755 scripts/run.sh /run.sh',
      'COPY --chown=1000:1000 app.py /app/'
    ),
    fc.constantFrom(...copySources.filter((s) => withDot || s !== '.')).map((s) => `COPY ${s} /dst/`),
    withDot ? fc.constant('COPY . .') : fc.constant('RUN true')
  );

const dockerfile = (withDot: boolean) =>
  fc
    .array(
      fc.record({
        from: fc.constantFrom(...images, 'build', '$BASE'),
        name: fc.option(fc.constantFrom('build', 'test', 'runtime'), { nil: undefined }),
        body: fc.array(body(withDot), { maxLength: 6 })
      }),
      { minLength: 1, maxLength: 3 }
    )
    .map((stages) =>
      ['ARG BASE=alpine:3.19', ...stages.flatMap((s) => [`FROM ${s.from}${s.name ? ` AS ${s.name}` : ''}`, ...s.body])].join('\n') + '\n'
    );

const context = fc.dictionary(fc.constantFrom(...names), fc.oneof(fc.string({ maxLength: 20 }), fc.constant('')), { maxKeys: 8 }).map((files) => {
  const out: BuildInput['context']['files'] = {};
  for (const [p, data] of Object.entries(files)) out[p] = { data, mode: p.endsWith('.sh') ? 0o755 : 0o644 };
  return out;
});

const ignore = fc.option(fc.constantFrom('*.md\n', 'docs\n!docs/readme.md\n', '**/*.bin\nDockerfile\n', 'unused\n'), { nil: undefined });

const input = (withDot: boolean) =>
  fc.record({
    dockerfile: dockerfile(withDot),
    files: context,
    ignore,
    builder: fc.constantFrom('buildkit' as const, 'legacy' as const),
    imageModel: fc.constantFrom('generic' as const, 'oracle' as const),
    args: fc.option(fc.constantFrom<Record<string, string>>({ V: '1' }, { BASE: 'python:3.12-slim' }, { HTTP_PROXY: 'http://p' }), { nil: undefined })
  });

type Generated = ReturnType<typeof input> extends fc.Arbitrary<infer T> ? T : never;

function toInput(x: Generated): BuildInput {
  const files: Record<string, import('./types').ContextFile> = { ...x.files };
  if (x.ignore !== undefined) files['.dockerignore'] = { data: x.ignore };
  return { dockerfile: x.dockerfile, context: { files }, builder: x.builder, imageModel: x.imageModel, buildArgs: x.args };
}

const internalError = (r: BuildResult) => r.diagnostics.some((d) => d.code === 'engine' && d.message.includes('could not simulate'));
const notMetaArg = (r: BuildResult) => r.steps.filter((s) => s.printed && s.reason.kind !== 'always-runs');

describe('properties of the engine over random Dockerfiles and contexts', () => {
  it('never fails internally and is deterministic', () => {
    fc.assert(
      fc.property(input(true), (x) => {
        const i = toInput(x);
        const r = build(i);
        expect(internalError(r)).toBe(false);
        expect(build(structuredClone(i))).toEqual(r);
      }),
      { numRuns: 300 }
    );
  });

  it('never fails internally on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.constantFrom('buildkit' as const, 'legacy' as const), (text, builder) => {
        expect(internalError(build({ dockerfile: text, context: { files: {} }, builder }))).toBe(false);
      }),
      { numRuns: 300 }
    );
  });

  it('building twice with no change gives all cached', () => {
    fc.assert(
      fc.property(input(true), (x) => {
        const i = toInput(x);
        const first = build({ ...i, cache: emptyCache() });
        fc.pre(!first.error);
        const second = build({ ...i, cache: first.cache });
        expect(notMetaArg(second).filter((s) => s.keyword !== 'FROM').map((s) => `${s.range.line}:${s.status}`)).toEqual(
          notMetaArg(second).filter((s) => s.keyword !== 'FROM').map((s) => `${s.range.line}:cached`)
        );
      }),
      { numRuns: 200 }
    );
  });

  it('editing a file that no COPY selects changes no status', () => {
    fc.assert(
      fc.property(input(false), fc.string({ minLength: 1, maxLength: 10 }), (x, text) => {
        const i = toInput(x);
        const files = { ...i.context.files, 'unused/notes.txt': { data: 'before' } };
        const first = build({ ...i, context: { files } });
        const unchanged = build({ ...i, context: { files }, cache: first.cache });
        const edited = build({ ...i, context: { files: { ...files, 'unused/notes.txt': { data: `edited ${text}` } } }, cache: first.cache });
        expect(edited.steps.map((s) => `${s.id}:${s.status}`)).toEqual(unchanged.steps.map((s) => `${s.id}:${s.status}`));
      }),
      { numRuns: 200 }
    );
  });
});
