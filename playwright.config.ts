import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

// Browser downloads are impossible on the CI machine: use Debian's Chromium when
// it is there, Playwright's own browser elsewhere (a developer's laptop).
const system = '/usr/bin/chromium';
const executablePath = process.env.CHROMIUM_PATH || (existsSync(system) ? system : undefined);
// Several checkouts on one machine each serve their own build: LAYERLAB_E2E_PORT (or LAYERLAB_PORT) keeps them apart.
const PORT = Number(process.env.LAYERLAB_E2E_PORT || process.env.LAYERLAB_PORT) || 4319;

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 30_000,
  expect: { timeout: 8_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    ...devices['Desktop Chrome'],
    viewport: { width: 1366, height: 768 },
    launchOptions: {
      executablePath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking']
    }
  },
  // The built site, served as static files: what people get.
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000
  }
});
