/** Built-in lesson: .dockerignore, and the Dockerfile in its own context */
import type { Lesson } from '../types';
import { nodePackage, nodeLock } from './node-app';

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
