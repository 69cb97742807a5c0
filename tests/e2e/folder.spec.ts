/**
 * "Open folder": a real project becomes the build context. The picker and a
 * drop are driven with in-page folders that count every listing and read (see
 * folder-fakes.ts); the `<input webkitdirectory>` gets a real directory on disk.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type Request } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  dropFakeFolder,
  dropHandle,
  fakeFolder,
  holdReads,
  opfsFolder,
  pickFakeFolder,
  releaseReads,
  touches
} from './folder-fakes';
import { dockerfileEditor, linesWith, openApp, step } from './helpers';

const DOCKERFILE = `FROM node:20-alpine
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build
`;

function project(nodeModules = 40): Record<string, string> {
  const files: Record<string, string> = {
    '.dockerignore': 'node_modules\n.git\n*.log\n',
    Dockerfile: DOCKERFILE,
    'package.json': '{ "name": "shop" }\n',
    'package-lock.json': '{}\n',
    'src/index.js': 'console.log("shop")\n',
    'public/logo.png': '\u0089PNG\u0000\u0001binary',
    'debug.log': 'noise\n',
    '.git/HEAD': 'ref: refs/heads/main\n'
  };
  for (let i = 0; i < nodeModules; i++) files[`node_modules/pkg${i}/index.js`] = `module.exports = ${i};\n`;
  return files;
}

function onDisk(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'layerlab-open-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

/** Requests the page makes from now on. */
function recordRequests(page: Page): Request[] {
  const seen: Request[] = [];
  page.on('request', (r) => seen.push(r));
  return seen;
}

