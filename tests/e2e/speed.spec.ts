import { expect, test, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { openApp } from './helpers';

/** Times from each keydown to the first frame after the view shows the new prediction (reported, not asserted). */
async function keystrokeToView(page: Page, type: () => Promise<void>): Promise<number[]> {
  await page.evaluate(() => {
    performance.clearMarks();
    const w = window as unknown as { keyMarks?: boolean };
    // One listener for the whole test: a second would mark every key twice.
    if (!w.keyMarks)
      document.addEventListener('keydown', () => performance.mark('layerlab:key'), { capture: true });
    w.keyMarks = true;
  });
  await type();
  await page.waitForTimeout(500);
  return page.evaluate(() => {
    const keys = performance.getEntriesByName('layerlab:key').map((e) => e.startTime);
    const views = performance.getEntriesByName('layerlab:view-updated').map((e) => e.startTime);
    return keys.map((k) => (views.find((v) => v > k) ?? NaN) - k).filter((d) => Number.isFinite(d));
  });
}

/** Times from each keydown to the engine's answer (worker or page thread), and how many came from each. */
async function keystrokeToReply(page: Page): Promise<{ ms: number[]; inline: number; worker: number }> {
  return page.evaluate(() => {
    const at = (name: string) => performance.getEntriesByName(name).map((e) => e.startTime);
    const keys = at('layerlab:key');
    const inline = at('layerlab:reply-inline');
    const worker = at('layerlab:reply');
    const replies = [...inline, ...worker].sort((a, b) => a - b);
    const ms = keys.map((k) => (replies.find((v) => v > k) ?? NaN) - k).filter((d) => Number.isFinite(d));
    return { ms, inline: inline.length, worker: worker.length };
  });
}

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return {
    samples: s.length,
    median: Math.round(q(0.5) * 10) / 10,
    p95: Math.round(q(0.95) * 10) / 10,
    max: Math.round(s[s.length - 1] * 10) / 10
  };
}

test('keystroke to updated view, per example (reported)', async ({ page }) => {
  test.setTimeout(120_000);
  await openApp(page);
  const report: Record<string, ReturnType<typeof stats>> = {};
  const replies: Record<string, ReturnType<typeof stats> & { inline: number; worker: number }> = {};
  for (const slug of ['python-deps-first', 'go-multi-stage', 'arg-and-dockerignore']) {
    await page.getByRole('combobox', { name: 'Example' }).selectOption(slug);
    await expect(page.getByText(/cache: 1 build/)).toBeVisible();
    const editor = page.getByRole('textbox', { name: 'Dockerfile' });
    await editor.click();
    await page.keyboard.press('Control+End');
    const xs = await keystrokeToView(page, () => page.keyboard.type('# timing the cache', { delay: 60 }));
    report[slug] = stats(xs);
    const r = await keystrokeToReply(page);
    replies[slug] = { ...stats(r.ms), inline: r.inline, worker: r.worker };
  }
  console.log('keystroke-to-view ms', JSON.stringify(report));
  console.log('keystroke-to-engine-reply ms', JSON.stringify(replies));
  writeFileSync(
    'test-results/speed.json',
    JSON.stringify({ keystrokeToView: report, keystrokeToReply: replies }, null, 2)
  );
  test.info().annotations.push({ type: 'keystroke-to-view (ms)', description: JSON.stringify(report) });
  expect(Object.values(report).every((r) => r.samples > 0)).toBe(true);
});
