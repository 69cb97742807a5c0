/** Built-in lesson: Base image updates and --no-cache */
import type { Lesson } from '../types';

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
