import { describe, expect, it } from 'vitest';
import type { Day } from '../day';
import { expandDay } from '../day-edits';
import { imageContents, imageDifferences } from '../image';
import { seedPair } from '../seed';
import type { Builder, ContextFile } from '../types';
import { advise } from './index';
import { originalContents, sameImage } from './verify';

function files(map: Record<string, string>): { files: Record<string, ContextFile> } {
  return { files: Object.fromEntries(Object.entries(map).map(([p, data]) => [p, { data }])) };
}

const py = { 'requirements.txt': 'flask==3.0.3\n', 'app.py': 'print(1)\n', 'lib/util.py': 'x = 1\n' };
const node = {
  'package.json': '{\n  "name": "web",\n  "scripts": { "build": "vite build" }\n}\n',
  'package-lock.json': '{\n  "lockfileVersion": 3\n}\n',
  'src/main.js': 'console.log(1)\n'
};

function kinds(
  dockerfile: string,
  ctx: Record<string, string>,
  builder: Builder = 'buildkit',
  day?: Day
): string[] {
  return advise({ dockerfile, context: files(ctx), builder, day }).proposals.map((p) => p.kind);
}

describe('dependencies before the source', () => {
  const df =
    'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["python", "app.py"]\n';

  it('copies the manifest, installs, then copies the rest, with the saving over the day', () => {
    const a = advise({ dockerfile: df, context: files(py), builder: 'legacy' });
    const p = a.proposals.find((x) => x.kind === 'deps-first');
    expect(p?.dockerfile).toBe(
      'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt ./\nRUN pip install -r requirements.txt\nCOPY . .\nCMD ["python", "app.py"]\n'
    );
    expect(p?.saving.seconds).toBeGreaterThan(400);
    expect(p?.saving.perBuild).toHaveLength(12);
    expect(p?.sameImage.states).toBe(13);
    // The diff rebuilds both texts and changes three lines.
    const diff = p?.diff ?? [];
    expect(
      diff
        .filter((d) => d.op !== 'add')
        .map((d) => d.text)
        .join('\n')
    ).toBe(df);
    expect(
      diff
        .filter((d) => d.op !== 'remove')
        .map((d) => d.text)
        .join('\n')
    ).toBe(p?.dockerfile);
    expect(diff.filter((d) => d.op !== 'same')).toHaveLength(3);
  });

  it('follows requirement files that include others', () => {
    const ctx = {
      ...py,
      'requirements.txt': '-r requirements/base.txt\n',
      'requirements/base.txt': 'flask\n'
    };
    const p = advise({ dockerfile: df, context: files(ctx) }).proposals.find((x) => x.kind === 'deps-first');
    expect(p?.dockerfile).toContain('COPY requirements.txt ./\nCOPY requirements/base.txt requirements/\n');
  });

  it('splits a COPY that names the manifests among its sources', () => {
    const d =
      'FROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json src/ ./\nRUN npm ci\nRUN npm run build\n';
    const p = advise({ dockerfile: d, context: files(node) }).proposals.find((x) => x.kind === 'split-copy');
    expect(p?.dockerfile).toBe(
      'FROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY src/ ./\nRUN npm run build\n'
    );
  });

  it('keeps --chown on the manifest copy and an annotation with its instruction', () => {
    const d =
      'FROM python:3.12-slim\nWORKDIR /app\nCOPY --chown=1000:1000 . .\n# layerlab: 90s\nRUN pip install -r requirements.txt\n';
    const p = advise({ dockerfile: d, context: files(py) }).proposals.find((x) => x.kind === 'deps-first');
    expect(p?.dockerfile).toBe(
      'FROM python:3.12-slim\nWORKDIR /app\nCOPY --chown=1000:1000 requirements.txt ./\n# layerlab: 90s\nRUN pip install -r requirements.txt\nCOPY --chown=1000:1000 . .\n'
    );
  });
});

