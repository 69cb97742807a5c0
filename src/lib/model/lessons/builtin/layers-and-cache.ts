/** Built-in lesson: Layers and the cache */
import type { Lesson } from '../types';
import { flaskApp, requirements, withRequests } from './python-app';

export const layersAndCache: Lesson = {
  id: 'layers-and-cache',
  title: 'Layers and the cache',
  summary:
    'Each step of a build is kept in the cache. Watch a first build, an unchanged rebuild, and a miss that cascades.',
  setup: {
    dockerfile: `FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
CMD ["python", "app.py"]
`,
    files: { 'app.py': flaskApp, 'requirements.txt': requirements },
    prebuilt: false
  },
  steps: [
    {
      title: 'The first build',
      say: 'FROM, WORKDIR, COPY and RUN each make a step whose result is a layer; CMD only sets metadata.\n\nThis daemon has never built the file: its cache is empty.',
      task: { text: 'Press Build to run the first build.', actions: [] },
      expect: { rebuilds: [1, 2, 3, 4, 5] },
      explain:
        'Every step ran: there was nothing to reuse. The daemon now keeps each step in its cache, under a key made of the instruction, the step before it, and the files it reads.',
      evidence: [
        {
          claim: 'A first build on an empty cache runs every step.',
          scenario: 'pip-requirements-before-source',
          build: 'first build',
          steps: [
            { daemon: 'WORKDIR /app', cached: false },
            { daemon: 'COPY requirements.txt .', cached: false },
            { daemon: 'RUN pip install', cached: false },
            { daemon: 'COPY . .', cached: false }
          ]
        }
      ]
    },
    {
      title: 'Build again',
      say: 'Nothing has changed since that build.',
      task: { text: 'Press Build again without changing anything.', actions: [] },
      expect: { rebuilds: [] },
      explain:
        'Same instruction, same parent, same files: same key. Every step came from the cache and the build took a moment.',
      evidence: [
        {
          claim: 'An unchanged rebuild takes every step from the cache.',
          scenario: 'dockerfile-comment-with-copy-all',
          build: 'nothing changed',
          steps: [
            { daemon: 'WORKDIR /app', cached: true },
            { daemon: 'COPY requirements.txt .', cached: true },
            { daemon: 'RUN pip install', cached: true },
            { daemon: 'COPY . .', cached: true }
          ]
        }
      ]
    },
    {
      title: 'Change the source',
      say: 'app.py greets people with a typo. Which steps read app.py?',
      task: {
        text: 'Fix the typo in app.py: “Helo” → “Hello”.',
        actions: [{ kind: 'edit', path: 'app.py', find: 'Helo', replace: 'Hello' }]
      },
      expect: { rebuilds: [5] },
      explain:
        'Only `COPY . .` rebuilt. The steps above it read nothing that changed, so their keys are the same and the 45 s install stayed cached.',
      evidence: [
        {
          claim:
            'Editing a source file misses only from the COPY that copies it; the install above stays cached.',
          scenario: 'pip-requirements-before-source',
          build: 'edit app.py',
          steps: [
            { daemon: 'WORKDIR /app', cached: true },
            { daemon: 'COPY requirements.txt .', cached: true },
            { daemon: 'RUN pip install', cached: true },
            { daemon: 'COPY . .', cached: false }
          ]
        }
      ]
    },
    {
      title: 'Change a dependency',
      say: 'The install step reads requirements.txt, copied just before it.',
      task: {
        text: 'Add `requests==2.32.3` to requirements.txt.',
        actions: [{ kind: 'edit', path: 'requirements.txt', find: requirements, replace: withRequests }],
        checks: [{ kind: 'changed', path: 'requirements.txt' }]
      },
      expect: { rebuilds: [3, 4, 5] },
      explain:
        '`COPY requirements.txt .` copied new bytes, so it missed. Every later step now has a new parent, so it missed too: a miss cascades down the file.',
      evidence: [
        {
          claim: 'A changed dependency file misses its COPY, the install and every step after them.',
          scenario: 'pip-requirements-before-source',
          build: 'add a dependency',
          steps: [
            { daemon: 'WORKDIR /app', cached: true },
            { daemon: 'COPY requirements.txt .', cached: false },
            { daemon: 'RUN pip install', cached: false },
            { daemon: 'COPY . .', cached: false }
          ]
        }
      ]
    },
    {
      title: 'Change an instruction',
      say: 'The text of an instruction is part of its key.',
      task: {
        text: 'Add `--compile` to the pip install line.',
        actions: [
          {
            kind: 'edit',
            path: 'Dockerfile',
            find: 'pip install --no-cache-dir',
            replace: 'pip install --no-cache-dir --compile'
          }
        ],
        checks: [{ kind: 'contains', path: 'Dockerfile', text: '--compile' }]
      },
      expect: { rebuilds: [4, 5] },
      explain:
        'The RUN reran because its text changed, and `COPY . .` reran after it although no file changed: its parent is a new layer.',
      evidence: [
        {
          claim: 'A changed RUN reruns, and so does every step after it, COPYs of unchanged files included.',
          scenario: 'run-edit-cascades',
          build: 'add a package to the first RUN',
          steps: [
            { daemon: 'RUN apt-get update', cached: false, lesson: 'RUN pip install' },
            { daemon: 'COPY playbooks/', cached: false, lesson: false },
            { daemon: 'COPY inventory.ini', cached: false, lesson: 'COPY . .' }
          ]
        }
      ]
    }
  ]
};
