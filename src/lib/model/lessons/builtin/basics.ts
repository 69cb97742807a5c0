/** Lessons 1 to 3: what a layer cache is, why order matters, what the cache looks at. */
import type { Lesson } from '../types';

const flaskApp = `from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    return "Helo from Layer Lab!"
`;

const requirements = 'flask==3.0.3\ngunicorn==22.0.0\n';
const withRequests = 'flask==3.0.3\ngunicorn==22.0.0\nrequests==2.32.3\n';

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

const sourceFirst = `FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir -r requirements.txt
EXPOSE 8000
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]
`;

const depsFirst = `FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
EXPOSE 8000
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]
`;

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

export const whatCounts: Lesson = {
  id: 'what-counts',
  title: 'What counts: content and mode, never the time',
  summary:
    'The cache compares the bytes and permission bits of copied files. A new modification time changes nothing.',
  setup: {
    dockerfile: `FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY app/ ./app/
COPY run.sh .
CMD ["./run.sh"]
`,
    files: {
      'requirements.txt': 'fastapi==0.110.0\nuvicorn==0.29.0\n',
      'app/__init__.py': '',
      'app/main.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n',
      'run.sh': '#!/bin/sh\nexec uvicorn app.main:app --host 0.0.0.0\n'
    }
  },
  steps: [
    {
      title: 'Touch a file',
      say: '`touch` gives a file a new modification time and leaves its bytes alone, as a `git checkout` or a copy often does.',
      task: { text: 'Touch requirements.txt.', actions: [{ kind: 'touch', path: 'requirements.txt' }] },
      expect: { rebuilds: [] },
      explain: 'Nothing rebuilt. The cache key holds a checksum of the copied bytes, never a timestamp.',
      evidence: [
        {
          claim: 'Rewriting a file with the same bytes keeps its COPY and the install cached.',
          scenario: 'rewrite-identical-content',
          build: 'rewrite requirements.txt with the same bytes',
          steps: [
            { daemon: 'COPY requirements.txt .', cached: true },
            { daemon: 'RUN pip install', cached: true }
          ]
        }
      ]
    },
    {
      title: 'Save without changes',
      say: 'An editor that saves an unchanged file does the same thing.',
      task: { text: 'Touch app/main.py.', actions: [{ kind: 'touch', path: 'app/main.py' }] },
      expect: { rebuilds: [] },
      explain: 'Still all cached: same content, same key.',
      evidence: [
        {
          claim: 'Rewriting every copied file with the same bytes keeps the directory COPY cached.',
          scenario: 'rewrite-identical-content',
          build: 'rewrite every app/ file with the same bytes',
          steps: [{ daemon: 'COPY app/ ./app/', cached: true }]
        }
      ]
    },
    {
      title: 'Make the script executable',
      say: 'run.sh has mode 644. Containers need it executable.',
      task: {
        text: 'chmod +x run.sh (mode 755).',
        actions: [{ kind: 'chmod', path: 'run.sh', mode: '755' }]
      },
      expect: { rebuilds: [6] },
      explain:
        'Same bytes, new mode: the permission bits are part of the checksum, so `COPY run.sh .` missed.',
      evidence: [
        {
          claim: 'chmod +x on a copied file misses its COPY; the COPY of other files stays cached.',
          scenario: 'chmod-entrypoint-script',
          build: 'chmod +x healthcheck.sh',
          steps: [
            { daemon: 'COPY docker-entrypoint-initdb.d/', cached: true, lesson: 'COPY app/' },
            { daemon: 'COPY healthcheck.sh', cached: false, lesson: 'COPY run.sh' }
          ]
        }
      ]
    },
    {
      title: 'Change one byte',
      say: 'Now a real change.',
      task: {
        text: 'Give the API a title in app/main.py: `FastAPI()` → `FastAPI(title="demo")`',
        actions: [{ kind: 'edit', path: 'app/main.py', find: 'FastAPI()', replace: 'FastAPI(title="demo")' }]
      },
      expect: { rebuilds: [5, 6] },
      explain: 'New bytes: `COPY app/ ./app/` missed, and the COPY after it followed.',
      evidence: [
        {
          claim: 'Editing a copied source file misses its COPY and what follows.',
          scenario: 'edit-file-no-copy-selects',
          build: 'edit a copied source file',
          steps: [
            { daemon: 'COPY pyproject.toml', cached: true, lesson: 'COPY requirements.txt' },
            { daemon: 'COPY src/ ./src/', cached: false, lesson: 'COPY app/' }
          ]
        }
      ]
    }
  ]
};
