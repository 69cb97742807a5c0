import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

test.beforeEach(async ({ page }) => {
  page.on('dialog', () => {
    throw new Error('a dialog opened: user text ran as code');
  });
  await openApp(page);
});

test('names and contents like <script> are shown as text, never run', async ({ page }) => {
  await page.getByRole('button', { name: 'New file' }).click();
  await page.getByRole('textbox', { name: 'New file path' }).fill('<img src=x onerror=alert(1)>.txt');
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-path="<img src=x onerror=alert(1)>.txt"]')).toContainText(
    '<img src=x onerror=alert(1)>.txt'
  );
  await page.getByRole('group', { name: 'Open files' }).getByRole('button', { name: 'Dockerfile' }).click();
  const editor = page.getByRole('textbox', { name: 'Dockerfile' });
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('RUN echo "<script>alert(1)</script>"\n');
  const step = page.locator('[data-testid="step"][data-line="8"]');
  await expect(step).toContainText('RUN echo "<script>alert(1)</script>"');
  expect(await page.locator('main script, main img[src="x"]').count()).toBe(0);
});

test('a binary upload stays bytes and is part of the context', async ({ page }) => {
  const png = Buffer.from([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52
  ]);
  await page
    .locator('input[type=file]:not([webkitdirectory])')
    .setInputFiles([{ name: 'logo.png', mimeType: 'image/png', buffer: png }]);
  await expect(page.getByText('Added 1 file (1 binary).')).toBeVisible();
  await expect(page.locator('[data-testid="step"][data-line="5"]')).toHaveAttribute('data-status', 'built');
  await expect(page.locator('[data-testid="step"][data-line="5"]')).toContainText('logo.png added');
  await page.locator('[data-path="logo.png"] > .row > button.name').click();
  await expect(page.getByText('Binary file', { exact: true })).toBeVisible();
});

test('10,000 files: a clear count, a quick page, a prediction', async ({ page }) => {
  test.setTimeout(90_000);
  const files = Array.from({ length: 10_000 }, (_, i) => ({
    name: `f${i}.txt`,
    mimeType: 'text/plain',
    buffer: Buffer.from(`file ${i}\n`)
  }));
  await page.locator('input[type=file]:not([webkitdirectory])').setInputFiles(files);
  await expect(page.getByText('Added 10000 files.')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('heading', { name: /Build context 10005 files/ })).toBeVisible();
  await expect(page.locator('[data-testid="step"][data-line="5"]')).toContainText('and 9997 more files', {
    timeout: 30_000
  });
  // Still responsive: a click answers quickly.
  const t = Date.now();
  await page.getByRole('tab', { name: 'Build log' }).click();
  await expect(page.getByLabel('Build output')).toBeVisible();
  expect(Date.now() - t).toBeLessThan(2000);
});

test('a 1 MB Dockerfile: a clear message, the page stays responsive, steps are paged', async ({ page }) => {
  test.setTimeout(90_000);
  const editor = page.getByRole('textbox', { name: 'Dockerfile' });
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.evaluate(() => {
    let text = 'FROM alpine:3.20\n';
    for (let i = 0; text.length < 1_000_000; i++)
      text += `RUN echo step ${i} && echo padding padding padding\n`;
    const data = new DataTransfer();
    data.setData('text/plain', text);
    document
      .querySelector('.cm-content')
      ?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect(page.getByRole('note')).toContainText(/This Dockerfile is 1\.0 MB/);
  // The main thread keeps painting while the worker predicts.
  const gaps = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let last = performance.now();
        let worst = 0;
        const start = last;
        const tick = (now: number) => {
          worst = Math.max(worst, now - last);
          last = now;
          if (now - start < 1500) requestAnimationFrame(tick);
          else resolve(worst);
        };
        requestAnimationFrame(tick);
      })
  );
  expect(gaps).toBeLessThan(1000);
  await expect(page.getByText(/Showing 300 of \d+ steps/)).toBeVisible({ timeout: 45_000 });
});
