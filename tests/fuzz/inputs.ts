/**
 * Random inputs for the engine, shared by the property test (a fast seed set in
 * the unit suite) and `npm run fuzz` (100,000 cases). Besides ordinary
 * Dockerfiles and contexts they make the inputs that once broke the engine: odd
 * file names (`~`, `a:b`, `a//b`, a trailing `/`, unicode, NUL), NUL and CR
 * bytes in a Dockerfile, `.dockerignore` lines with regexp characters, variables
 * that double themselves, 10,000-instruction files and heredocs.
 */
import fc from 'fast-check';
import { build, emptyCache } from '../../src/lib/engine/build';
import type { BuildInput, BuildResult, ContextFile } from '../../src/lib/engine/types';

const names = ['app.py', 'requirements.txt', 'package.json', 'src/main.go', 'src/util.go', 'go.mod', 'docs/readme.md', 'data/a.bin', 'scripts/run.sh', 'unused/notes.txt'];
/** Names a file system or an upload can produce, and some no disk can (they must be cleaned, not crash). */
const oddNames = ['~', 'a:b', 'a//b', 'src/', 'ü/é.txt', '日本語.txt', '😀', 'a\u0000b', './x', '/abs', 'a/../b', '..', 'back\\slash', 'a b', '(x).txt', '[y]', 'sp ace/', '\r'];
const images = ['alpine:3.19', 'python:3.12-slim', 'node:20-alpine', 'golang:1.22', 'scratch', 'busybox'];
const copySources = ['app.py', 'requirements.txt', 'package*.json', 'src/', 'src', 'go.mod', 'docs', 'scripts/run.sh', 'missing.txt', '*.py', 'data/', '~', 'a:b', '日本語.txt', '[y]'];

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
      'RUN <<EOF\necho one\necho two > /out/h.txt\nEOF',
      'COPY <<EOF /etc/conf\nkey=value\nEOF',
      'RUN cat <<-EOT > /x\n\tindented\n\tEOT',
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
    fc.constantFrom(...copySources).map((s) => `COPY ${s} /dst/`),
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
    .map((stages) => ['ARG BASE=alpine:3.19', ...stages.flatMap((s) => [`FROM ${s.from}${s.name ? ` AS ${s.name}` : ''}`, ...s.body])].join('\n') + '\n');

/** A context's files, including directories, links and odd names when `odd`. */
const contextOf = (odd: boolean) =>
  fc
    .dictionary(
      odd ? fc.constantFrom(...names, ...oddNames) : fc.constantFrom(...names),
      fc.oneof(
        { weight: 6, arbitrary: fc.oneof(fc.string({ maxLength: 20 }), fc.constant('')).map((data): ContextFile => ({ data })) },
        { weight: odd ? 1 : 0, arbitrary: fc.constant<ContextFile>({ type: 'dir' }) },
        { weight: odd ? 1 : 0, arbitrary: fc.constantFrom(...names, ...oddNames, '/', '../x').map((target): ContextFile => ({ type: 'symlink', target })) },
        { weight: odd ? 1 : 0, arbitrary: fc.uint8Array({ maxLength: 600 }).map((data): ContextFile => ({ data })) }
      ),
      { maxKeys: 8 }
    )
    .map((files) => {
      const out: Record<string, ContextFile> = {};
      for (const [p, f] of Object.entries(files)) out[p] = f.type ? f : { ...f, mode: p.endsWith('.sh') ? 0o755 : 0o644 };
      return out;
    });

const ignoreLine = fc.constantFrom('*.md', 'docs', '!docs/readme.md', '**/*.bin', 'Dockerfile', 'unused', '(', 'a(b)c', '[a-z]*', '[', '\\', 'x{2}', 'p+', 'q|r', '!', '**/**/**/*', '~', 'a:b', 'src/', '*'.repeat(25) + 'x');
const ignore = fc.option(fc.array(ignoreLine, { maxLength: 5 }).map((l) => l.join('\n') + '\n'), { nil: undefined });

export interface Generated {
  dockerfile: string;
  files: Record<string, ContextFile>;
  ignore: string | undefined;
  builder: 'buildkit' | 'legacy';
  imageModel: 'generic' | 'oracle';
  args: Record<string, string> | undefined;
}

const options = {
  builder: fc.constantFrom('buildkit' as const, 'legacy' as const),
  imageModel: fc.constantFrom('generic' as const, 'oracle' as const),
  args: fc.option(fc.constantFrom<Record<string, string>>({ V: '1' }, { BASE: 'python:3.12-slim' }, { HTTP_PROXY: 'http://p' }), { nil: undefined })
};

