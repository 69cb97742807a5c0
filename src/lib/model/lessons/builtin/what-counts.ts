/** Built-in lesson: What counts: content and mode, never the time */
import type { Lesson } from '../types';

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
