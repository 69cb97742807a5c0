/**
 * Teaching with Layer Lab: a lesson walked by keyboard in presenter mode,
 * predict first, share links opened in a new browser, hostile links, and
 * scenario files exported and imported again.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { deflateSync, strToU8 } from 'fflate';
import { LESSONS } from '../../src/lib/model/lessons/index';
import { dockerfileEditor, linesWith, openApp } from './helpers';

const oracle = join(import.meta.dirname, '..', 'oracle');

function showDockerfile(page: Page) {
  return page.getByRole('group', { name: 'Open files' }).getByRole('button', { name: 'Dockerfile' }).click();
}

/** Lines of the presenter's rows with a status. */
async function presented(page: Page, status: string): Promise<number[]> {
  return page
    .locator(`[data-testid="present-step"][data-status="${status}"]`)
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-line'))));
}

test('a whole lesson, walked by keyboard in presenter mode', async ({ page }) => {
  test.setTimeout(60_000);
  const lesson = LESSONS.find((l) => l.id === 'layers-and-cache')!;
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(`/lessons/${lesson.id}`);
  await expect(page.getByText(`step 1 of ${lesson.steps.length}`)).toBeVisible();
  await page.keyboard.press('p');
  const present = page.getByRole('dialog', { name: 'Presenter mode' });
  await expect(present).toBeVisible();
  for (const [i, step] of lesson.steps.entries()) {
    await expect(present.getByText(`Step ${i + 1} / ${lesson.steps.length}`)).toBeVisible();
    await expect(present.getByRole('heading', { name: step.title })).toBeVisible();
    if (step.task?.actions.length) {
      // Before the change: every step is a question mark.
      await expect(present.locator('[data-testid="present-step"][data-status]')).toHaveCount(0);
      await page.keyboard.press('ArrowRight');
    }
    await expect(present.getByText('✓ Done')).toBeVisible();
    // The class marks the first step it thinks rebuilds, then the teacher reveals.
    await page.keyboard.press('1');
    await expect(present.locator('[data-testid="present-step"]').first()).toHaveAttribute(
      'data-marked',
      'true'
    );
    await page.keyboard.press('ArrowRight');
    await expect(present.getByText('Press R to reveal the build.')).toBeVisible();
    await page.keyboard.press('r');
    await expect(present.getByText(/Class: \d+ \/ \d+ right/)).toBeVisible();
    expect(await presented(page, 'built')).toEqual(step.expect!.rebuilds);
    await page.keyboard.press('ArrowRight');
  }
  await expect(present.getByRole('heading', { name: 'Lesson complete' })).toBeVisible();
  // Back one step by keyboard: the step starts again from its beginning.
  await page.keyboard.press('ArrowLeft');
  await expect(present.getByText(`Step ${lesson.steps.length} / ${lesson.steps.length}`)).toBeVisible();
  await expect(present.locator('[data-testid="present-step"][data-status]')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(present).toBeHidden();
});

test('predict first hides the answer until the build, then scores the guesses', async ({ page }) => {
  await page.goto('/lessons/order-matters');
  await expect(page.getByText('step 1 of 4')).toBeVisible();
  await page.getByRole('button', { name: 'Do it for me' }).click();
  await expect(page.getByText('✓ change app.py')).toBeVisible();
  // Nothing tells the answer: no statuses in the list, no layer stack.
  await expect(page.locator('[data-testid="step"]')).toHaveCount(0);
  await expect(page.locator('[data-testid="predict-step"][data-status]')).toHaveCount(0);
  await page.locator('[data-testid="predict-step"][data-line="3"]').getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Build and reveal' }).first().click();
  await expect(page.getByText('Your prediction: 3 of 4 right.')).toBeVisible();
  await expect(page.locator('[data-testid="predict-step"][data-line="4"]')).toHaveAttribute(
    'data-status',
    'built'
  );
  await page.getByRole('button', { name: 'Next step →' }).click();
  await expect(page.getByText('step 2 of 4')).toBeVisible();
});

test('the learner may wander off and come back: the task is still detected, the step resumes', async ({
  page
}) => {
  await page.goto('/lessons/order-matters');
  await expect(page.getByText('step 1 of 4')).toBeVisible();
  await page.getByRole('checkbox', { name: 'Predict first' }).uncheck();
  // Off the task: an unrelated edit and a build.
  await page.getByRole('button', { name: 'Actions for README.md' }).click();
  await page.getByRole('button', { name: 'Edit README.md (a real content change)' }).click();
  await page.getByRole('button', { name: 'Build', exact: true }).click();
  await expect(page.getByText('○ change app.py')).toBeVisible();
  // Away to the lesson list and back: the same step, as it was left.
  await page.waitForTimeout(800);
  await page.getByRole('link', { name: 'Lessons' }).click();
  await page.getByRole('link', { name: /Order matters/ }).click();
  await expect(page.getByText('step 1 of 4')).toBeVisible();
  await expect(page.locator('[data-path="README.md"]')).toBeVisible();
  // The task by hand, in the editor.
  await page.locator('[data-path="app.py"] > .row > button.name').click();
  const editor = page.getByRole('textbox', { name: 'Contents of app.py' });
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('# fixed\n');
  await expect(page.getByText('✓ change app.py')).toBeVisible();
  await page.getByRole('button', { name: 'Build and reveal' }).click();
  await expect(page.getByText(/The fix changed a file/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Next step →' })).toBeVisible();
});

test('a teacher’s lesson file loads, with a link to share; a broken one says what is wrong', async ({
  page
}) => {
  const mine = { ...LESSONS[0], id: 'my-lesson', title: 'My <em>own</em> lesson' };
  await page.goto('/lessons');
  await page.getByLabel('Lesson file', { exact: true }).setInputFiles({
    name: 'bad.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ ...mine, steps: [] }))
  });
  await expect(page.getByRole('alert')).toContainText('This is not a valid lesson: steps: at least one step');
  await page.getByLabel('Lesson file', { exact: true }).setInputFiles({
    name: 'mine.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(mine))
  });
  await expect(page.getByText('Lesson · My <em>own</em> lesson · step 1 of 5')).toBeVisible();
  await expect(page.getByText(/You opened a lesson from a link/)).toBeVisible();
  expect(page.url()).toMatch(/#lesson=[A-Za-z0-9_-]+$/);
  expect(await page.locator('em').count()).toBe(0);
});

test('a share link restores the whole session in a new browser, without touching its own work', async ({
  page,
  browser
}) => {
  // The sender: a lesson at its second step, one more edit, legacy builder.
  await page.goto('/lessons/order-matters');
  await page.getByRole('button', { name: 'Do it for me' }).click();
  await page.getByRole('button', { name: 'Build and reveal' }).first().click();
  await page.getByRole('button', { name: 'Next step →' }).click();
  await expect(page.getByText('step 2 of 4')).toBeVisible();
  await page.getByRole('checkbox', { name: 'Predict first' }).uncheck();
  await page.getByText('Legacy', { exact: true }).click();
  await expect(page.locator('[data-testid="step"]').first()).toBeVisible();
  const sentBuilt = await linesWith(page, 'built');
  await showDockerfile(page);
  const sentDockerfile = (await dockerfileEditor(page).textContent()) ?? '';
  await page.getByRole('button', { name: 'Share & export' }).click();
  await page.getByRole('button', { name: 'Create share link' }).click();
  const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
  expect(link).toMatch(/#share=[A-Za-z0-9_-]+$/);

  // The recipient has work of their own, autosaved.
  const other = await browser.newContext();
  const mine = await other.newPage();
  await openApp(mine);
  await dockerfileEditor(mine).click();
  await mine.keyboard.press('Control+End');
  await mine.keyboard.type('# my own work\n');
  await mine.waitForTimeout(1200);

  const shared = await other.newPage();
  await shared.goto(link);
  await expect(shared.getByText(/You opened a shared session/)).toBeVisible();
  await expect(shared.getByText('step 2 of 4')).toBeVisible();
  await expect(shared.getByRole('heading', { name: 'Dependencies first' })).toBeVisible();
  await showDockerfile(shared);
  await expect(dockerfileEditor(shared)).toHaveText(sentDockerfile);
  await expect(shared.getByRole('radio', { name: 'Legacy' })).toBeChecked();
  await expect(shared.getByRole('tab', { name: 'History (2)' })).toBeVisible();
  await expect.poll(() => linesWith(shared, 'built')).toEqual(sentBuilt);

  // Their own work is untouched, both in this tab and after a reload elsewhere.
  await shared.waitForTimeout(1200);
  const again = await other.newPage();
  await again.goto('/');
  await expect(dockerfileEditor(again)).toContainText('# my own work');
  await shared.getByRole('button', { name: 'Back to my work' }).click();
  await expect(dockerfileEditor(shared)).toContainText('# my own work');
  await other.close();
});

/** Packs JSON as a link would, without the page's checks. */
function pack(body: unknown): string {
  return toUrl(deflateSync(strToU8(JSON.stringify(body))));
}
function toUrl(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

test('ten hostile links: clear messages, nothing runs, the recipient’s work stays', async ({ page }) => {
  test.setTimeout(90_000);
  page.on('dialog', () => {
    throw new Error('a dialog opened: link content ran as code');
  });
  await openApp(page);
  await dockerfileEditor(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('# mine\n');
  await page.waitForTimeout(1200);

  const session = (files: unknown, extra: object = {}) => ({
    app: 'layerlab',
    version: 1,
    kind: 'share',
    session: { example: '', dockerfile: 'FROM alpine\n', files, buildArgs: {}, ...extra }
  });
  const real = await (async () => {
    await page.getByRole('button', { name: 'Share & export' }).click();
    await page.getByRole('button', { name: 'Create share link' }).click();
    const l = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
    await page.getByRole('button', { name: 'Close' }).click();
    return l.split('#share=')[1];
  })();
  const links: Array<[string, string, RegExp]> = [
    [
      'characters no link has',
      '#share=%3Cscript%3Ealert(1)%3C/script%3E',
      /characters a Layer Lab link never has/
    ],
    [
      'not compressed',
      '#share=' + toUrl(strToU8('just some text, not deflated at all')),
      /damaged|incomplete/
    ],
    ['cut off', '#share=' + real.slice(0, Math.floor(real.length / 2)), /incomplete|damaged/],
    ['a decompression bomb', '#share=' + toUrl(deflateSync(new Uint8Array(40_000_000))), /more than 32 MB/],
    ['longer than any link', '#share=' + 'A'.repeat(2_000_100), /too long/],
    ['JSON of another app', '#share=' + pack({ hello: 'world' }), /not a Layer Lab link/],
    ['wrong types', '#share=' + pack(session({ 'app.py': { text: 5, mode: 'x', mtime: 0 } })), /not valid/],
    [
      'a path out of the context',
      '#share=' + pack(session({ '../../etc/passwd': { text: 'x', mode: 420, mtime: 0 } })),
      /not valid/
    ],
    [
      'prototype keys',
      '#share=' + pack(session(JSON.parse('{"__proto__": {"text": "x", "mode": 420, "mtime": 0}}'))),
      /not valid/
    ],
    [
      'a lesson that is not one',
      '#lesson=' + pack({ app: 'layerlab', version: 1, kind: 'lesson', lesson: { id: 'X Y', steps: 3 } }),
      /not a valid lesson/
    ]
  ];
  for (const [name, fragment, message] of links) {
    await page.goto('/' + fragment);
    const alert = page.getByRole('alert').filter({ hasText: 'This link could not be opened.' });
    await expect(alert, name).toBeVisible();
    await expect(alert, name).toContainText(message);
    await expect(dockerfileEditor(page), name).toContainText('# mine');
    await expect(page.getByText(/You opened a shared session/)).toHaveCount(0);
  }
  // A valid link full of HTML: shown as text, never run, and the recipient's work is still saved.
  const html = '<img src=x onerror=alert(1)>.txt';
  await page.goto(
    '/#share=' +
      pack({
        app: 'layerlab',
        version: 1,
        kind: 'share',
        session: {
          example: '<b>x</b>',
          dockerfile: 'FROM alpine\nRUN echo "<script>alert(1)</script>"\n',
          files: { [html]: { text: '<script>alert(2)</script>', mode: 420, mtime: 0 } },
          buildArgs: {},
          settings: { builder: 'buildkit', target: '', noCache: false, upstream: {}, theme: 'system' },
          cache: null,
          history: [],
          contents: {},
          tabs: ['Dockerfile', html],
          active: html,
          lesson: null
        }
      })
  );
  await expect(page.getByText(/You opened a shared session/)).toBeVisible();
  await expect(page.locator(`[data-path="${html}"]`)).toContainText(html);
  await expect(page.locator('[data-testid="step"][data-line="2"]')).toContainText(
    '<script>alert(1)</script>'
  );
  expect(await page.locator('main script, main img[src="x"]').count()).toBe(0);
  await page.getByRole('button', { name: 'Back to my work' }).click();
  await expect(dockerfileEditor(page)).toContainText('# mine');
});

async function downloadText(page: Page, click: () => Promise<void>): Promise<string> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  return readFileSync(await d.path(), 'utf8');
}

test('export a scenario, import it in a fresh browser, and compare a daemon recording', async ({
  page,
  browser
}) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Fix the typo in app.py' }).click();
  await page.getByRole('button', { name: 'Build', exact: true }).click();
  await expect(page.getByText(/cache: 2 builds/)).toBeVisible();
  await page.getByRole('button', { name: 'Actions for app.py' }).click();
  await page.getByRole('button', { name: 'chmod +x app.py' }).click();
  await page.getByRole('button', { name: 'Build', exact: true }).click();
  await expect(page.getByText(/cache: 3 builds/)).toBeVisible();
  await page.getByRole('button', { name: 'Share & export' }).click();
  const exported = JSON.parse(
    await downloadText(page, () => page.getByRole('button', { name: 'Export scenario' }).click())
  );
  expect(exported.builds).toHaveLength(3);
  expect(exported.builds[2].modes).toEqual({ 'app.py': '755' });

  const other = await browser.newContext();
  const fresh = await other.newPage();
  await openApp(fresh);
  await fresh.getByRole('button', { name: 'Share & export' }).click();
  await fresh.getByLabel('Scenario file', { exact: true }).setInputFiles({
    name: 'scenario.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(exported))
  });
  await expect(fresh.getByText('Imported and built 3 builds.')).toBeVisible();
  const again = JSON.parse(
    await downloadText(fresh, () => fresh.getByRole('button', { name: 'Export scenario' }).click())
  );
  expect(again).toEqual({
    ...exported,
    builds: exported.builds.map((b: object, i: number) => ({ ...b, label: `build ${i + 1}` }))
  });

  // A recorded scenario and what the real daemon did with it, beside the prediction.
  await fresh
    .getByLabel('Scenario file', { exact: true })
    .setInputFiles(join(oracle, 'scenarios', 'pip-requirements-before-source.json'));
  await expect(fresh.getByText('Imported and built 5 builds.')).toBeVisible();
  await fresh
    .getByLabel('Recording file', { exact: true })
    .setInputFiles(join(oracle, 'recordings', 'pip-requirements-before-source.json'));
  await expect(fresh.getByText(/agrees with the daemon on 10 of 10 builds/)).toBeVisible();
  await expect(fresh.locator('[data-testid="compare-build"][data-agree="true"]')).toHaveCount(10);
  // A file that is not a scenario says what is wrong.
  await fresh
    .getByLabel('Scenario file', { exact: true })
    .setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"files": 3}') });
  await expect(fresh.getByRole('alert')).toContainText('This is not a valid scenario: files');
  await other.close();
});

test('the view exports as SVG and PNG', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Add a dependency' }).click();
  await page.getByRole('button', { name: 'Share & export' }).click();
  const svg = await downloadText(page, () => page.getByRole('button', { name: 'Download SVG' }).click());
  expect(svg).toContain('<svg');
  expect(svg).toContain('REBUILDS');
  const [d] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download PNG' }).click()
  ]);
  const png = readFileSync(await d.path());
  expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  expect(png.length).toBeGreaterThan(10_000);
});
