/** Lessons 6 to 8: multi-stage builds, base images and --no-cache, cache mounts. */
import type { Lesson } from '../types';

export const multiStage: Lesson = {
  id: 'multi-stage',
  title: 'Multi-stage: skipped stages, identical artifacts',
  summary:
    'BuildKit builds only the stages the target needs, and a final stage that copies byte-identical output stays cached.',
  setup: {
    dockerfile: `FROM golang:1.22 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build -o /out/api ./cmd/api

FROM build AS test
RUN go test ./...

FROM gcr.io/distroless/static-debian12
COPY --from=build /out/api /api
ENTRYPOINT ["/api"]
`,
    files: {
      '.dockerignore': 'Dockerfile\n.dockerignore\n*.md\n',
      'go.mod': 'module example.com/api\n\ngo 1.22\n',
      'go.sum': '',
      'cmd/api/main.go':
        'package main\n\nimport "net/http"\n\nfunc main() {\n\thttp.ListenAndServe(":8080", nil)\n}\n',
      'README.md': '# api\n'
    }
  },
  steps: [
    {
      title: 'Edit a stage nobody needs',
      say: 'The last stage copies from `build`. Nothing copies from `test`.',
      task: {
        text: 'Add `-race` to the test command: `go test ./...` → `go test -race ./...`',
        actions: [
          { kind: 'edit', path: 'Dockerfile', find: 'go test ./...', replace: 'go test -race ./...' }
        ],
        checks: [{ kind: 'contains', path: 'Dockerfile', text: '-race' }]
      },
      expect: { rebuilds: [] },
      explain:
        'BuildKit did not even look at the test stage: the target does not need it, so it is skipped. The legacy builder builds every stage in the file and would run the tests again.',
      evidence: [
        {
          claim: 'BuildKit skips a stage the target does not need, so editing it changes nothing.',
          scenario: 'multistage-unneeded-stage-edit',
          build: 'change RUN npm test in the test stage',
          builder: 'buildkit',
          steps: [
            { daemon: 'RUN npm run build', cached: true, lesson: 'RUN go build' },
            { daemon: 'COPY --from=build', cached: true }
          ]
        },
        {
          claim: 'The legacy builder builds the unneeded stage and reruns its edited RUN.',
          scenario: 'multistage-unneeded-stage-edit',
          build: 'change RUN npm test in the test stage',
          builder: 'legacy',
          steps: [{ daemon: 'RUN npm test', cached: false, lesson: false }]
        }
      ]
    },
    {
      title: 'Same binary, new flags',
      say: '`-trimpath` changes the go build command, not what it compiles.',
      task: {
        text: 'Add `-trimpath` to go build: `go build -o` → `go build -trimpath -o`',
        actions: [
          { kind: 'edit', path: 'Dockerfile', find: 'go build -o', replace: 'go build -trimpath -o' }
        ],
        checks: [{ kind: 'contains', path: 'Dockerfile', text: '-trimpath' }]
      },
      expect: { rebuilds: [6] },
      explain:
        'go build reran, but the binary came out byte-identical. `COPY --from=build` compares the content it copies, so the final stage stayed cached.',
      evidence: [
        {
          claim:
            'When a rebuilt stage produces identical output, COPY --from in the next stage stays cached.',
          scenario: 'copy-from-identical-build-output',
          build: 'edit vite.config.js (build reruns, dist depends only on src)',
          steps: [
            { daemon: 'RUN npm run build', cached: false, lesson: 'RUN go build' },
            { daemon: 'COPY --from=build', cached: true }
          ]
        }
      ]
    },
    {
      title: 'Change the code',
      say: 'Now the binary itself will differ.',
      task: {
        text: 'Change the port in cmd/api/main.go: `":8080"` → `":9090"`',
        actions: [{ kind: 'edit', path: 'cmd/api/main.go', find: '":8080"', replace: '":9090"' }]
      },
      expect: { rebuilds: [5, 6, 12] },
      explain: 'New source, new binary: this time `COPY --from=build` copies different bytes and misses.',
      evidence: [
        {
          claim: 'When the build output changes, COPY --from misses.',
          scenario: 'copy-from-identical-build-output',
          build: 'edit src/main.js (dist changes)',
          steps: [
            { daemon: 'RUN npm run build', cached: false, lesson: 'RUN go build' },
            { daemon: 'COPY --from=build', cached: false }
          ]
        }
      ]
    },
    {
      title: 'Build the test stage',
      say: '`--target test` asks for the test stage. It starts FROM build, which is cached.',
      task: { text: 'Build with `--target test`', actions: [{ kind: 'target', stage: 'test' }] },
      expect: { rebuilds: [9] },
      explain:
        'Only the test RUN ran: the build stage it starts from came from the cache, and the final stage was not needed.',
      evidence: [
        {
          claim: 'With --target, BuildKit builds the target and the stages it needs, reusing cached ones.',
          scenario: 'multistage-target-switch',
          build: 'edit a test file, --target test',
          builder: 'buildkit',
          steps: [
            { daemon: 'RUN npm ci', stage: 'deps', cached: true, lesson: false },
            { daemon: 'RUN npm test', cached: false, lesson: 'RUN go test' }
          ]
        }
      ]
    }
  ]
};

