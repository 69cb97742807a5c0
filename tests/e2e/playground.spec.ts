import { expect, test } from '@playwright/test';
import { appendToFile, dockerfileEditor, linesWith, openApp, step } from './helpers';

test.beforeEach(async ({ page }) => {
  await openApp(page);
});

test('opens on the first example with its first build done: everything cached', async ({ page }) => {
  await expect(page.getByRole('combobox', { name: 'Example' })).toHaveValue('python-deps-first');
  await expect(dockerfileEditor(page)).toContainText('FROM python:3.12-slim');
  await expect(page.getByRole('button', { name: 'Build', exact: true })).toBeVisible();
  expect(await linesWith(page, 'cached')).toEqual([1, 2, 3, 4, 5]);
  await expect(page.getByText('all cached')).toBeVisible();
  await expect(page.locator('[data-path="app.py"]')).toBeVisible();
});

test('editing the source rebuilds only the last COPY', async ({ page }) => {
  await appendToFile(page, 'app.py', '\n# a typo fix');
  await expect(step(page, 5)).toHaveAttribute('data-status', 'built');
  expect(await linesWith(page, 'built')).toEqual([5]);
  await expect(step(page, 5)).toContainText('app.py changed: 2 lines added');
  await expect(page.getByText('1 of 5 steps rebuild')).toBeVisible();
});

test('editing the dependency file rebuilds the install and what follows', async ({ page }) => {
  await appendToFile(page, 'requirements.txt', 'requests==2.32.3\n');
  await expect(step(page, 4)).toHaveAttribute('data-status', 'built');
  expect(await linesWith(page, 'built')).toEqual([3, 4, 5]);
  await expect(step(page, 3)).toContainText('requirements.txt changed: 1 line added');
  await expect(step(page, 4)).toContainText('parent step rebuilt (line 3)');
  await expect(step(page, 3)).toContainText('root cause of 2 more rebuilds');
});

test('reordering two lines moves the cascade', async ({ page }) => {
  await appendToFile(page, 'app.py', '\n# edit');
  await expect(step(page, 5)).toHaveAttribute('data-status', 'built');
  // Move "COPY . ." (line 5) above the requirements COPY with the keyboard.
  await page.getByRole('group', { name: 'Open files' }).getByRole('button', { name: 'Dockerfile' }).click();
  const editor = dockerfileEditor(page);
  await editor.click();
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Alt+ArrowUp');
  await page.keyboard.press('Alt+ArrowUp');
  await expect(editor).toContainText('WORKDIR /appCOPY . .COPY requirements.txt .');
  await expect(step(page, 3)).toContainText('COPY . .');
  expect(await linesWith(page, 'built')).toEqual([3, 4, 5]);
  await expect(step(page, 5)).toContainText('parent step rebuilt (line 4)');
  await expect(step(page, 5)).toContainText('root cause: line 3');
});

test('switching builders predicts against each builder’s own cache', async ({ page }) => {
  await page.getByText('Legacy', { exact: true }).click();
  await expect(step(page, 2)).toHaveAttribute('data-status', 'built');
  await page.getByRole('tab', { name: 'Build log' }).click();
  await expect(page.getByLabel('Build output')).toContainText('Step 1/7 : FROM python:3.12-slim');
  await page.getByRole('button', { name: 'Build', exact: true }).click();
  // The log of the legacy build that just ran, then the next one's: all from the cache.
  await expect(page.getByTestId('result-mode')).toHaveAttribute('data-mode', 'last-build');
  await expect(page.getByLabel('Build output')).toContainText('Step 2/7 : WORKDIR /app');
  await expect(page.getByLabel('Build output')).not.toContainText('Using cache');
  await page.getByRole('button', { name: 'Show the next build' }).click();
  await expect(page.getByLabel('Build output')).toContainText('Using cache');
  await page.getByText('BuildKit', { exact: true }).click();
  await expect(page.getByTestId('result-mode')).toHaveAttribute('data-mode', 'prediction');
  await expect(page.getByLabel('Build output')).toContainText('#5 [2/5] WORKDIR /app');
  await page.getByRole('tab', { name: 'Layers' }).click();
  expect(await linesWith(page, 'built')).toEqual([]);
});

test('a reload keeps the files, the cache and the history', async ({ page }) => {
  await appendToFile(page, 'app.py', '\n# kept');
  await expect(step(page, 5)).toHaveAttribute('data-status', 'built');
  await page.getByRole('button', { name: 'Build', exact: true }).click();
  await expect(page.getByRole('tab', { name: 'History (2)' })).toBeVisible();
  // The build that just ran is shown until the next edit: a reload shows the next build.
  await expect(step(page, 5)).toHaveAttribute('data-status', 'built');
  await page.waitForTimeout(900);
  await page.reload();
  await expect(page.getByTestId('result-mode')).toHaveAttribute('data-mode', 'prediction');
  await expect(page.getByRole('tab', { name: 'History (2)' })).toBeVisible();
  await expect(step(page, 5)).toHaveAttribute('data-status', 'cached');
  await page.locator('[data-path="app.py"] > .row > button.name').click();
  await expect(page.getByRole('textbox', { name: 'Contents of app.py' })).toContainText('# kept');
  // Reset brings the example back as it ships.
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(page.getByRole('tab', { name: 'History (1)' })).toBeVisible();
});