/** Nothing leaves the page: at most its own code is fetched (the reading worker), never with a body. */
function expectNothingUploaded(page: Page, requests: Request[]) {
  const origin = new URL(page.url()).origin;
  for (const r of requests) {
    expect(r.method(), r.url()).toBe('GET');
    expect(r.postData(), r.url()).toBeNull();
    expect(new URL(r.url()).origin, r.url()).toBe(origin);
    expect(new URL(r.url()).pathname, r.url()).toMatch(/^\/_app\/immutable\//);
  }
}

const builtLines = [1, 2, 3, 4, 5, 6];

test('the picker: the Dockerfile opens, the cold build is predicted, excluded trees are never listed or read', async ({
  page
}) => {
  await openApp(page);
  await fakeFolder(page, 'shop', project());
  await pickFakeFolder(page);
  const requests = recordRequests(page);
  await page.getByRole('button', { name: 'Open folder…' }).click();

  await expect(page.getByTestId('project-card')).toContainText('Folder shop');
  await expect(dockerfileEditor(page)).toContainText('FROM node:20-alpine');
  await expect(step(page, 6)).toHaveAttribute('data-status', 'built');
  expect(await linesWith(page, 'built')).toEqual(builtLines);
  await expect(page.getByRole('combobox', { name: 'Example' })).toHaveValue('');

  const t = await touches(page);
  expect(t.listed.filter((p) => /^(node_modules|\.git)/.test(p))).toEqual([]);
  expect(t.opened.filter((p) => /^(node_modules|\.git)/.test(p) || p === 'debug.log')).toEqual([]);
  expect(t.opened).toContain('src/index.js');
  expectNothingUploaded(page, requests);

  await expect(page.getByTestId('project-summary')).toContainText(
    '.dockerignore kept out 1 file and 2 folders, never read'
  );
  await expect(page.locator('[data-path="node_modules"]')).toContainText('excluded by node_modules');
  await expect(page.locator('[data-path="debug.log"]')).toContainText('excluded by *.log');
  await expect(page.getByText('every file opens as 0644')).toBeVisible();

  // A binary is known by its digest: labelled, not editable.
  await page.locator('[data-path="public"] > .row > button.name').click();
  await expect(page.locator('[data-path="public/logo.png"]')).toContainText('binary · read-only');
  await page.locator('[data-path="public/logo.png"] > .row > button.name').click();
  await expect(page.getByRole('note')).toContainText('Binary file');

  // Text is editable: build, then an edit to the source rebuilds from COPY . . on.
  await page.getByRole('button', { name: 'Build', exact: true }).click();
  // The cold build just ran: every step ran; the next one would come from the cache.
  await expect(page.getByTestId('result-mode')).toHaveAttribute('data-mode', 'last-build');
  await expect(step(page, 6)).toHaveAttribute('data-status', 'built');
  await page.getByRole('button', { name: 'Show the next build' }).click();
  await expect(step(page, 6)).toHaveAttribute('data-status', 'cached');
  await page.locator('[data-path="src"] > .row > button.name').click();
  await page.locator('[data-path="src/index.js"] > .row > button.name').click();
  const editor = page.getByRole('textbox', { name: 'Contents of src/index.js' });
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('// more');
  await expect(step(page, 5)).toHaveAttribute('data-status', 'built');
  expect(await linesWith(page, 'built')).toEqual([5, 6]);

  // Autosave keeps the folder: its files (digest-only ones too), its cache, its history.
  await page.waitForTimeout(900);
  await page.reload();
  await expect(page.getByTestId('project-card')).toContainText('Folder shop');
  await expect(step(page, 5)).toHaveAttribute('data-status', 'built');
  expect(await linesWith(page, 'built')).toEqual([5, 6]);
  await expect(page.getByRole('tab', { name: 'History (1)' })).toBeVisible();
});

test('real FileSystemDirectoryHandles (origin-private file system): picked or dropped, node_modules is never listed', async ({
  page
}) => {
  await openApp(page);
  const files = project(20);
  // Names unique to the excluded trees, so the counts can tell them apart.
  files['node_modules/only-here.js'] = 'x';
  await opfsFolder(page, 'shop', files);
  await pickFakeFolder(page);
  await page.getByRole('button', { name: 'Open folder…' }).click();
  await expect(page.getByTestId('project-card')).toContainText('Folder shop');
  await expect(step(page, 6)).toHaveAttribute('data-status', 'built');
  let t = await touches(page);
  expect(t.listed).not.toContain('node_modules');
  expect(t.listed).not.toContain('.git');
  expect(t.opened).not.toContain('only-here.js');
  expect(t.opened).not.toContain('debug.log');
  expect(t.opened).toContain('index.js');

  // Dropped in Chromium: the same handle, through getAsFileSystemHandle; the session now holds work, so it asks.
  await page.getByRole('button', { name: 'Dismiss message' }).click();
  await dropHandle(page);
  await page.getByRole('dialog').getByRole('button', { name: 'Discard it and open' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Opened shop' })).toBeVisible();
  t = await touches(page);
  // Listed through the handle the drop offered (the entry it also offered cannot list anything).
  expect(t.listed.filter((n) => n === 'shop')).toHaveLength(2);
  expect(t.listed).not.toContain('node_modules');
  expect(t.opened).not.toContain('only-here.js');
});

test('a folder input: excluded files are listed by the browser but never handed to the reader', async ({
  page
}) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __posted: string[] };
    w.__posted = [];
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, m: unknown, ...rest: unknown[]) {
      const msg = m as { type?: string; items?: Array<{ blob: File }> };
      if (msg?.type === 'hash') for (const r of msg.items ?? []) w.__posted.push(r.blob.webkitRelativePath);
      return (post as (...a: unknown[]) => void).call(this, m, ...rest);
    } as typeof post;
  });
  await openApp(page);
  const dir = onDisk(project());
  try {
    await page.getByTestId('open-folder-input').setInputFiles(dir);
    await expect(page.getByTestId('project-card')).toBeVisible();
    await expect(step(page, 6)).toHaveAttribute('data-status', 'built');
    const posted = await page.evaluate(() => (window as unknown as { __posted: string[] }).__posted);
    const root = posted[0].split('/')[0];
    expect(posted.map((p) => p.slice(root.length + 1)).sort()).toEqual([
      '.dockerignore',
      'Dockerfile',
      'package-lock.json',
      'package.json',
      'public/logo.png',
      'src/index.js'
    ]);
    await page.getByText('every file opens as 0644').click();
    await expect(page.getByTestId('project-card')).toContainText('listed every file of the folder at once');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a drop over unsaved work asks first; the work can be kept and restored', async ({ page }) => {
  await openApp(page);
  await dockerfileEditor(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('# my change');
  await fakeFolder(page, 'shop', project(5));
  await dropFakeFolder(page);

  const dialog = page.getByRole('dialog', { name: 'Open shop as the build context?' });
  await expect(dialog).toContainText('with your changes');
  await dialog.getByRole('button', { name: 'Keep it and open' }).click();
  await expect(page.getByTestId('project-card')).toContainText('Folder shop');
  expect((await touches(page)).opened.filter((p) => p.startsWith('node_modules'))).toEqual([]);

  await page.getByRole('button', { name: 'Back to the previous session' }).click();
  await expect(page.getByTestId('project-card')).toHaveCount(0);
  await expect(dockerfileEditor(page)).toContainText('# my change');
  await expect(page.getByRole('combobox', { name: 'Example' })).toHaveValue('python-deps-first');
});