describe('never a change that alters the result', () => {
  const cases: Array<[string, string, Record<string, string>]> = [
    [
      'pip installs the project itself',
      'FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install -e .\n',
      py
    ],
    [
      'requirements.txt points at local code',
      'FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n',
      { ...py, 'requirements.txt': 'flask\n-e ./lib\n' }
    ],
    [
      'the install also runs project code',
      'FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt && python manage.py collectstatic\n',
      py
    ],
    [
      'npm runs a postinstall script',
      'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\n',
      { ...node, 'package.json': '{"name":"x","scripts":{"postinstall":"node scripts/patch.js"}}' }
    ],
    [
      'the source holds node_modules, which would overwrite the install',
      'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\n',
      { ...node, 'node_modules/left-pad/index.js': 'x' }
    ],
    [
      'npm install may rewrite the lock file',
      'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm install\n',
      node
    ],
    [
      'an ENV between the COPY and the install',
      'FROM python:3.12\nWORKDIR /app\nCOPY . .\nENV PIP_INDEX_URL=https://mirror.example/simple\nRUN pip install -r requirements.txt\n',
      py
    ],
    [
      'a COPY between writes into the working directory',
      'FROM node:20\nWORKDIR /app\nCOPY . .\nCOPY deploy/npmrc .npmrc\nRUN npm ci\n',
      { ...node, 'deploy/npmrc': 'registry=x\n' }
    ],
    [
      'a build tool the advisor does not know',
      'FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN make deps\n',
      { ...py, Makefile: 'deps:\n\tpip install -r requirements.txt\n' }
    ],
    [
      'go.mod replaces a module with a local directory',
      'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go mod download\nRUN go build -o /app .\n',
      {
        'go.mod': 'module x\nreplace example.com/y => ./y\n',
        'go.sum': '',
        'main.go': 'package main\n',
        'y/y.go': 'package y\n'
      }
    ]
  ];

  for (const [what, dockerfile, ctx] of cases) {
    it(`moves no install when ${what}`, () => {
      for (const builder of ['buildkit', 'legacy'] as const) {
        const moves = advise({ dockerfile, context: files(ctx), builder }).proposals.filter(
          (p) => p.kind !== 'cache-mount'
        );
        expect(moves.map((p) => p.dockerfile)).toEqual([]);
      }
    });
  }

  it('the image check catches a naive reorder: the install moved above the COPY it needs', () => {
    const original = 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n';
    const naive = 'FROM python:3.12\nWORKDIR /app\nRUN pip install -r requirements.txt\nCOPY . .\n';
    const { warmup, steps } = expandDay(
      { version: 1, builds: [{ edits: [{ kind: 'source' }] }] },
      { context: files(py), dockerfiles: [{ path: 'Dockerfile', text: original }] }
    );
    const states = [warmup, ...steps];
    const verdict = sameImage(original, naive, states, originalContents(original, states, {}), {}, []);
    expect(verdict.same).toBe(false);
    expect(verdict.differences[0]).toMatch(/site-packages/);
  });

  it('the image check catches a moved ARG that a RUN expanded', () => {
    const a = 'FROM alpine:3.19\nARG V=1\nRUN echo $V > /v\nRUN echo done\n';
    const b = 'FROM alpine:3.19\nRUN echo $V > /v\nARG V=1\nRUN echo done\n';
    expect(
      imageDifferences(
        imageContents({ dockerfile: a, context: files({}) }),
        imageContents({ dockerfile: b, context: files({}) })
      )
    ).toEqual(['/v: content, mode or owner differ']);
  });
});

describe('system packages before the source', () => {
  it('moves an apt-get install above COPY . .', () => {
    const d =
      'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN apt-get update && apt-get install -y libpq5 && rm -rf /var/lib/apt/lists/*\nCMD ["python", "app.py"]\n';
    const p = advise({ dockerfile: d, context: files(py) }).proposals.find((x) => x.kind === 'install-early');
    expect(p?.dockerfile).toBe(
      'FROM python:3.12-slim\nWORKDIR /app\nRUN apt-get update && apt-get install -y libpq5 && rm -rf /var/lib/apt/lists/*\nCOPY . .\nCMD ["python", "app.py"]\n'
    );
  });

  it('does not move it past a COPY into a system directory it may read', () => {
    const d =
      'FROM debian:12\nWORKDIR /app\nCOPY sources.list /etc/apt/sources.list\nRUN apt-get update && apt-get install -y curl\n';
    expect(kinds(d, { 'sources.list': 'deb http://mirror/debian bookworm main\n' })).toEqual([]);
  });
});