/** Ordinary multi-stage Dockerfiles over a small context (the original property-test input). */
export const structured = (withDot: boolean, odd = false): fc.Arbitrary<Generated> =>
  fc.record({ dockerfile: dockerfile(withDot), files: contextOf(odd), ignore, ...options });

/** Any text, biased to line breaks, CR, NUL, unicode, escapes, variables, heredocs and keywords. */
const textual: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.constantFrom('\r', '\n', '\r\n', '\u0000', 'é', '샗', '춧', '😀', '\\', '`', ' ', '\t', '#', '$', '${', '}', '"', "'", '[', ']', '=', '<<', 'EOF', '-'),
      fc.constantFrom('FROM alpine', 'FROM $X', 'RUN x', 'COPY . .', 'COPY a:b ~ /d/', 'ARG X=', 'ENV X=', '# escape=`', '# syntax=x', 'ONBUILD ', 'WORKDIR ', 'USER '),
      fc.string({ maxLength: 4, unit: 'binary' })
    ),
    { maxLength: 40 }
  )
  .map((parts) => parts.join(''));

/** ARG or ENV values doubling line after line, before or after FROM, used by a RUN; or a shell doing the same. */
const bomb: fc.Arbitrary<string> = fc
  .record({ levels: fc.integer({ min: 1, max: 40 }), keyword: fc.constantFrom('ARG', 'ENV'), beforeFrom: fc.boolean(), shell: fc.boolean() })
  .map(({ levels, keyword, beforeFrom, shell }) => {
    if (shell) return `FROM alpine\nRUN A=x${Array.from({ length: levels }, () => '; A=$A$A').join('')}; echo $A > /out\n`;
    const defs = [`${keyword === 'ENV' && beforeFrom ? 'ARG' : keyword} A0=x`];
    for (let i = 1; i <= levels; i++) defs.push(`${keyword === 'ENV' && beforeFrom ? 'ARG' : keyword} A${i}=\${A${i - 1}}\${A${i - 1}}`);
    const use = [`RUN echo $A${levels}`, `LABEL l=$A${levels}`, `WORKDIR /$A${levels}`];
    return beforeFrom ? [...defs, 'FROM alpine', `ARG A${levels}`, ...use].join('\n') : ['FROM alpine', ...defs, ...use].join('\n');
  });

/** A Dockerfile of thousands of instructions. */
const huge: fc.Arbitrary<string> = fc
  .record({ n: fc.integer({ min: 1000, max: 10000 }), line: fc.constantFrom('RUN echo $I', 'ENV I=1', 'ARG I=2', 'COPY app.py /app/', 'WORKDIR /w', 'LABEL i=$I') })
  .map(({ n, line }) => ['FROM alpine', ...Array.from({ length: n }, (_, i) => line.replace('$I', String(i)))].join('\n'));

/** Every kind of input the fuzz makes, in proportions that keep a case fast on average. */
export const anyInput: fc.Arbitrary<Generated> = fc.oneof(
  { weight: 400, arbitrary: structured(true, true) },
  { weight: 100, arbitrary: structured(false, true) },
  { weight: 300, arbitrary: fc.record({ dockerfile: textual, files: contextOf(true), ignore, ...options }) },
  { weight: 150, arbitrary: fc.record({ dockerfile: bomb, files: contextOf(false), ignore: fc.constant(undefined), ...options }) },
  { weight: 1, arbitrary: fc.record({ dockerfile: huge, files: contextOf(false), ignore: fc.constant(undefined), ...options }) }
);

export function toInput(x: Generated): BuildInput {
  const files: Record<string, ContextFile> = { ...x.files };
  if (x.ignore !== undefined) files['.dockerignore'] = { data: x.ignore };
  return { dockerfile: x.dockerfile, context: { files }, builder: x.builder, imageModel: x.imageModel, buildArgs: x.args };
}

/** The engine reporting its own failure (build() turns an exception into this diagnostic). */
export const internalError = (r: BuildResult) => r.diagnostics.some((d) => d.code === 'engine' && d.message.includes('could not simulate'));

/** Printed steps of a rebuild that should have come from the cache, as `line:status`. */
export function notCachedOnRebuild(second: BuildResult): string[] {
  return second.steps
    .filter((s) => s.printed && s.reason.kind !== 'always-runs' && s.keyword !== 'FROM' && s.status !== 'cached')
    .map((s) => `${s.range.line}:${s.status}`);
}

/** Builds once from an empty cache, then again from the cache it left. */
export function buildTwice(i: BuildInput): { first: BuildResult; second: BuildResult | null } {
  const first = build({ ...i, cache: emptyCache() });
  return { first, second: first.error ? null : build({ ...i, cache: first.cache }) };
}
