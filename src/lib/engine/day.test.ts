import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultDay, normalizeDay, volatileArgs, type Day } from './day';
import { editedText, expandDay } from './day-edits';
import { isManifest, manifestGroups, sourceFiles } from './day-files';
import type { ContextFile } from './types';

const files: Record<string, ContextFile> = {
  Dockerfile: { data: 'FROM python:3.12-slim\nCOPY . .\n' },
  '.dockerignore': { data: 'docs/\n' },
  'requirements.txt': { data: 'flask\n' },
  'app.py': { data: 'print(1)\n' },
  'lib/util.py': { data: 'x = 1\n' },
  'README.md': { data: '# hi\n' },
  'docs/guide.md': { data: 'ignored\n' },
  'web/package.json': { data: '{\n  "name": "web"\n}\n' },
  'web/package-lock.json': { data: '{\n  "lockfileVersion": 3\n}\n' },
  'web/src/main.ts': { data: 'export {};\n' }
};
const start = {
  context: { files },
  dockerfiles: [{ path: 'Dockerfile', text: String(files.Dockerfile.data) }]
};

describe('which files an edit picks', () => {
  it('manifests, locks and package-manager configuration are not source', () => {
    expect(
      [
        'requirements.txt',
        'web/package-lock.json',
        'go.sum',
        'Cargo.toml',
        'app.csproj',
        '.npmrc',
        'pom.xml'
      ].every(isManifest)
    ).toBe(true);
    expect(['app.py', 'src/main.go', 'README.md', 'setup.py'].some(isManifest)).toBe(false);
  });

  it('source edits take code files first, in path order, and skip ignored files, the Dockerfile and .dockerignore', () => {
    expect(sourceFiles(files, (p) => p.startsWith('docs/'), ['Dockerfile'])).toEqual([
      'app.py',
      'lib/util.py',
      'web/src/main.ts',
      'README.md'
    ]);
  });

  it('a dependency change edits a manifest with the lock files beside it', () => {
    expect(manifestGroups(Object.keys(files))).toEqual([
      { ecosystem: 'python', files: ['requirements.txt'] },
      { ecosystem: 'node', files: ['web/package.json', 'web/package-lock.json'] }
    ]);
  });

  it('edits keep the file in its own syntax', () => {
    expect(editedText('app.py', 'print(1)\n', 3)).toBe('print(1)\n# layerlab edit 3\n');
    expect(editedText('main.go', 'package main', 1)).toBe('package main\n// layerlab edit 1\n');
    expect(JSON.parse(editedText('package.json', '{\n  "name": "web"\n}\n', 2))).toEqual({
      '//': 'layerlab edit 2',
      name: 'web'
    });
  });
});

describe('expanding a day', () => {
  it('the default day is 10 source edits, a dependency change and a base-image update', () => {
    const { steps } = expandDay(defaultDay(), start);
    expect(steps.map((s) => s.kinds[0])).toEqual([
      ...Array(5).fill('source'),
      'dependency',
      ...Array(5).fill('source'),
      'base-image'
    ]);
  });

  it('successive source edits rotate through the source files and really change them', () => {
    const { warmup, steps } = expandDay(defaultDay(), start);
    expect(steps.slice(0, 5).map((s) => s.changed[0])).toEqual([
      'app.py',
      'lib/util.py',
      'web/src/main.ts',
      'README.md',
      'app.py'
    ]);
    expect(steps[0].files['app.py'].data).not.toBe(warmup.files['app.py'].data);
    expect(steps[4].files['app.py'].data).not.toBe(steps[3].files['app.py'].data);
  });

  it('a base-image update gives every named image new content from then on', () => {
    const { warmup, steps } = expandDay(defaultDay(), start);
    const last = steps[steps.length - 1];
    expect(last.changed).toEqual(['python:3.12-slim updated']);
    expect(last.images['python:3.12-slim']).toMatch(/^sha256:/);
    expect(warmup.images['python:3.12-slim']).toBeUndefined();
  });

  it('templated build args change every build', () => {
    const day: Day = { version: 1, buildArgs: { GIT_SHA: 'sha-{n}' }, builds: [{ edits: [], repeat: 2 }] };
    const { warmup, steps } = expandDay(day, start);
    expect([warmup, ...steps].map((s) => s.buildArgs.GIT_SHA)).toEqual(['sha-0', 'sha-1', 'sha-2']);
    expect(steps[0].changed).toEqual(['GIT_SHA=sha-1']);
  });

  it('explicit edits write, delete and set build args', () => {
    const day: Day = {
      version: 1,
      builds: [
        {
          edits: [
            { kind: 'file', path: 'new.txt', data: 'hi' },
            { kind: 'file', path: 'README.md', data: null },
            { kind: 'build-arg', name: 'MODE', value: 'prod' }
          ]
        }
      ]
    };
    const s = expandDay(day, start).steps[0];
    expect(s.files['new.txt'].data).toBe('hi');
    expect(s.files['README.md']).toBeUndefined();
    expect(s.buildArgs.MODE).toBe('prod');
  });

  it('an edit that finds nothing to change says so', () => {
    const s = expandDay(
      { version: 1, builds: [{ edits: [{ kind: 'dependency' }] }] },
      { context: { files: { 'a.py': { data: '' } } }, dockerfiles: [] }
    ).steps[0];
    expect(s.changed).toEqual(['no dependency manifest in the context']);
  });
});

describe('saving and loading a day', () => {
  it('round-trips through JSON', () => {
    const day = defaultDay({ dockerfiles: ['FROM a\nARG GIT_SHA\n'] });
    expect(normalizeDay(JSON.parse(JSON.stringify(day)))).toEqual(day);
    expect(day.buildArgs).toEqual({ GIT_SHA: 'git_sha-{n}' });
  });

  it('drops what it cannot read and never throws', () => {
    expect(normalizeDay(null)).toEqual(defaultDay());
    expect(
      normalizeDay({ builds: [{ edits: [{ kind: 'nope' }, { kind: 'source' }], repeat: 1e9 }, 'x'] })
    ).toEqual({ version: 1, builds: [{ edits: [{ kind: 'source' }], repeat: 100 }] });
  });

  it('build args that change every CI build are recognised by name', () => {
    expect(
      volatileArgs(['ARG GIT_SHA\nARG VCS_REF BUILD_DATE\nARG VERSION=1\nARG NODE_ENV=production'])
    ).toEqual(['BUILD_DATE', 'GIT_SHA', 'VCS_REF']);
  });
});

describe('any saved value', () => {
  it('loads as a day that expands without throwing', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const day = normalizeDay(v);
        expect(day.version).toBe(1);
        expandDay(day, start);
      }),
      { numRuns: 200 }
    );
  });
});

describe('a context given as a Map', () => {
  it('expands like the same context given as a record', () => {
    const asMap = { files: new Map(Object.entries(files)) } as unknown as { files: Record<string, ContextFile> };
    expect(expandDay(defaultDay(), { ...start, context: asMap })).toEqual(expandDay(defaultDay(), start));
  });
});
