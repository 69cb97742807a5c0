import { expect, type Page } from '@playwright/test';

/** Opens the app on a fresh browser profile and waits for the first committed build. */
export async function openApp(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByTestId('step').first()).toBeVisible();
  await expect(page.getByText(/cache: 1 build/)).toBeVisible();
}

export function step(page: Page, line: number) {
  return page.locator(`[data-testid="step"][data-line="${line}"]`);
}

/** Lines of the steps with a status, in page order. */
export async function linesWith(page: Page, status: string): Promise<number[]> {
  return page
    .locator(`[data-testid="step"][data-status="${status}"]`)
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-line'))));
}

/** Opens a context file from the tree and appends text at its end. */
export async function appendToFile(page: Page, path: string, text: string): Promise<void> {
  await page.locator(`[data-path="${path}"] > .row > button.name`).click();
  const editor = page.getByRole('textbox', { name: `Contents of ${path}` });
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
}

export function dockerfileEditor(page: Page) {
  return page.getByRole('textbox', { name: 'Dockerfile' });
}
