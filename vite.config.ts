import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [sveltekit()],
  resolve: {
    // @balena/dockerignore (the engine's .dockerignore matcher) requires Node's
    // `path`; in the browser worker that would be an empty stub. pathe is the
    // same POSIX path API in plain JS. Tests use it too, so they cover what ships.
    alias: [{ find: /^path$/, replacement: 'pathe' }]
  },
  worker: { format: 'es' },
  test: {
    include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20000
  }
});