test('several Dockerfiles: the person chooses, and the build uses it where it sits', async ({ page }) => {
  await openApp(page);
  const files = project(0);
  delete files.Dockerfile;
  files['api.Dockerfile'] = 'FROM golang:1.22\nCOPY . .\n';
  files['web.Dockerfile'] = DOCKERFILE;
  await fakeFolder(page, 'shop', files);
  await pickFakeFolder(page);
  await page.getByRole('button', { name: 'Open folder…' }).click();
  const dialog = page.getByRole('dialog', { name: 'shop has 2 Dockerfiles' });
  await dialog.getByRole('radio', { name: 'web.Dockerfile' }).check();
  await dialog.getByRole('button', { name: 'Open' }).click();
  await expect(dockerfileEditor(page)).toContainText('FROM node:20-alpine');
  await expect(page.getByRole('group', { name: 'Open files' })).toContainText('web.Dockerfile');
  await expect(page.getByTestId('project-card')).toContainText('also in the folder: api.Dockerfile');
  await expect(page.locator('[data-path="web.Dockerfile"]')).toBeVisible();
  await expect(page.locator('[data-path="Dockerfile"]')).toHaveCount(0);
});

test('no Dockerfile: it says so and an empty one opens', async ({ page }) => {
  await openApp(page);
  const files = project(0);
  delete files.Dockerfile;
  await fakeFolder(page, 'lib', files);
  await pickFakeFolder(page);
  await page.getByRole('button', { name: 'Open folder…' }).click();
  await expect(page.getByTestId('project-card')).toContainText('No Dockerfile found');
  await expect(page.getByRole('status').filter({ hasText: 'Opened lib' })).toContainText(
    'No Dockerfile found: an empty one is open.'
  );
  await expect(page.getByTestId('step')).toHaveCount(0);
});

/** A folder of 10,000 files to read (100 folders of 100) and 500 more under node_modules. */
function bigFolder(): string {
  const files: Record<string, string> = { ...project(0) };
  const line = 'export const value = "0123456789abcdef";\n';
  // Small files: the cost of a big folder is per file (listing, handing over, opening), not per byte.
  for (let d = 0; d < 100; d++)
    for (let f = 0; f < 100; f++) files[`src/m${d}/f${f}.js`] = `// ${d}/${f}\n` + line.repeat(4);
  for (let i = 0; i < 500; i++) files[`node_modules/p${i % 50}/f${i}.js`] = line;
  return onDisk(files);
}

/** Records the gaps between animation frames and the long tasks, from now on. */
async function watchFrames(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __gaps: number[]; __long: number[]; __beat: boolean };
    w.__gaps = [];
    w.__long = [];
    w.__beat = true;
    let last = performance.now();
    const tick = (t: number) => {
      w.__gaps.push(t - last);
      last = t;
      if (w.__beat) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    new PerformanceObserver((l) => w.__long.push(...l.getEntries().map((e) => e.duration))).observe({
      type: 'longtask'
    });
  });
}

async function frames(page: Page): Promise<{ maxGap: number; longest: number; frames: number }> {
  return page.evaluate(() => {
    const w = window as unknown as { __gaps: number[]; __long: number[]; __beat: boolean };
    w.__beat = false;
    return { maxGap: Math.max(...w.__gaps), longest: Math.max(0, ...w.__long), frames: w.__gaps.length };
  });
}

