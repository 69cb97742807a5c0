/**
 * The core loop on a phone (390×844): the answer first, the Dockerfile whole and
 * readable, Build and the files in reach, and nothing wider than the screen.
 */
import { expect, test, type Page } from '@playwright/test';
import { dockerfileEditor, openApp, step } from './helpers';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

/** Whether the document scrolls sideways. */
async function overflowsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.scrollingElement!.scrollWidth > window.innerWidth);
}

test('on load: the summary and Build are on screen, nothing overflows, the editor fits', async ({ page }) => {
  await openApp(page);
  await expect(page.getByTestId('summary')).toBeInViewport({ ratio: 1 });
  await expect(page.getByTestId('summary')).toContainText('5 of 5 steps come from the cache');
  await expect(page.getByTestId('result-mode')).toBeInViewport({ ratio: 1 });
  await expect(page.getByRole('button', { name: 'Build', exact: true })).toBeInViewport({ ratio: 1 });
  expect(await overflowsSideways(page)).toBe(false);

  // The whole Dockerfile, within the screen's width: long lines wrap instead of running off it.
  const editor = page.locator('.editor .cm-editor').first();
  const box = (await editor.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  const scroller = editor.locator('.cm-scroller');
  expect(await scroller.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  await expect(dockerfileEditor(page)).toContainText('RUN pip install --no-cache-dir -r requirements.txt');
  // Readable: the editor's text is not shrunk below what a phone reads comfortably.
  const size = await dockerfileEditor(page).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(size).toBeGreaterThanOrEqual(13);
});

test('the loop by touch: open a file from the list, edit it, see the answer, build', async ({ page }) => {
  await openApp(page);
  await page.locator('[data-path="app.py"] > .row > button.name').tap();
  const editor = page.getByRole('textbox', { name: 'Contents of app.py' });
  // The file list sits below the editor: opening a file brings the editor back into view.
  await expect(editor).toBeInViewport();
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\n# typo fixed');
  await expect(step(page, 5)).toHaveAttribute('data-status', 'built');
  await expect(page.getByTestId('summary')).toContainText('1 of 5 steps rebuild');
  await page.getByRole('button', { name: 'Build', exact: true }).tap();
  await expect(page.getByTestId('result-mode')).toHaveAttribute('data-mode', 'last-build');
  await expect(page.getByTestId('summary')).toContainText('1 of 5 steps ran');
  expect(await overflowsSideways(page)).toBe(false);
});

test('no page or dialog scrolls sideways on a phone', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Share & export' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  expect(await overflowsSideways(page)).toBe(false);
  await page.keyboard.press('Escape');
  for (const tab of ['Build log', 'History (1)', 'Advisor', 'Timing']) {
    await page.getByRole('tab', { name: tab }).click();
    expect(await overflowsSideways(page), tab).toBe(false);
  }
  for (const path of ['/lessons', '/lessons/order-matters']) {
    await page.goto(path);
    await expect(page.getByRole('heading').first()).toBeVisible();
    expect(await overflowsSideways(page), path).toBe(false);
  }
  // In a lesson the task comes first, then the guesses.
  const task = await page.getByText('Your turn:').boundingBox();
  const guesses = await page.getByRole('heading', { name: /Predict first/ }).boundingBox();
  expect(task!.y).toBeLessThan(guesses!.y);
});
