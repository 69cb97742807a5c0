/**
 * The advisor on realistic Dockerfiles of several ecosystems. Each proposal is
 * then replayed on a different day than the one it was checked on (new files,
 * two dependency changes, a build arg, base-image updates) and must leave the
 * image the same in every build of it.
 */
import { describe, expect, it } from 'vitest';
import type { Day } from '../day';
import { expandDay } from '../day-edits';
import { imageContents, imageDifferences } from '../image';
import type { Builder, ContextFile } from '../types';
import { advise } from './index';

interface Example {
  name: string;
  dockerfile: string;
  files: Record<string, string>;
  /** Kinds the advisor must propose, with BuildKit. */
  expect: string[];
}

const examples: Example[] = [
  {
    name: 'Go service, modules downloaded after copying everything',
    dockerfile:
      'FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go mod download\nRUN CGO_ENABLED=0 go build -o /out/api ./cmd/api\n\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /out/api /api\nUSER nonroot\nENTRYPOINT ["/api"]\n',
    files: {
      'go.mod': 'module example.com/api\n\ngo 1.22\n\nrequire github.com/go-chi/chi/v5 v5.0.12\n',
      'go.sum': 'github.com/go-chi/chi/v5 v5.0.12 h1:x=\n',
      'cmd/api/main.go': 'package main\n\nfunc main() {}\n',
      'internal/store/store.go': 'package store\n'
    },
    expect: ['deps-first', 'cache-mount']
  },
  {
    name: 'Maven app, dependencies resolved after copying the source',
    dockerfile:
      'FROM maven:3.9-eclipse-temurin-21 AS build\nWORKDIR /app\nCOPY . .\nRUN mvn -B dependency:go-offline\nRUN mvn -B -o package -DskipTests\n\nFROM eclipse-temurin:21-jre\nCOPY --from=build /app/target/app.jar /app.jar\nCMD ["java", "-jar", "/app.jar"]\n',
    files: {
      'pom.xml': '<project><artifactId>app</artifactId></project>\n',
      'src/main/java/App.java': 'class App {}\n'
    },
    expect: ['deps-first']
  },
  {
    name: 'Next.js app with Yarn 1',
    dockerfile:
      'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN yarn install --frozen-lockfile\nRUN yarn build\nEXPOSE 3000\nCMD ["yarn", "start"]\n',
    files: {
      'package.json':
        '{\n  "name": "site",\n  "scripts": { "build": "next build", "start": "next start" },\n  "dependencies": { "next": "14.2.5" }\n}\n',
      'yarn.lock': '# yarn lockfile v1\n',
      'pages/index.js': 'export default () => null;\n',
      '.dockerignore': 'node_modules\n.next\n'
    },
    expect: ['deps-first', 'cache-mount']
  },
  {
    name: 'Python app with uv',
    dockerfile:
      'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN uv sync --frozen --no-install-project\nCMD ["uv", "run", "app.py"]\n',
    files: {
      'pyproject.toml': '[project]\nname = "app"\ndependencies = ["httpx"]\n',
      'uv.lock': 'version = 1\n',
      'app.py': 'print(1)\n'
    },
    expect: ['deps-first', 'cache-mount']
  },
  {
    name: 'Rails app with system packages installed after the source',
    dockerfile:
      'FROM ruby:3.3-slim\nWORKDIR /app\nCOPY . .\nRUN apt-get update && apt-get install -y --no-install-recommends build-essential libpq-dev\nRUN bundle install --frozen\nEXPOSE 3000\nCMD ["bin/rails", "server", "-b", "0.0.0.0"]\n',
    files: {
      Gemfile: "source 'https://rubygems.org'\ngem 'rails', '~> 7.1'\n",
      'Gemfile.lock': 'GEM\n  specs:\n',
      'app/models/user.rb': 'class User; end\n',
      'bin/rails': '#!/usr/bin/env ruby\n'
    },
    expect: ['install-early']
  },
  {
    name: 'an already good Python Dockerfile',
    dockerfile:
      'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\nCOPY . .\nCMD ["python", "app.py"]\n',
    files: { 'requirements.txt': 'flask\n', 'app.py': 'print(1)\n' },
    expect: []
  }
];

/** Another day than the default: new files, two dependency changes, an arg, image updates. */
const otherDay: Day = {
  version: 1,
  buildArgs: { GIT_SHA: 'sha-{n}' },
  builds: [
    { edits: [{ kind: 'file', path: 'docs/NOTES.md', data: 'notes\n' }] },
    { edits: [{ kind: 'dependency' }] },
    { edits: [{ kind: 'source' }, { kind: 'base-image' }], repeat: 2 },
    { edits: [{ kind: 'build-arg', name: 'MODE', value: 'prod' }, { kind: 'dependency' }] },
    { edits: [{ kind: 'file', path: 'extra/tool.sh', data: 'echo hi\n' }] }
  ]
};

function ctx(files: Record<string, string>, dockerfile: string): Record<string, ContextFile> {
  return Object.fromEntries(
    Object.entries({ ...files, Dockerfile: dockerfile }).map(([p, data]) => [p, { data }])
  );
}

describe('the advisor on realistic Dockerfiles', () => {
  for (const ex of examples) {
    for (const builder of ['buildkit', 'legacy'] as Builder[]) {
      it(`${ex.name} (${builder})`, () => {
        const context = { files: ctx(ex.files, ex.dockerfile) };
        const advice = advise({ dockerfile: ex.dockerfile, context, builder });
        const kinds = new Set(advice.proposals.flatMap((p) => (p.kind === 'combined' ? [] : [p.kind])));
        for (const k of ex.expect)
          if (builder === 'buildkit' || k !== 'cache-mount')
            expect(kinds, `${k} in ${[...kinds].join(', ')}`).toContain(k);
        if (!ex.expect.length) expect(advice.proposals).toEqual([]);
        const { warmup, steps } = expandDay(otherDay, {
          context,
          dockerfiles: [{ path: 'Dockerfile', text: ex.dockerfile }]
        });
        for (const p of advice.proposals) {
          expect(p.saving.seconds).toBeGreaterThanOrEqual(0.5);
          for (const st of [warmup, ...steps]) {
            const input = {
              context: { files: { ...st.files, Dockerfile: { data: ex.dockerfile } } },
              builder,
              buildArgs: st.buildArgs,
              images: st.images
            };
            const diff = imageDifferences(
              imageContents({ ...input, dockerfile: ex.dockerfile }),
              imageContents({ ...input, dockerfile: p.dockerfile }),
              p.sameImage.ignored
            );
            expect(diff, `${p.id} after "${st.label}"`).toEqual([]);
          }
        }
      });
    }
  }
});