test('history compares two builds and says which keys differ and why', async ({ page }) => {
  await page.getByRole('combobox', { name: 'Example' }).selectOption('arg-and-dockerignore');
  await expect(step(page, 7)).toBeVisible();
  await page.getByText('Build args and base images').click();
  await page.getByLabel('VERSION', { exact: true }).fill('2');
  await expect(step(page, 5)).toHaveAttribute('data-status', 'built');
  await expect(step(page, 5)).toContainText('ARG VERSION changed 1 → 2; every RUN after the ARG uses it');
  await page.getByRole('button', { name: 'Build', exact: true }).click();
  await page.getByRole('tab', { name: 'History (2)' }).click();
  await page.getByLabel('Build #1').check();
  await page.getByLabel('Build #2').check();
  const compare = page.getByRole('region', { name: /Comparison of build #1 and build #2/ });
  await expect(compare).toContainText('ARG VERSION: 1 → 2');
  await expect(compare).toContainText('follows a changed step (line 6)');
});

test('touch rebuilds nothing, chmod +x does, and excluded files say which rule', async ({ page }) => {
  await page.getByRole('combobox', { name: 'Example' }).selectOption('arg-and-dockerignore');
  await expect(page.locator('[data-path="NOTES.md"]')).toContainText('excluded by *.md');
  await expect(page.locator('[data-path="README.md"]')).not.toContainText('excluded');
  await page.getByRole('button', { name: 'Actions for app.sh' }).click();
  await page.getByRole('button', { name: 'Touch app.sh (same content)' }).click();
  await expect(page.getByText('Touched app.sh')).toBeVisible();
  expect(await linesWith(page, 'built')).toEqual([]);
  await page.locator('[data-path="app.sh"]').getByRole('button', { name: 'chmod +x app.sh' }).click();
  await expect(step(page, 7)).toHaveAttribute('data-status', 'built');
  await expect(step(page, 7)).toContainText('app.sh mode changed 644 → 755');
});

test('the Go example keeps its final stage cached when the binary is identical', async ({ page }) => {
  await page.getByRole('combobox', { name: 'Example' }).selectOption('go-multi-stage');
  await page.getByRole('button', { name: 'Add -trimpath to go build' }).click();
  await expect(step(page, 6)).toHaveAttribute('data-status', 'built');
  await expect(step(page, 9)).toHaveAttribute('data-status', 'cached');
  await expect(step(page, 9)).toHaveAttribute('data-stage', '1');
  await page.getByRole('tab', { name: 'Stages' }).click();
  await expect(page.locator('figcaption')).toContainText('build: partly rebuilt');
});

test('build options: --no-cache, updated upstream, clear cache, target', async ({ page }) => {
  await page.getByRole('checkbox', { name: '--no-cache' }).check();
  await expect(step(page, 4)).toContainText('--no-cache: every step runs');
  await page.getByRole('checkbox', { name: '--no-cache' }).uncheck();
  await expect(step(page, 4)).toHaveAttribute('data-status', 'cached');

  await page.getByText('Build args and base images').click();
  await page.getByRole('button', { name: /Updated upstream: python:3.12-slim/ }).click();
  await expect(step(page, 1)).toHaveAttribute('data-status', 'built');
  await expect(step(page, 1)).toContainText('base image python:3.12-slim updated upstream');
  await expect(step(page, 4)).toContainText('parent step rebuilt');

  await page.getByRole('button', { name: 'Clear cache' }).click();
  await expect(page.getByText('empty cache')).toBeVisible();
  expect(await linesWith(page, 'built')).toEqual([1, 2, 3, 4, 5]);
  await expect(step(page, 3)).toContainText('not in the cache yet');

  await page.getByRole('combobox', { name: 'Example' }).selectOption('go-multi-stage');
  await expect(page.locator('[data-testid="step"][data-stage="1"]').first()).toBeVisible();
  await page.getByRole('combobox', { name: 'Target' }).selectOption('build');
  // The final stage is not needed for --target build: its steps are shown, skipped, with the reason.
  const finalStage = page.locator('[data-testid="step"][data-stage="1"]');
  await expect(finalStage.first()).toHaveAttribute('data-status', 'skipped');
  await expect(
    page.locator(
      '[data-testid="step"][data-stage="1"][data-status="built"], [data-testid="step"][data-stage="1"][data-status="cached"]'
    )
  ).toHaveCount(0);
  await page.getByRole('tab', { name: 'Stages' }).click();
  await expect(page.locator('figcaption')).toContainText('stage 1: not needed');
});

test('an example has its own page', async ({ page }) => {
  await page.goto('/examples/rust-cargo');
  await expect(page.getByRole('combobox', { name: 'Example' })).toHaveValue('rust-cargo');
  await expect(page.getByRole('textbox', { name: 'Dockerfile' })).toContainText('FROM rust:1.79 AS build');
  await expect(page).toHaveTitle(/Rust with cargo/);
});
