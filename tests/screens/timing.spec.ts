/**
 * Screenshots of the rebuild-time views (npm run screenshots): the step basis,
 * calibration, the advisor and the compare view, light and dark, laptop and narrow.
 */
import { expect, test, type Page } from '@playwright/test';
import { openApp } from '../e2e/helpers';
import { PYTHON_LOG } from '../e2e/timing-fixtures';

const DIR = 'screenshots';

async function shot(page: Page, name: string, fullPage = false) {
  await page.waitForTimeout(200);
  await page.screenshot({ path: `${DIR}/${name}.png`, fullPage });
}

for (const [label, viewport] of [
  ['laptop', { width: 1366, height: 768 }],
  ['narrow', { width: 390, height: 844 }]
] as const) {
  for (const theme of ['light', 'dark'] as const) {
    test(`timing ${label} ${theme}`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme: theme });
      await openApp(page);
      const name = (s: string) => `time-${label}-${theme}-${s}`;

      await page.getByRole('button', { name: /Time of line 4/ }).click();
      await page.getByRole('button', { name: /Time of line 4/ }).scrollIntoViewIfNeeded();
      await shot(page, name('1-basis'));

      await page.getByRole('tab', { name: 'Timing' }).click();
      await page.getByLabel('Build log', { exact: true }).fill(PYTHON_LOG);
      await page.getByRole('button', { name: 'Calibrate' }).click();
      await expect(page.getByRole('region', { name: 'Calibration' })).toBeVisible();
      if (label === 'narrow')
        await page.getByRole('region', { name: 'Calibration' }).scrollIntoViewIfNeeded();
      await shot(page, name('2-calibrated'));

      await page.getByRole('tab', { name: 'Advisor' }).click();
      await expect(page.getByRole('button', { name: 'Apply' }).first()).toBeEnabled();
      if (label === 'narrow') await page.getByRole('region', { name: 'Advisor' }).scrollIntoViewIfNeeded();
      await shot(page, name('3-advisor'));

      await page.getByRole('button', { name: 'Apply' }).first().click();
      await expect(page.getByRole('button', { name: 'Undo' })).toBeVisible();
      await shot(page, name('3-advisor-applied'));
      await page.getByRole('button', { name: 'Undo' }).click();

      await page.getByRole('button', { name: 'Compare orders…' }).click();
      await expect(page.getByTestId('compare-ratio')).toBeVisible();
      await shot(page, name('4-compare-yours'));
      await page.getByRole('button', { name: 'Close' }).click();

      await page.getByRole('button', { name: 'Compare with the seed pair' }).click();
      await expect(page.getByTestId('compare-ratio')).toBeVisible();
      await shot(page, name('4-compare'));
      if (label === 'narrow') {
        await page.locator('dialog[open]').evaluate((d) => d.scrollTo(0, 900));
        await shot(page, name('5-compare-chart'));
      } else {
        await page.getByRole('button', { name: /differs? in build 1$/ }).click();
        await page.locator('dialog[open]').evaluate((d) => d.scrollTo(0, d.scrollHeight));
        await shot(page, name('5-compare-day'));
      }
    });
  }
}