test.describe('a folder of 10,000 files', () => {
  let dir = '';
  test.beforeAll(() => {
    dir = bigFolder();
  });
  test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('shows progress with counts and the page stays responsive while it is read', async ({ page }) => {
    test.setTimeout(120_000);
    await openApp(page);
    // Handing 12,000 files to an input takes the browser seconds of its own; the watch starts when ours do.
    await page.getByTestId('open-folder-input').setInputFiles(dir);
    const progress = page.getByTestId('folder-progress');
    await expect(progress).toBeVisible();
    await watchFrames(page);
    await expect(progress.getByTestId('excluded-count')).toContainText(
      '1 excluded file and 2 excluded folders'
    );
    await expect(progress.getByTestId('read-count')).toContainText(/[1-9][\d,]* of [\d,]+ files read/);
    await page.screenshot({ path: test.info().outputPath('folder-progress.png') });

    // The page answers while the worker reads: typing in the editor shows at once.
    await dockerfileEditor(page).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('# typed while reading');
    await expect(dockerfileEditor(page)).toContainText('# typed while reading');
    await expect(progress).toBeVisible();
    const reading = await frames(page);

    await expect(page.getByTestId('project-card')).toContainText('10,006 files read', { timeout: 60_000 });
    await expect(step(page, 6)).toHaveAttribute('data-status', 'built');
    await expect(page.locator('[data-path="src"]')).toContainText('10001');
    // The edit made while the folder was read was not asked about; it is kept, restorable.
    await expect(page.getByRole('button', { name: 'Back to the previous session' })).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('folder-loaded.png') });
    console.log('10,000-file folder: frames while reading', JSON.stringify(reading));
    test.info().annotations.push({ type: 'frames while reading (ms)', description: JSON.stringify(reading) });
    // The page kept painting, and no task of its own held it long enough for a person to notice.
    expect(reading.frames).toBeGreaterThan(5);
    expect(reading.longest).toBeLessThan(400);
  });
});

test('the folder views pass an accessibility scan: progress, questions, the project, a read-only file', async ({
  page
}) => {
  test.setTimeout(120_000);
  const serious = async () =>
    (await new AxeBuilder({ page }).analyze()).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  await openApp(page);
  await fakeFolder(page, 'shop', project(5));
  await pickFakeFolder(page);
  await holdReads(page);
  await page.getByRole('button', { name: 'Open folder…' }).click();
  await expect(page.getByTestId('folder-progress')).toBeVisible();
  expect(await serious()).toEqual([]);
  await releaseReads(page);
  await expect(page.getByTestId('project-card')).toBeVisible();
  await page.getByText('every file opens as 0644').click();
  await page.locator('[data-path="public"] > .row > button.name').click();
  await page.locator('[data-path="public/logo.png"] > .row > button.name').click();
  expect(await serious()).toEqual([]);

  const multi = project(0);
  delete multi.Dockerfile;
  multi['api.Dockerfile'] = DOCKERFILE;
  multi['web.Dockerfile'] = DOCKERFILE;
  await fakeFolder(page, 'multi', multi);
  await dropFakeFolder(page);
  await expect(page.getByRole('dialog', { name: 'Open multi as the build context?' })).toBeVisible();
  expect(await serious()).toEqual([]);
  await page.getByRole('button', { name: 'Discard it and open' }).click();
  await expect(page.getByRole('dialog', { name: 'multi has 2 Dockerfiles' })).toBeVisible();
  expect(await serious()).toEqual([]);
});

test('Cancel stops the read and leaves the session as it was', async ({ page }) => {
  await openApp(page);
  await fakeFolder(page, 'shop', project());
  await pickFakeFolder(page);
  // Every read waits at a gate: the read is surely still going when Cancel is pressed.
  await holdReads(page);
  await page.getByRole('button', { name: 'Open folder…' }).click();
  const progress = page.getByTestId('folder-progress');
  await progress.getByRole('button', { name: 'Cancel' }).click();
  await expect(progress).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Cancelled' })).toBeVisible();
  // Nothing arrives later from the stopped read.
  await releaseReads(page);
  await page.waitForTimeout(1000);
  await expect(page.getByTestId('project-card')).toHaveCount(0);
  await expect(dockerfileEditor(page)).toContainText('FROM python:3.12-slim');
  await expect(page.getByRole('combobox', { name: 'Example' })).toHaveValue('python-deps-first');
});
