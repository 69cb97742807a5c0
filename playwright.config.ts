import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { defineConfig, devices } from '@playwright/test';

// Browser downloads are impossible on the CI machine: use Debian's Chromium when
// it is there, Playwright's own browser elsewhere (a developer's laptop).
const system = '/usr/bin/chromium';
const executablePath = process.env.CHROMIUM_PATH || (existsSync(system) ? system : undefined);

/** A port nothing listens on now, from the system (listen on port 0). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

// Every run serves its own build on its own port, so two checkouts testing at
// once never test each other's site: LAYERLAB_E2E_PORT (or LAYERLAB_PORT) when
// set, else a free port chosen here. Playwright loads this file again in each
// worker; the environment carries the main process's choice to them.
process.env.LAYERLAB_E2E_PORT ||= process.env.LAYERLAB_PORT || String(await freePort());
const PORT = Number(process.env.LAYERLAB_E2E_PORT);

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
    // Never someone else's server: a port already in use fails the run instead.
    // LAYERLAB_E2E_REUSE=1 reuses a preview you started yourself on LAYERLAB_E2E_PORT.
    reuseExistingServer: process.env.LAYERLAB_E2E_REUSE === '1',
    timeout: 60_000
  }
});
