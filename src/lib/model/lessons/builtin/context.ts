/** Lessons 4 and 5: what the daemon receives, and how ARG and ENV reach a step's key. */
import type { Lesson } from '../types';

const nodePackage =
  '{\n  "name": "web",\n  "scripts": { "build": "tsc" },\n  "dependencies": { "express": "^4.19.2" }\n}\n';
const nodeLock =
  '{ "lockfileVersion": 3, "packages": { "node_modules/express": { "version": "4.19.2" } } }\n';

export const dockerignore: Lesson = {
  id: 'dockerignore',
  title: '.dockerignore, and the Dockerfile in its own context',
  summary:
    'Files the .dockerignore excludes never reach the daemon. The Dockerfile itself is a file in the context.',
  setup: {
    dockerfile: `# web app image
FROM node:20-slim
WORKDIR /app
COPY . .
RUN npm ci && npm run build
CMD ["node", "dist/app.js"]
`,
    files: {
      '.dockerignore': 'node_modules\n.env\n*.log\n',
      'package.json': nodePackage,
      'package-lock.json': nodeLock,
      'src/app.ts': 'console.log("web");\n',
      '.env': 'SECRET=1\n',
      'npm-debug.log': 'debug 1\n'
    }
  },
  steps: [
    {
      title: 'Edit an ignored file',
      say: '.dockerignore lists `.env`. The client leaves it out of the context it sends.',
      task: {
        text: 'Change the secret in .env: `SECRET=1` → `SECRET=2`',
        actions: [{ kind: 'edit', path: '.env', find: 'SECRET=1', replace: 'SECRET=2' }]
      },
      expect: { rebuilds: [] },
      explain: '`COPY . .` never saw .env, so nothing it copies changed: every step stayed cached.',
      evidence: [
        {
          claim: 'Editing a file that .dockerignore excludes keeps COPY . . and the RUN after it cached.',
          scenario: 'dockerignore-excluded-files',
          build: 'edit .env (ignored)',
          steps: [
            { daemon: 'COPY . .', cached: true },
            { daemon: 'RUN npm ci', cached: true }
          ]
        }
      ]
    },
    {
      title: 'Edit a comment in the Dockerfile',
      say: 'A comment is not an instruction. But where does the Dockerfile live?',
      task: {
        text: 'Change the comment on line 1: “web app image” → “web app image, built by CI”.',
        actions: [
          {
            kind: 'edit',
            path: 'Dockerfile',
            find: '# web app image',
            replace: '# web app image, built by CI'
          }
        ],
        checks: [{ kind: 'contains', path: 'Dockerfile', text: 'built by CI' }]
      },
      expect: { rebuilds: [4, 5] },
      explain:
        'No instruction changed, yet `COPY . .` rebuilt: the Dockerfile sits in its own build context, and `COPY . .` copies it along with everything else.',
      evidence: [
        {
          claim: 'A comment added to the Dockerfile misses COPY . . when COPY . . copies the Dockerfile.',
          scenario: 'dockerfile-comment-with-copy-all',
          build: 'add a comment at the top of the Dockerfile',
          steps: [
            { daemon: 'RUN pip install', cached: true, lesson: false },
            { daemon: 'COPY . .', cached: false }
          ]
        }
      ]
    },
    {
      title: 'Keep the Dockerfile out',
      say: 'The image does not need its own Dockerfile, nor the .dockerignore. BuildKit reads the Dockerfile separately, so ignoring it is safe.',
      task: {
        text: 'Add the lines `Dockerfile` and `.dockerignore` to .dockerignore.',
        actions: [
          {
            kind: 'edit',
            path: '.dockerignore',
            find: '*.log\n',
            replace: '*.log\nDockerfile\n.dockerignore\n'
          }
        ],
        checks: [
          { kind: 'contains', path: '.dockerignore', text: 'Dockerfile' },
          { kind: 'contains', path: '.dockerignore', text: '.dockerignore' }
        ]
      },
      expect: { rebuilds: [4, 5] },
      explain: 'This once, `COPY . .` missed: it now copies two files fewer.',
      evidence: [
        {
          claim: 'Excluding files that COPY . . used to copy misses it once.',
          scenario: 'dockerignore-edited',
          build: 'ignore stories/ in .dockerignore',
          steps: [
            { daemon: 'COPY . .', cached: false },
            { daemon: 'RUN npm run build', cached: false, lesson: 'RUN npm ci' }
          ]
        }
      ]
    },
    {
      title: 'Edit the comment again',
      say: 'Same edit as two steps ago.',
      task: {
        text: 'Change the comment again: “built by CI” → “built by CI nightly”.',
        actions: [{ kind: 'edit', path: 'Dockerfile', find: 'built by CI', replace: 'built by CI nightly' }],
        checks: [{ kind: 'contains', path: 'Dockerfile', text: 'nightly' }]
      },
      expect: { rebuilds: [] },
      explain: 'All cached: with the Dockerfile ignored, comments cost nothing.',
      evidence: [
        {
          claim: 'When .dockerignore lists the Dockerfile, a Dockerfile comment keeps every step cached.',
          scenario: 'dockerignore-self-excluded-edit',
          build: 'add a comment to the Dockerfile (ignored)',
          steps: [
            { daemon: 'COPY . .', cached: true },
            { daemon: 'RUN bundle install', cached: true, lesson: false }
          ]
        }
      ]
    }
  ]
};

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
