/** Built-in lesson: Cache mounts */
import type { Lesson } from '../types';

export const cacheMounts: Lesson = {
  id: 'cache-mounts',
  title: 'Cache mounts',
  summary: 'RUN --mount=type=cache keeps a package cache between builds. It does not keep the step cached.',
  setup: {
    dockerfile: `FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
COPY . .
CMD ["python", "app.py"]
`,
    files: { 'app.py': 'print("hello")\n', 'requirements.txt': 'flask==3.0.3\n' }
  },
  steps: [
    {
      title: 'Add a dependency',
      say: 'pip keeps the wheels it downloads in /root/.cache/pip. Here that directory is a cache mount: it lives outside the image, on the daemon.',
      task: {
        text: 'Add `requests==2.32.3` to requirements.txt.',
        actions: [
          {
            kind: 'edit',
            path: 'requirements.txt',
            find: 'flask==3.0.3\n',
            replace: 'flask==3.0.3\nrequests==2.32.3\n'
          }
        ],
        checks: [{ kind: 'changed', path: 'requirements.txt' }]
      },
      expect: { rebuilds: [3, 4, 5] },
      explain:
        'The install still reran: a cache mount is not part of the key and cannot keep a step cached. But the mount kept its files from the last build, so pip found flask there and downloaded only requests: Layer Lab estimates 12 s instead of 45.',
      evidence: [
        {
          claim: 'A RUN with a cache mount reruns when its inputs change.',
          scenario: 'lesson-cache-mounts',
          build: 'Add a dependency',
          builder: 'buildkit',
          steps: [
            { daemon: 'COPY requirements.txt .', cached: false },
            { daemon: 'RUN --mount=type=cache', cached: false }
          ]
        },
        {
          claim: 'When it reruns, the RUN finds the files an earlier build left in the mount.',
          scenario: 'cache-mount-keeps-files',
          build: 'add a dependency: the RUN reruns and finds the file in the mount',
          builder: 'buildkit',
          steps: [
            { daemon: 'RUN --mount=type=cache', cached: false, lesson: false },
            { daemon: 'COPY --from=deps /state /state', cached: false, lesson: false }
          ]
        }
      ]
    },
    {
      title: 'Edit the source',
      say: 'app.py is copied after the install.',
      task: {
        text: 'Change app.py: “hello” → “hello, mounts”.',
        actions: [{ kind: 'edit', path: 'app.py', find: 'hello', replace: 'hello, mounts' }]
      },
      expect: { rebuilds: [5] },
      explain: 'The RUN with the cache mount stayed cached like any other step: only `COPY . .` reran.',
      evidence: [
        {
          claim: 'A RUN with a cache mount stays cached when only later files change.',
          scenario: 'run-mount-cache-and-bind',
          build: 'edit source (bind-mounted requirements.txt unchanged)',
          builder: 'buildkit',
          steps: [
            { daemon: 'RUN --mount=type=cache', cached: true },
            { daemon: 'COPY . .', cached: false }
          ]
        }
      ]
    },
    {
      title: 'Move the mount',
      say: 'The mount options are part of the instruction.',
      task: {
        text: 'Change the mount target to `/root/.cache/pip-wheels`',
        actions: [
          {
            kind: 'edit',
            path: 'Dockerfile',
            find: 'target=/root/.cache/pip ',
            replace: 'target=/root/.cache/pip-wheels '
          }
        ],
        checks: [{ kind: 'contains', path: 'Dockerfile', text: 'pip-wheels' }]
      },
      expect: { rebuilds: [4, 5] },
      explain: 'A new target is a new instruction: the RUN and everything after it reran.',
      evidence: [
        {
          claim: 'Changing the cache mount target misses the RUN.',
          scenario: 'run-mount-cache-and-bind',
          build: 'change the cache mount target',
          builder: 'buildkit',
          steps: [
            { daemon: 'RUN --mount=type=cache', cached: false },
            { daemon: 'COPY . .', cached: false }
          ]
        }
      ]
    },
    {
      title: 'Try the legacy builder',
      say: 'Cache mounts are a BuildKit feature.',
      task: { text: 'Switch to the legacy builder.', actions: [{ kind: 'builder', builder: 'legacy' }] },
      expect: { rebuilds: [2, 3], fails: true },
      explain:
        'The legacy builder keeps a cache of its own, so WORKDIR and the COPY ran for the first time, and then it stopped at the RUN: “the --mount option requires BuildKit”.',
      evidence: [
        {
          claim: 'The legacy builder fails on RUN --mount.',
          scenario: 'run-mount-cache-and-bind',
          build: 'first build',
          builder: 'legacy',
          error: true
        }
      ]
    }
  ]
};
