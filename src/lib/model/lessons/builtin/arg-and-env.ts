/** Built-in lesson: ARG and ENV */
import type { Lesson } from '../types';
import { nodePackage, nodeLock } from './node-app';

export const argAndEnv: Lesson = {
  id: 'arg-and-env',
  title: 'ARG and ENV',
  summary:
    'A build arg reaches every RUN after its ARG line, used or not. Declare it late; know what ENV touches.',
  setup: {
    dockerfile: `FROM node:20-alpine
WORKDIR /app
ARG BUILD_DATE
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build
LABEL org.opencontainers.image.created=$BUILD_DATE
`,
    files: {
      '.dockerignore': 'node_modules\nDockerfile\n.dockerignore\n',
      'package.json': nodePackage,
      'package-lock.json': nodeLock,
      'src/index.ts': 'console.log("site");\n'
    },
    buildArgs: { BUILD_DATE: '2024-03-01' }
  },
  steps: [
    {
      title: 'A new build date',
      say: 'CI passes `--build-arg BUILD_DATE=…` on every build. Only the LABEL on the last line uses it.',
      task: {
        text: 'Build with `--build-arg BUILD_DATE=2024-03-02`',
        actions: [{ kind: 'build-arg', name: 'BUILD_DATE', value: '2024-03-02' }]
      },
      expect: { rebuilds: [5, 6, 7] },
      explain:
        'Neither RUN mentions $BUILD_DATE, yet both reran: every RUN after an ARG line gets the value in its environment, so a new value is a new key. The COPY right after the ARG stayed cached.',
      evidence: [
        {
          claim:
            'A new --build-arg value misses every RUN after the ARG (and what follows); the COPY after the ARG hits.',
          scenario: 'arg-build-arg-value-unused-by-run',
          build: 'new BUILD_DATE only',
          steps: [
            { daemon: 'COPY package.json package-lock.json ./', cached: true },
            { daemon: 'RUN npm ci', cached: false },
            { daemon: 'COPY . .', cached: false },
            { daemon: 'RUN npm run build', cached: false }
          ]
        }
      ]
    },
    {
      title: 'Declare it where it is used',
      say: 'An ARG is in scope from its line on. Only the LABEL needs BUILD_DATE.',
      task: {
        text: 'Move `ARG BUILD_DATE` down, just above the LABEL.',
        actions: [{ kind: 'move-line', line: 'ARG BUILD_DATE', before: 'LABEL' }],
        checks: [
          { kind: 'order', first: 'RUN npm run build', then: 'ARG BUILD_DATE' },
          { kind: 'order', first: 'ARG BUILD_DATE', then: 'LABEL' }
        ]
      },
      expect: { rebuilds: [4, 5, 6] },
      explain:
        'The move itself costs one rebuild: the RUNs no longer carry BUILD_DATE, so their environment changed.',
      evidence: [
        {
          claim: 'Moving the ARG below the RUNs changes their environment once.',
          scenario: 'lesson-arg-and-env',
          build: 'Declare it where it is used',
          builder: 'buildkit',
          steps: [
            { daemon: 'COPY package.json package-lock.json ./', cached: true },
            { daemon: 'RUN npm ci', cached: false },
            { daemon: 'RUN npm run build', cached: false }
          ]
        }
      ]
    },
    {
      title: 'Another build date',
      say: 'Same change as in the first step.',
      task: {
        text: 'Build with `--build-arg BUILD_DATE=2024-03-03`',
        actions: [{ kind: 'build-arg', name: 'BUILD_DATE', value: '2024-03-03' }]
      },
      expect: { rebuilds: [] },
      explain:
        'Nothing rebuilt: in BuildKit a LABEL only edits the image config, and no step follows the ARG any more.',
      evidence: [
        {
          claim: 'With the ARG declared after the last RUN, a new value keeps every BuildKit step cached.',
          scenario: 'lesson-arg-and-env',
          build: 'Another build date',
          builder: 'buildkit',
          steps: [
            { daemon: 'RUN npm ci', cached: true },
            { daemon: 'COPY . .', cached: true },
            { daemon: 'RUN npm run build', cached: true }
          ]
        }
      ]
    },
    {
      title: 'ENV reaches later RUNs',
      say: 'ENV sets a variable for every later instruction and for the running container.',
      task: {
        text: 'Add `ENV NODE_ENV=production` on its own line above `COPY . .`',
        actions: [
          { kind: 'edit', path: 'Dockerfile', find: 'COPY . .', replace: 'ENV NODE_ENV=production\nCOPY . .' }
        ],
        checks: [{ kind: 'order', first: 'ENV NODE_ENV=production', then: 'RUN npm run build' }]
      },
      expect: { rebuilds: [7] },
      explain:
        'BuildKit kept `COPY . .` cached (a COPY does not read the environment) and reran the RUN, which does. The legacy builder would miss at the ENV line and rebuild everything after it.',
      evidence: [
        {
          claim: 'In BuildKit, a changed ENV keeps the COPYs after it cached and reruns the RUN.',
          scenario: 'env-change-copy-vs-run',
          build: 'change JAVA_OPTS',
          builder: 'buildkit',
          steps: [
            { daemon: 'COPY config/ config/', cached: true, lesson: 'COPY . .' },
            { daemon: 'RUN mkdir -p logs', cached: false, lesson: 'RUN npm run build' }
          ]
        },
        {
          claim: 'The legacy builder misses at the ENV line and cascades through the COPYs.',
          scenario: 'env-change-copy-vs-run',
          build: 'change JAVA_OPTS',
          builder: 'legacy',
          steps: [
            { daemon: 'ENV JAVA_OPTS', cached: false, lesson: false },
            { daemon: 'COPY config/ config/', cached: false, lesson: false }
          ]
        }
      ]
    }
  ]
};