describe('an ARG just above its first use', () => {
  const day: Day = {
    version: 1,
    buildArgs: { GIT_SHA: 'sha-{n}' },
    builds: [{ edits: [{ kind: 'source' }], repeat: 3 }]
  };

  it('moves a commit SHA below the expensive steps that do not use it', () => {
    const d =
      'FROM python:3.12-slim\nARG GIT_SHA\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nRUN echo $GIT_SHA > /version\n';
    const p = advise({ dockerfile: d, context: files(py), day }).proposals.find((x) => x.kind === 'arg-down');
    expect(p?.dockerfile).toBe(
      'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nARG GIT_SHA\nRUN echo $GIT_SHA > /version\n'
    );
  });

  it('does not move a variable tools read on their own past a RUN', () => {
    const d =
      'FROM node:20\nARG NODE_ENV=production\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n';
    const withEnv: Day = {
      version: 1,
      builds: [{ edits: [{ kind: 'build-arg', name: 'NODE_ENV', value: 'development' }] }]
    };
    const moved = advise({ dockerfile: d, context: files(node), day: withEnv }).proposals.filter(
      (p) => p.kind === 'arg-down' || p.kind === 'combined'
    );
    for (const p of moved)
      expect(p.dockerfile.indexOf('ARG NODE_ENV')).toBeLessThan(p.dockerfile.indexOf('RUN npm ci'));
  });

  it('proposes nothing when the day never changes the ARG', () => {
    const d =
      'FROM python:3.12-slim\nARG MODE=prod\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n';
    expect(
      kinds(d, py, 'buildkit', { version: 1, builds: [{ edits: [{ kind: 'source' }], repeat: 3 }] })
    ).toEqual([]);
  });
});

describe('a cache mount for downloads', () => {
  const d =
    'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\n';

  it('mounts pip cache and drops --no-cache-dir, with BuildKit only', () => {
    const p = advise({ dockerfile: d, context: files(py) }).proposals.find((x) => x.kind === 'cache-mount');
    expect(p?.dockerfile).toContain(
      'RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\n'
    );
    expect(p?.sameImage.ignored).toEqual(['/root/.cache/pip']);
    expect(kinds(d, py, 'legacy')).not.toContain('cache-mount');
  });

  it('not for a user whose cache directory is elsewhere', () => {
    expect(kinds(d.replace('WORKDIR /app', 'USER app\nWORKDIR /app'), py)).not.toContain('cache-mount');
  });

  it('not over a package store that a later step reads', () => {
    const m =
      'FROM maven:3.9\nWORKDIR /app\nCOPY pom.xml .\nRUN mvn dependency:go-offline\nCOPY src ./src\nRUN mvn -o package\n';
    const a = advise({
      dockerfile: m,
      context: files({ 'pom.xml': '<project/>\n', 'src/Main.java': 'class Main {}\n' })
    });
    expect(a.proposals.find((p) => p.lines.includes(4) && p.kind === 'cache-mount')).toBeUndefined();
    expect(a.rejected.some((r) => r.kind === 'cache-mount' && /may need \/root\/.m2/.test(r.why))).toBe(true);
  });
});