export const baseImages: Lesson = {
  id: 'base-images',
  title: 'Base image updates and --no-cache',
  summary:
    'A new image under the same tag misses everything. --no-cache reruns steps without forgetting the cache.',
  setup: {
    dockerfile: `FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
CMD ["python", "app.py"]
`,
    files: { 'app.py': 'print("hello")\n', 'requirements.txt': 'requests==2.32.3\n' }
  },
  steps: [
    {
      title: 'The base image is updated',
      say: 'The registry now serves a patched python:3.12-slim. The tag is the same; the digest is not.',
      task: {
        text: 'Mark python:3.12-slim as updated upstream (Build args and base images).',
        actions: [{ kind: 'update-base', image: 'python:3.12-slim' }]
      },
      expect: { rebuilds: [1, 2, 3, 4, 5] },
      explain: 'Every step rebuilt: the first layer is a new image, so every key built on it is new.',
      evidence: [
        {
          claim: 'A base image updated upstream misses every step.',
          scenario: 'base-image-updated-upstream',
          build: 'php:8.3-apache updated upstream',
          steps: [
            { daemon: 'RUN apt-get update', cached: false, lesson: 'RUN pip install' },
            { daemon: 'COPY composer.json', cached: false, lesson: 'COPY requirements.txt' },
            { daemon: 'COPY public/', cached: false, lesson: 'COPY . .' }
          ]
        }
      ]
    },
    {
      title: 'Build with --no-cache',
      say: '`--no-cache` tells the daemon to run the steps instead of looking them up.',
      task: { text: 'Turn on --no-cache.', actions: [{ kind: 'no-cache', on: true }] },
      expect: { rebuilds: [3, 4, 5] },
      explain:
        'Every step ran again, except one surprise: BuildKit in Docker 20.10 still prints the leading WORKDIR as CACHED. The legacy builder reruns it too.',
      evidence: [
        {
          claim: 'BuildKit --no-cache reruns every step but still shows the first WORKDIR as cached.',
          scenario: 'no-cache-flag',
          build: '--no-cache',
          builder: 'buildkit',
          steps: [
            { daemon: 'WORKDIR /app', cached: true },
            { daemon: 'COPY requirements.txt .', cached: false },
            { daemon: 'RUN pip install', cached: false }
          ]
        },
        {
          claim: 'The legacy builder reruns every step with --no-cache, WORKDIR included.',
          scenario: 'no-cache-flag',
          build: '--no-cache',
          builder: 'legacy',
          steps: [{ daemon: 'WORKDIR /app', cached: false, lesson: false }]
        }
      ]
    },
    {
      title: 'Build normally again',
      say: 'Does --no-cache throw the cache away?',
      task: { text: 'Turn --no-cache off again.', actions: [{ kind: 'no-cache', on: false }] },
      expect: { rebuilds: [] },
      explain:
        'All cached. --no-cache skips the lookup for one build; the layers it made are in the cache for the next.',
      evidence: [
        {
          claim: 'The normal build after a --no-cache build hits every step.',
          scenario: 'no-cache-flag',
          build: 'normal build after --no-cache',
          steps: [
            { daemon: 'WORKDIR /app', cached: true },
            { daemon: 'COPY requirements.txt .', cached: true },
            { daemon: 'RUN pip install', cached: true }
          ]
        }
      ]
    }
  ]
};

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
