/**
 * Screenshots of the teaching views (npm run screenshots): lessons, predict
 * first, presenter mode at 1280x720, share and export, links.
 */
import { expect, test, type Page } from '@playwright/test';

const DIR = 'screenshots';
async function shot(page: Page, name: string) {
  await page.waitForTimeout(200);
  await page.screenshot({ path: `${DIR}/${name}.png` });
}

async function lesson(page: Page, id: string) {
  await page.goto(`/lessons/${id}`);
  await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
  await expect(page.getByText(/step 1 of/)).toBeVisible();
}

test('lessons index', async ({ page }) => {
  await page.goto('/lessons');
  await expect(page.getByRole('heading', { name: 'Lessons' })).toBeVisible();
  await shot(page, 'teach-lessons-index');
});

test('lesson: predict first, then revealed', async ({ page }) => {
  await lesson(page, 'order-matters');
  await shot(page, 'teach-lesson-1-task');
  await page.getByRole('button', { name: 'Do it for me' }).click();
  await page.getByTestId('predict-step').nth(2).getByRole('checkbox').check();
  await shot(page, 'teach-lesson-2-predict');
  await page.getByRole('button', { name: 'Build and reveal' }).first().click();
  await expect(page.getByText(/Your prediction/)).toBeVisible();
  await shot(page, 'teach-lesson-3-revealed');
});

for (const theme of ['light', 'dark'] as const)
  test(`presenter at 1280x720 (${theme})`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.emulateMedia({ colorScheme: theme });
    await lesson(page, 'multi-stage');
    await page.keyboard.press('p');
    await expect(page.getByRole('dialog', { name: 'Presenter mode' })).toBeVisible();
    await shot(page, `teach-present-${theme}-1-ask`);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('1');
    await page.keyboard.press('3');
    await shot(page, `teach-present-${theme}-2-marked`);
    await page.keyboard.press('r');
    await expect(page.getByText(/Class: \d+ \/ \d+ right/)).toBeVisible();
    await shot(page, `teach-present-${theme}-3-revealed`);
  });

test('presenter: a long lesson step and the end', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await lesson(page, 'arg-and-env');
  await page.keyboard.press('p');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('r');
  await expect(page.getByText(/Class: \d+ \/ \d+ right/)).toBeVisible();
  await shot(page, 'teach-present-arg-revealed');
});

test('share and export dialog, banner, bad link', async ({ page, browser }) => {
  await page.goto('/');
  await expect(page.getByText(/cache: 1 build/)).toBeVisible();
  await page.getByRole('button', { name: 'Share & export' }).click();
  await page.getByRole('button', { name: 'Create share link' }).click();
  await shot(page, 'teach-share-dialog');
  const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
  const other = await browser.newPage();
  await other.goto(link);
  await expect(other.getByText(/You opened a shared session/)).toBeVisible();
  await other.screenshot({ path: `${DIR}/teach-share-opened.png` });
  await other.goto('/#share=AAAAbroken');
  await expect(other.getByText(/could not be opened/)).toBeVisible();
  await other.screenshot({ path: `${DIR}/teach-share-bad-link.png` });
});

test('a daemon recording beside the prediction', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByText(/cache: 1 build/)).toBeVisible();
  await page.getByRole('button', { name: 'Share & export' }).click();
  await page
    .getByLabel('Scenario file', { exact: true })
    .setInputFiles('tests/oracle/scenarios/multistage-unneeded-stage-edit.json');
  await expect(page.getByText(/Imported and built/)).toBeVisible();
  await page
    .getByLabel('Recording file', { exact: true })
    .setInputFiles('tests/oracle/recordings/multistage-unneeded-stage-edit.json');
  await expect(page.getByText(/agrees with the daemon/)).toBeVisible();
  await page.getByRole('heading', { name: 'BuildKit' }).scrollIntoViewIfNeeded();
  await shot(page, 'teach-compare-recording');
});

test('presenter: the end of a lesson', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await lesson(page, 'base-images');
  await page.keyboard.press('p');
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('r');
    await expect(page.getByText(/Class: \d+ \/ \d+ right/)).toBeVisible();
    if (i === 1) await shot(page, 'teach-present-no-cache');
    await page.keyboard.press('ArrowRight');
  }
  await expect(
    page.getByRole('dialog', { name: 'Presenter mode' }).getByRole('heading', { name: 'Lesson complete' })
  ).toBeVisible();
  await shot(page, 'teach-present-complete');
});