describe('volatile metadata last', () => {
  const d =
    'FROM python:3.12-slim\nARG GIT_SHA\nLABEL org.opencontainers.image.revision=$GIT_SHA\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD ["python", "app.py"]\n';
  const day: Day = {
    version: 1,
    buildArgs: { GIT_SHA: 'sha-{n}' },
    builds: [{ edits: [{ kind: 'source' }], repeat: 3 }]
  };

  it('moves a LABEL that changes every build, and its ARG, to the end of the stage', () => {
    for (const builder of ['legacy', 'buildkit'] as const) {
      const p = advise({ dockerfile: d, context: files(py), builder, day }).proposals.find(
        (x) => x.kind === 'metadata-late'
      );
      expect(p?.dockerfile).toBe(
        'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD ["python", "app.py"]\nARG GIT_SHA\nLABEL org.opencontainers.image.revision=$GIT_SHA\n'
      );
    }
  });

  it('keeps an earlier CMD where a later one would override it', () => {
    const twice = 'FROM alpine:3.19\nARG MODE\nCMD ["run", "$MODE"]\nRUN sleep 5\nCMD ["serve"]\n';
    const a = advise({
      dockerfile: twice,
      context: files({}),
      builder: 'legacy',
      day: { version: 1, buildArgs: { MODE: 'm{n}' }, builds: [{ edits: [], repeat: 2 }] }
    });
    expect(a.proposals.filter((p) => p.kind === 'metadata-late')).toEqual([]);
  });
});

describe('changes that only pay off together', () => {
  it('are offered as one, and each step keeps the image', () => {
    const d =
      'FROM node:20-slim\nARG GIT_SHA\nWORKDIR /app\nCOPY . .\nRUN apt-get update && apt-get install -y curl\nRUN npm ci\nRUN npm run build\nLABEL revision=$GIT_SHA\n';
    const a = advise({
      dockerfile: d,
      context: files(node),
      builder: 'legacy',
      day: {
        version: 1,
        buildArgs: { GIT_SHA: 'sha-{n}' },
        builds: [{ edits: [{ kind: 'source' }], repeat: 4 }]
      }
    });
    expect(a.proposals[0].kind).toBe('combined');
    expect(a.proposals[0].dockerfile).toBe(
      'FROM node:20-slim\nWORKDIR /app\nRUN apt-get update && apt-get install -y curl\nCOPY package-lock.json package.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\nARG GIT_SHA\nLABEL revision=$GIT_SHA\n'
    );
    expect(a.proposals[0].saving.seconds).toBeGreaterThan(50);
  });
});

describe('the seed pair', () => {
  it('B gets the fix that turns it into A', () => {
    const s = seedPair();
    const a = advise({ dockerfile: s.b, context: s.context, day: s.day });
    expect(a.proposals.find((p) => p.kind === 'deps-first')?.dockerfile).toBe(
      s.a.replace('COPY requirements.txt .', 'COPY requirements.txt ./')
    );
    expect(advise({ dockerfile: s.a, context: s.context, day: s.day }).proposals.map((p) => p.kind)).toEqual([
      'cache-mount'
    ]);
  });

  it('is deterministic and never throws on nonsense', () => {
    const s = seedPair();
    expect(advise({ dockerfile: s.b, context: s.context })).toEqual(
      advise({ dockerfile: s.b, context: s.context })
    );
    expect(advise({ dockerfile: 'FROM', context: { files: {} } }).proposals).toEqual([]);
    expect(advise({ dockerfile: '', context: { files: {} } }).proposals).toEqual([]);
  });
});

describe('calibrated figures', () => {
  it('follow an install into its rewrite: moved as they were, scaled by what a cache mount saves', () => {
    const d =
      'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["python", "app.py"]\n';
    const costs = { lines: { 4: 120 } };
    const a = advise({
      dockerfile: d,
      context: files(py),
      costs,
      day: { version: 1, builds: [{ edits: [{ kind: 'source' }], repeat: 2 }] }
    });
    // 2 source edits: the install reruns twice in the original, at its calibrated 120 s.
    expect(a.baseline).toBeGreaterThan(240);
    const first = a.proposals.find((p) => p.kind === 'deps-first');
    expect(first?.saving.seconds).toBeGreaterThan(239);
    // pip with a warm cache mount: 15 s of the 45 s default, so 120 s becomes 40 s.
    const mount = a.proposals.find((p) => p.kind === 'cache-mount');
    expect(mount?.saving.seconds).toBeCloseTo(2 * (120 - 40), 0);
  });
});
