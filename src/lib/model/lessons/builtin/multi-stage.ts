/** Built-in lesson: Multi-stage: skipped stages, identical artifacts */
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
