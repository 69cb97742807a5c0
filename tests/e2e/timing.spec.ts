import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { dockerfileEditor, openApp, step } from './helpers';
import { PYTHON_LOG } from './timing-fixtures';

test.beforeEach(async ({ page }) => {
  await openApp(page);
});

const timeButton = (page: import('@playwright/test').Page, line: number) =>
  step(page, line).getByRole('button', { name: `Time of line ${line}` });

test('every step shows the basis of its estimate, from the keyboard too', async ({ page }) => {
  const button = timeButton(page, 4);
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('group', { name: 'Time of line 4' })).toContainText(
    'pip install -r 45 s (default) + 0.2 s step overhead'
  );
});

test('seconds set on a step change the prediction, are saved with the session, and reset', async ({
  page
}) => {
  await timeButton(page, 4).click();
  const group = page.getByRole('group', { name: 'Time of line 4' });
  await group.getByLabel('Seconds for this step').fill('nonsense');
  await group.getByRole('button', { name: 'Set' }).click();
  await expect(group.getByRole('alert')).toContainText('Give seconds');
  await group.getByLabel('Seconds for this step').fill('12');
  await group.getByRole('button', { name: 'Set' }).click();
  await expect(group).toContainText('12 s set by you in the page');
  await expect(timeButton(page, 4)).toContainText('set');
  await expect(page.getByText(/of 1\d s for a full build/)).toBeVisible();

  await page.waitForTimeout(900);
  await page.reload();
  await expect(timeButton(page, 4)).toContainText('set');
  await timeButton(page, 4).click();
  await page.getByRole('button', { name: 'Reset to the estimate' }).click();
  await expect(timeButton(page, 4)).not.toContainText('set');
  await expect(page.getByText('of 51 s for a full build')).toBeVisible();
});

test('calibrates from a pasted build log: measured steps drive every prediction until reset', async ({
  page
}) => {
  await page.getByRole('tab', { name: 'Timing' }).click();
  const log = page.getByLabel('Build log', { exact: true });
  await log.fill('this is not a build log');
  await page.getByRole('button', { name: 'Calibrate' }).click();
  await expect(page.getByRole('alert')).toContainText('does not look like `docker build` output');

  await log.fill(PYTHON_LOG);
  await page.getByRole('button', { name: 'Calibrate' }).click();
  const report = page.getByRole('region', { name: 'Calibration' });
  await expect(report).toContainText('5 steps measured');
  await expect(report).toContainText('exporting the image 1.8 s');
  const table = page.getByRole('table', { name: 'Where each step’s time comes from' });
  await expect(table.getByRole('row').filter({ hasText: 'RUN pip install' })).toContainText('your build log');

  await page.getByRole('tab', { name: 'Layers' }).click();
  await expect(timeButton(page, 4)).toContainText('log');
  await timeButton(page, 4).click();
  await expect(page.getByRole('group', { name: 'Time of line 4' })).toContainText(
    '31.4 s measured in your build log ([4/5] RUN pip install'
  );
  // A typo fix now costs what the log measured for COPY . . plus the measured per-build figures.
  await page.getByRole('button', { name: 'Fix the typo in app.py' }).click();
  await expect(step(page, 5)).toHaveAttribute('data-status', 'built');
  await expect(page.getByText(/about 3\.3 s of/)).toBeVisible();

  await page.getByRole('tab', { name: 'Timing' }).click();
  await page.getByRole('button', { name: 'Forget the calibration' }).click();
  await expect(report).toBeHidden();
  await page.getByRole('tab', { name: 'Layers' }).click();
  await expect(timeButton(page, 4)).not.toContainText('log');
});

test('compare with the seed pair: about 2 s against about 45 s per typo fix, some 20x', async ({ page }) => {
  await page.getByRole('tab', { name: 'Advisor' }).click();
  await page.getByRole('button', { name: 'Compare with the seed pair' }).click();
  const dialog = page.getByRole('dialog', { name: 'Compare two orders' });
  const ratio = dialog.getByTestId('compare-ratio');
  await expect(ratio).toHaveText(/^A is \d+(\.\d)?× faster$/);
  const times = Number((await ratio.textContent())!.match(/(\d+(?:\.\d)?)×/)![1]);
  expect(times).toBeGreaterThan(15);
  expect(times).toBeLessThan(30);
  await expect(dialog.getByText(/Per source edit: A 2\.\d s, B 4\d s/)).toBeVisible();
  await expect(dialog.getByRole('img', { name: /Cumulative rebuild time/ })).toBeVisible();
  const rows = dialog.getByRole('table', { name: 'Each build of the day' }).locator('tbody > tr');
  await expect(rows).toHaveCount(12);

  // The day is editable: the first five source edits become two.
  await dialog.getByLabel('Times build 1 repeats').fill('2');
  await dialog.getByLabel('Times build 1 repeats').press('Enter');
  await expect(rows).toHaveCount(9);
  await dialog.getByRole('button', { name: /differs? in build 1$/ }).click();
  await expect(dialog.locator('#differ-1')).toContainText(
    'RUN pip install --no-cache-dir -r requirements.txt'
  );

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('applies an advisor proposal to the Dockerfile and undoes it', async ({ page }) => {
  const editor = dockerfileEditor(page);
  const before = await editor.textContent();
  await page.getByRole('tab', { name: 'Advisor' }).click();
  const proposal = page.getByRole('article').first();
  await expect(proposal).toContainText(/Saves \d/);
  await expect(proposal.getByRole('region', { name: /Changes proposed/ })).toContainText(
    '--mount=type=cache'
  );
  await proposal.getByRole('button', { name: 'Apply' }).click();
  await expect(editor).toContainText('RUN --mount=type=cache,target=/root/.cache/pip pip install');
  await expect(page.getByRole('status').filter({ hasText: 'Applied' })).toBeVisible();

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(editor).not.toContainText('--mount=type=cache');
  expect(await editor.textContent()).toBe(before);
  await page.getByRole('tab', { name: 'Layers' }).click();
  await expect(step(page, 4)).toHaveAttribute('data-status', 'cached');
});

test('the time views have no serious accessibility violations, light or dark', async ({ page }) => {
  test.setTimeout(120_000);
  const serious = async () =>
    (await new AxeBuilder({ page }).analyze()).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  await timeButton(page, 4).click();
  await page.getByRole('tab', { name: 'Timing' }).click();
  await page.getByLabel('Build log', { exact: true }).fill(PYTHON_LOG);
  await page.getByRole('button', { name: 'Calibrate' }).click();
  await expect(page.getByRole('region', { name: 'Calibration' })).toBeVisible();
  // Five scans (axe is slow on two cores): each view once, the ones with the most colour in both themes.
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await page.getByRole('tab', { name: 'Timing' }).click();
    expect(await serious()).toEqual([]);
    await page.getByRole('tab', { name: theme === 'light' ? 'Layers' : 'Advisor' }).click();
    await expect(
      page.getByRole('button', { name: theme === 'light' ? 'Time of line 4' : 'Apply' }).first()
    ).toBeEnabled();
    expect(await serious()).toEqual([]);
  }
  await page.getByRole('button', { name: 'Compare with the seed pair' }).click();
  await expect(page.getByTestId('compare-ratio')).toBeVisible();
  await page.getByRole('button', { name: /differs? in build 1$/ }).click();
  expect(await serious()).toEqual([]);
});
