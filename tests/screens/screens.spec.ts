/**
 * Screenshots of every view, for people to look at (npm run screenshots).
 * Not part of npm test: it asserts nothing a person would not see better.
 */
import { expect, test, type Page } from '@playwright/test';
import { EXAMPLES } from '../../src/lib/model/examples/index';
import { appendToFile, openApp } from '../e2e/helpers';

const DIR = 'screenshots';

async function shot(page: Page, name: string) {
  await page.waitForTimeout(150);
  await page.screenshot({ path: `${DIR}/${name}.png` });
}

for (const [label, viewport] of [
  ['laptop', { width: 1366, height: 768 }],
  ['wide', { width: 1920, height: 1080 }],
  ['narrow', { width: 390, height: 844 }]
] as const) {
  for (const theme of ['light', 'dark'] as const) {
    test(`${label} ${theme}`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme: theme });
      await openApp(page);
      await shot(page, `${label}-${theme}-1-open`);
      await page.getByRole('button', { name: 'Add a dependency' }).click();
      await expect(page.locator('[data-status="built"]').first()).toBeVisible();
      await page.locator('[data-testid="step"][data-line="5"]').hover();
      await shot(page, `${label}-${theme}-2-cascade`);
      if (label === 'narrow')
        await page.screenshot({ path: `${DIR}/${label}-${theme}-2-cascade-full.png`, fullPage: true });
      // Build: the list shows the build that just ran, labelled "Last build".
      await page.getByRole('button', { name: 'Build', exact: true }).click();
      await expect(page.getByTestId('result-mode')).toHaveAttribute('data-mode', 'last-build');
      await page.mouse.move(0, 0);
      await shot(page, `${label}-${theme}-3-last-build`);
    });
  }
}

for (const ex of EXAMPLES) {
  test(`example ${ex.slug}`, async ({ page }) => {
    await openApp(page);
    await page.getByRole('combobox', { name: 'Example' }).selectOption(ex.slug);
    await expect(page.getByText(/cache: 1 build/)).toBeVisible();
    await page.getByRole('button', { name: ex.tries[0].label, exact: true }).click();
    await page.waitForTimeout(300);
    await shot(page, `example-${ex.slug}`);
    if ((await page.getByRole('tab', { name: 'Stages' }).count()) > 0) {
      await page.getByRole('tab', { name: 'Stages' }).click();
      await shot(page, `example-${ex.slug}-stages`);
    }
  });
}

test('views: log, history compare, problems, hover, tree menu, options', async ({ page }) => {
  await openApp(page);
  await appendToFile(page, 'app.py', '\n# fix');
  await page.getByRole('button', { name: 'Build', exact: true }).click();
  await page.getByRole('tab', { name: 'Build log' }).click();
  await shot(page, 'view-log-buildkit');
  await page.getByText('Legacy', { exact: true }).click();
  await shot(page, 'view-log-legacy');
  await page.getByText('BuildKit', { exact: true }).click();
  await page.getByRole('tab', { name: /History/ }).click();
  await page.getByLabel('Build #1').check();
  await page.getByLabel('Build #2').check();
  await shot(page, 'view-history-compare');
  await page.getByRole('button', { name: 'Actions for app.py' }).click();
  await page.getByText('Build args and base images').click();
  await shot(page, 'view-options-and-menu');
  await page.getByRole('group', { name: 'Open files' }).getByRole('button', { name: 'Dockerfile' }).click();
  await page.locator('.cm-line').nth(3).hover();
  await page.waitForTimeout(600);
  await shot(page, 'view-hover');
});

test('errors', async ({ page }) => {
  await openApp(page);
  const editor = page.getByRole('textbox', { name: 'Dockerfile' });
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('COPY --from=missing /x /y\nRUN\nFROM\n');
  await page.waitForTimeout(400);
  await shot(page, 'errors-layers');
  await page.getByRole('tab', { name: /Problems/ }).click();
  await shot(page, 'errors-problems');
});

test('completion', async ({ page }) => {
  await openApp(page);
  const editor = page.getByRole('textbox', { name: 'Dockerfile' });
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('CO');
  await page.waitForTimeout(400);
  await shot(page, 'completion-keyword');
  await page.keyboard.press('Enter');
  await page.keyboard.type('--');
  await page.waitForTimeout(400);
  await shot(page, 'completion-flags');
});
