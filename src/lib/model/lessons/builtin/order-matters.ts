/** Built-in lesson: Order matters */
import type { Lesson } from '../types';
import { flaskApp, requirements, withRequests, sourceFirst, depsFirst } from './python-app';

export const orderMatters: Lesson = {
  id: 'order-matters',
  title: 'Order matters',
  summary: 'The same Python app, two orders of the same lines: a typo fix costs 45 s or one second.',
  setup: {
    dockerfile: sourceFirst,
    files: {
      'app.py': flaskApp,
      'requirements.txt': requirements,
      '.dockerignore': '.git\n__pycache__/\n*.pyc\n.venv/\n',
      'README.md': '# hello-flask\n\nA tiny Flask app.\n'
    }
  },
  steps: [
    {
      title: 'A typo fix, source first',
      say: 'Here `COPY . .` copies every file before the dependencies are installed.',
      task: {
        text: 'Fix the typo in app.py: “Helo” → “Hello”.',
        actions: [{ kind: 'edit', path: 'app.py', find: 'Helo', replace: 'Hello' }]
      },
      expect: { rebuilds: [3, 4] },
      explain:
        'The fix changed a file that `COPY . .` copies, so it missed, and pip install reran after it (about 45 s) although requirements.txt is the same.',
      evidence: [
        {
          claim: 'With the source copied first, a source edit reruns the install.',
          scenario: 'lesson-order-matters',
          build: 'A typo fix, source first',
          steps: [
            { daemon: 'COPY . .', cached: false },
            { daemon: 'RUN pip install', cached: false }
          ]
        },
        {
          claim: 'The same happens in any project that copies the source before installing.',
          scenario: 'pip-source-before-requirements',
          build: 'edit settings.py',
          steps: [
            { daemon: 'COPY . /code/', cached: false, lesson: 'COPY . .' },
            { daemon: 'RUN pip install', cached: false }
          ]
        }
      ]
    },
    {
      title: 'Dependencies first',
      say: 'The install needs only requirements.txt. Copy that file alone, install, then copy the rest.',
      task: {
        text: 'Put `COPY requirements.txt .` and the pip install line above `COPY . .`',
        actions: [{ kind: 'write', path: 'Dockerfile', text: depsFirst }],
        checks: [
          { kind: 'order', first: 'COPY requirements.txt', then: 'RUN pip install' },
          { kind: 'order', first: 'RUN pip install', then: 'COPY . .' }
        ]
      },
      expect: { rebuilds: [3, 4, 5] },
      explain:
        'Reordering is a change too: from the first line that differs, every step rebuilt. You pay for it once.',
      evidence: [
        {
          claim: 'After the reorder, every step from the first changed line rebuilds.',
          scenario: 'lesson-order-matters',
          build: 'Dependencies first',
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
      title: 'Fix another typo',
      say: 'Same kind of edit as in the first step, new order.',
      task: {
        text: 'Change the greeting in app.py: “Hello from” → “Hello again from”.',
        actions: [{ kind: 'edit', path: 'app.py', find: 'Hello from', replace: 'Hello again from' }]
      },
      expect: { rebuilds: [5] },
      explain: 'Now only `COPY . .` reruns: about a second instead of 45.',
      evidence: [
        {
          claim: 'With dependencies first, a source edit reruns only the last COPY.',
          scenario: 'lesson-order-matters',
          build: 'Fix another typo',
          steps: [
            { daemon: 'COPY requirements.txt .', cached: true },
            { daemon: 'RUN pip install', cached: true },
            { daemon: 'COPY . .', cached: false }
          ]
        }
      ]
    },
    {
      title: 'Add a dependency',
      say: 'The order protects the install from source edits, not from dependency changes.',
      task: {
        text: 'Add `requests==2.32.3` to requirements.txt.',
        actions: [{ kind: 'edit', path: 'requirements.txt', find: requirements, replace: withRequests }],
        checks: [{ kind: 'changed', path: 'requirements.txt' }]
      },
      expect: { rebuilds: [3, 4, 5] },
      explain:
        'A new dependency is a real reason to install again: the COPY of requirements.txt misses and the install reruns.',
      evidence: [
        {
          claim: 'A dependency change still reruns the install.',
          scenario: 'lesson-order-matters',
          build: 'Add a dependency',
          steps: [
            { daemon: 'COPY requirements.txt .', cached: false },
            { daemon: 'RUN pip install', cached: false },
            { daemon: 'COPY . .', cached: false }
          ]
        }
      ]
    }
  ]
};
