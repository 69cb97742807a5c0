import { expect, test } from '@playwright/test';
import { dockerfileEditor, openApp } from './helpers';

test.beforeEach(async ({ page }) => openApp(page));

test('a COPY --from of a path only an unmodelled command may write says the build may fail there', async ({ page }) => {
  const editor = dockerfileEditor(page);
  await editor.click();
  await page.keyboard.press('Control+a');
  // CodeMirror indents nothing here; insertText keeps the text exactly as given.
  await page.keyboard.insertText(
    'FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build\nWORKDIR /src\nCOPY . .\nRUN dotnet publish -c Release -o /app\nFROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY --from=build /app/publish /app\n'
  );
  const unknowns = page.getByTestId('build-unknowns');
  await expect(unknowns).toContainText('May fail at line 6');
  await expect(unknowns).toContainText('dotnet publish -c Release -o /app');
  // Copying what a step the engine follows made (WORKDIR, COPY) is not in doubt.
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('End');
  for (let i = 0; i < '/app/publish /app'.length; i++) await page.keyboard.press('Backspace');
  await page.keyboard.insertText('/src /app');
  await expect(editor).toContainText('COPY --from=build /src /app');
  await expect(unknowns).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'steps rebuild' })).toBeVisible();
});
