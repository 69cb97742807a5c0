import type { Example } from './types';

export const argAndIgnoreSurprises: Example = {
  slug: 'arg-and-dockerignore',
  title: 'ARG and .dockerignore surprises',
  summary:
    'A build arg changes the key of every RUN after its ARG line, used or not; .dockerignore decides what the daemon sees, and a ! rule can bring a file back in.',
  dockerfile: `ARG ALPINE_VERSION=3.20
FROM alpine:\${ALPINE_VERSION}
RUN apk add --no-cache curl
ARG VERSION=1
RUN apk add --no-cache jq
RUN echo "building version $VERSION" > /version.txt
COPY . /srv
CMD ["cat", "/version.txt"]
`,
  files: {
    '.dockerignore': '# docs stay out of the image...\n*.md\n# ...except the README\n!README.md\nsecrets/\n',
    'README.md': '# surprises\n',
    'NOTES.md': 'scratch notes\n',
    'secrets/token.txt': 'not-a-real-token\n',
    'app.sh': '#!/bin/sh\ncat /version.txt\n'
  },
  tries: [
    {
      label: 'Build with VERSION=2',
      edits: [{ kind: 'build-arg', name: 'VERSION', value: '2' }],
      rebuilds: [5, 6, 7],
      lesson:
        'Line 5 never mentions $VERSION, yet it rebuilds: every RUN after ARG VERSION carries the value in its environment.'
    },
    {
      label: 'Edit NOTES.md',
      edits: [{ kind: 'edit', path: 'NOTES.md', find: 'scratch', replace: 'more scratch' }],
      rebuilds: [],
      lesson: '*.md excludes NOTES.md: the daemon never receives it.'
    },
    {
      label: 'Edit README.md',
      edits: [{ kind: 'edit', path: 'README.md', find: 'surprises', replace: 'surprises!' }],
      rebuilds: [7],
      lesson: '!README.md re-includes it after *.md, so COPY . /srv misses.'
    },
    {
      label: 'chmod +x app.sh',
      edits: [{ kind: 'chmod', path: 'app.sh', mode: 0o755 }],
      rebuilds: [7],
      lesson: 'Same bytes, new mode: the mode is part of the checksum, so the COPY misses.'
    },
    {
      label: 'Change the Alpine version',
      edits: [{ kind: 'build-arg', name: 'ALPINE_VERSION', value: '3.19' }],
      rebuilds: [2, 3, 5, 6, 7],
      lesson: 'An ARG before FROM picks the base image: a new base invalidates the whole stage.'
    }
  ]
};
