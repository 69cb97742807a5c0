/**
 * After Build the results show the build that just ran (which steps ran, which
 * came from the cache, why, how long) until the next edit; then the prediction
 * of the next build again. Both are labelled in words, in the page and in
 * presenter mode.
 */
import { expect, test } from '@playwright/test';
import { appendToFile, linesWith, openApp, step } from './helpers';

test('edit, Build: the list shows the build that just ran until the next edit', async ({ page }) => {
  await openApp(page);
  const mode = page.getByTestId('result-mode');
  await expect(mode).toHaveAttribute('data-mode', 'prediction');
  await expect(mode).toContainText('Next build — prediction');

  await appendToFile(page, 'app.py', '\n# a typo fix');
  await expect(step(page, 5)).toHaveAttribute('data-status', 'built');
  await expect(step(page, 5)).toContainText('rebuilds');

  await page.getByRole('button', { name: 'Build', exact: true }).click();
  await expect(mode).toHaveAttribute('data-mode', 'last-build');
  await expect(mode).toContainText('Last build — what docker build just did');
  // The region is named by its label, for screen readers.
  await expect(page.getByRole('region', { name: 'Last build — what docker build just did' })).toBeVisible();
  // What ran, in words; what came from the cache; why; how long.
  expect(await linesWith(page, 'built')).toEqual([5]);
  expect(await linesWith(page, 'cached')).toEqual([1, 2, 3, 4]);
  await expect(step(page, 5).locator('.status')).toHaveText('↻ran');
  await expect(step(page, 5)).toContainText('app.py changed: 2 lines added');
  await expect(step(page, 5).getByRole('button', { name: /Time of line 5/ })).toContainText(/\d s/);
  await expect(page.getByText('1 of 5 steps ran')).toBeVisible();
  await expect(page.getByText(/took about/)).toBeVisible();
  // The editor's gutter says the same.
  await expect(page.locator('.ll-status-gutter [title="COPY: ran"]')).toHaveCount(1);

  // The next build, on request, and back.
  await page.getByRole('button', { name: 'Show the next build' }).click();
  await expect(mode).toHaveAttribute('data-mode', 'prediction');
  expect(await linesWith(page, 'built')).toEqual([]);
  await expect(page.getByText('all cached')).toBeVisible();
  await page.getByRole('button', { name: 'Back to the last build' }).click();
  await expect(mode).toHaveAttribute('data-mode', 'last-build');

  // Any edit: the prediction again, labelled as such.
  await appendToFile(page, 'requirements.txt', 'requests==2.32.3\n');
  await expect(mode).toHaveAttribute('data-mode', 'prediction');
  await expect(mode).toContainText('Next build — prediction');
  await expect(page.getByRole('button', { name: 'Back to the last build' })).toHaveCount(0);
  expect(await linesWith(page, 'built')).toEqual([3, 4, 5]);
  await expect(step(page, 5).locator('.status')).toHaveText('↻rebuilds');
});

test('a build setting is an edit too: --no-cache and clearing the cache bring the prediction back', async ({ page }) => {
  await openApp(page);
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('result-mode')).toHaveAttribute('data-mode', 'last-build');
  await page.getByRole('checkbox', { name: '--no-cache' }).check();
  await expect(page.getByTestId('result-mode')).toHaveAttribute('data-mode', 'prediction');
  await expect(step(page, 4)).toContainText('--no-cache: every step runs');
  await page.getByRole('button', { name: 'Build', exact: true }).click();
  await expect(page.getByTestId('result-mode')).toHaveAttribute('data-mode', 'last-build');
  await expect(step(page, 4)).toContainText('--no-cache: every step ran');
  await page.getByRole('button', { name: 'Clear cache' }).click();
  await expect(page.getByTestId('result-mode')).toHaveAttribute('data-mode', 'prediction');
});

test('a lesson’s reveal is the last build, in the page and in presenter mode', async ({ page }) => {
  await page.goto('/lessons/order-matters');
  await expect(page.getByText('step 1 of 4')).toBeVisible();
  await expect(page.getByTestId('result-mode')).toContainText('Next build — predict it first');
  await page.getByRole('button', { name: 'Do it for me' }).click();
  await page.getByRole('button', { name: 'Build and reveal' }).first().click();
  await expect(page.getByTestId('result-mode')).toHaveAttribute('data-mode', 'last-build');
  await expect(page.locator('[data-testid="predict-step"][data-line="4"]')).toContainText('ran');

  await page.keyboard.press('p');
  const present = page.getByRole('dialog', { name: 'Presenter mode' });
  await expect(present.getByTestId('present-mode')).toHaveAttribute('data-mode', 'last-build');
  await expect(present.getByTestId('present-mode')).toContainText('Last build what docker build just did');
  await expect(present.locator('[data-testid="present-step"][data-line="4"]')).toContainText('↻ RAN');
  // The next step asks for a change first: its build is the next one, to predict.
  await page.keyboard.press('ArrowRight');
  await expect(present.getByTestId('present-mode')).toHaveAttribute('data-mode', 'prediction');
  await expect(present.getByTestId('present-mode')).toContainText('Next build which steps will rebuild?');
  await page.keyboard.press('Escape');
});
