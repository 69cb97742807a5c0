/**
 * The Content-Security-Policy (svelte.config.js, kit.csp) allows exactly what
 * the app uses: every feature is exercised here on the built site, and the
 * browser must report no violation, in the page or in a worker.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fakeFolder, pickFakeFolder } from './folder-fakes';
import { appendToFile, dockerfileEditor, openApp } from './helpers';

interface Problems {
  violations: string[];
  console: string[];
}

/** Collects CSP violations (as events, and as the console errors Chromium prints) from now on. */
async function watch(page: Page): Promise<Problems> {
  const found: Problems = { violations: [], console: [] };
  await page.exposeFunction('__cspViolation', (v: string) => found.violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { __cspViolation: (v: string) => void }).__cspViolation(
        `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`
      )
    );
  });
  const csp = /Content Security Policy|Content-Security-Policy|Refused to/i;
  page.on('console', (m) => {
    if (csp.test(m.text())) found.console.push(m.text());
  });
  page.on('pageerror', (e) => {
    if (csp.test(e.message)) found.console.push(e.message);
  });
  return found;
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<Buffer> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  return readFileSync(await d.path());
}

test('the built page carries a policy without eval, and scripts only by hash', async ({ page }) => {
  await page.goto('/');
  const policy = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
  expect(policy).toBeTruthy();
  expect(policy).not.toContain('unsafe-eval');
  expect(policy).not.toContain('wasm-unsafe-eval');
  const script = /script-src ([^;]*)/.exec(policy!)?.[1] ?? '';
  expect(script).toMatch(/^'self'( 'sha256-[A-Za-z0-9+/=]+')+$/);
  expect(policy).toContain("worker-src 'self'");
  expect(policy).toContain("object-src 'none'");
  // Every prerendered page has it, lessons and examples too.
  for (const path of ['/lessons', '/lessons/order-matters', '/examples/go-multi-stage']) {
    await page.goto(path);
    await expect(page.locator('meta[http-equiv="content-security-policy"]')).toHaveCount(1);
  }
});

test('every feature runs under the policy: no violation anywhere', async ({ page }) => {
  test.setTimeout(90_000);
  const found = await watch(page);
  await openApp(page);

  // Edit: the editor's styles, the lint underline (an inline SVG background), the hover.
  await dockerfileEditor(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('COPY missing.txt /\n');
  await expect(page.getByRole('tab', { name: /Problems \([1-9]/ })).toBeVisible();
  await expect(page.locator('.cm-lintRange-error').first()).toBeVisible();
  await page.locator('.cm-line').first().hover();
  await appendToFile(page, 'app.py', '\n# fix');
  await page.getByRole('button', { name: 'Build', exact: true }).click();
  await expect(page.getByTestId('result-mode')).toHaveAttribute('data-mode', 'last-build');

  // The analysis worker: advisor, timing, the compare dialog.
  await page.getByRole('tab', { name: 'Advisor' }).click();
  await page.getByRole('button', { name: 'Compare orders…' }).click();
  await expect(page.getByRole('heading', { name: 'Compare two orders' })).toBeVisible();
  await expect(page.getByText(/faster|the same/).first()).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByRole('tab', { name: 'Timing' }).click();
  await page.getByRole('tab', { name: 'Build log' }).click();

  // Share & export: a link, a scenario, the picture as SVG and PNG (blob: images on a canvas).
  await page.getByRole('button', { name: 'Share & export' }).click();
  await page.getByRole('button', { name: 'Create share link' }).click();
  const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
  expect(
    (await downloaded(page, () => page.getByRole('button', { name: 'Export scenario' }).click())).length
  ).toBeGreaterThan(100);
  expect(
    String(await downloaded(page, () => page.getByRole('button', { name: 'Download SVG' }).click()))
  ).toContain('<svg');
  const png = await downloaded(page, () => page.getByRole('button', { name: 'Download PNG' }).click());
  expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  await page.keyboard.press('Escape');

  // The link opens (decoding it, in a fresh page load).
  await page.goto(link);
  await expect(page.getByText(/You opened a shared session/)).toBeVisible();
  await page
    .getByRole('button', { name: /Back to my work|Leave/ })
    .first()
    .click();

  // A folder: read and hashed in its own worker.
  await page.goto('/');
  await expect(page.getByTestId('step').first()).toBeVisible();
  await fakeFolder(page, 'shop', {
    Dockerfile: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci\n',
    'package.json': '{"name":"shop"}\n',
    'src/index.js': 'console.log(1)\n'
  });
  await pickFakeFolder(page);
  await page.getByRole('button', { name: 'Open folder…' }).click();
  // The session holds edits of its own: the page asks before replacing them.
  await page.getByRole('dialog').getByRole('button', { name: 'Discard it and open' }).click();
  await expect(page.getByTestId('project-card')).toContainText('Folder shop');

  // Lessons, predict first, presenter mode.
  await page.goto('/lessons');
  await page.goto('/lessons/order-matters');
  await page.getByRole('button', { name: 'Do it for me' }).click();
  await page.getByRole('button', { name: 'Build and reveal' }).first().click();
  await page.keyboard.press('p');
  await expect(page.getByRole('dialog', { name: 'Presenter mode' })).toBeVisible();
  await page.keyboard.press('Escape');

  expect(found.violations).toEqual([]);
  expect(found.console).toEqual([]);
});

test('a violation would be caught: an inline script the policy does not list is reported', async ({
  page
}) => {
  const found = await watch(page);
  await openApp(page);
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__ran = true';
    document.body.append(s);
  });
  await expect.poll(() => found.violations.length).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as unknown as { __ran?: boolean }).__ran)).toBeUndefined();
});
