import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

// axe scans a large DOM several times per test: slow on two busy cores.
test.describe.configure({ timeout: 120_000 });

async function seriousViolations(page: import('@playwright/test').Page) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const theme of ['light', 'dark'] as const) {
  test(`no serious or critical accessibility violations (${theme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await openApp(page);
    // A state with every status kind on screen: rebuilds, cascade, a tree menu open.
    await page.getByRole('button', { name: 'Add a dependency' }).click();
    await expect(page.locator('[data-status="built"]').first()).toBeVisible();
    await page.getByRole('button', { name: 'Actions for app.py' }).click();
    await page.getByText('Build args and base images').click();
    expect(await seriousViolations(page)).toEqual([]);
    for (const tab of ['Build log', 'History (1)', 'Problems (0)']) {
      await page.getByRole('tab', { name: tab }).click();
      expect(await seriousViolations(page)).toEqual([]);
    }
  });
}

test('the last build and the phone layout pass too, in both themes', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Add a dependency' }).click();
  await page.getByRole('button', { name: 'Build', exact: true }).click();
  await expect(page.getByTestId('result-mode')).toHaveAttribute('data-mode', 'last-build');
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await page.setViewportSize({ width: 1366, height: 768 });
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await seriousViolations(page)).toEqual([]);
  }
});

test('multi-stage views pass too', async ({ page }) => {
  await openApp(page);
  await page.getByRole('combobox', { name: 'Example' }).selectOption('go-multi-stage');
  await page.getByRole('button', { name: 'Change main.go' }).click();
  await expect(page.locator('[data-status="built"]').first()).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('tab', { name: 'Stages' }).click();
  expect(await seriousViolations(page)).toEqual([]);
});

test('the playground works from the keyboard alone', async ({ page }) => {
  await openApp(page);
  // Tab from the top reaches the Build button, and Enter runs it.
  const build = page.getByRole('button', { name: 'Build', exact: true });
  for (let i = 0; i < 40 && !(await build.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(build).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tab', { name: 'History (2)' })).toBeVisible();
  // Ctrl+Enter builds from inside the editor.
  await page.getByRole('textbox', { name: 'Dockerfile' }).click();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('tab', { name: 'History (3)' })).toBeVisible();
});

test('teaching views pass too: lessons, predict first, presenter, share and export', async ({ page }) => {
  await page.goto('/lessons');
  await expect(page.getByRole('heading', { name: 'Lessons' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.goto('/lessons/order-matters');
  await page.getByRole('button', { name: 'Do it for me' }).click();
  await expect(page.locator('[data-testid="predict-step"]').first()).toBeVisible();
  await page.getByRole('button', { name: 'Build and reveal' }).first().click();
  await expect(page.getByText(/Your prediction/)).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press('p');
  await expect(page.getByRole('dialog', { name: 'Presenter mode' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Share & export' }).click();
  await page.getByRole('button', { name: 'Create share link' }).click();
  expect(await seriousViolations(page)).toEqual([]);
});
