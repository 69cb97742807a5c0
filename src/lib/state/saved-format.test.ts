/**
 * Saves and links made by earlier versions keep opening, byte for byte. The
 * fixtures were written by the Session before it was split by concern (see
 * fixtures/README.md); a change here is a change of the saved format.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { assembleProject } from '../folder/project';
import { inlineHasher } from '../folder/hasher';
import { memoryFolder } from '../folder/memory-handles';
import { readFolder } from '../folder/reader';
import { seedCompare } from '../model/compare-setup';
import { lessonById } from '../model/lessons/index';
import type { SavedSession } from '../model/saved-session';
import { decodeLink, encodeLink } from '../model/share/codec';
import { Analysis } from '../timing/analysis.svelte';
import { inlineAnalysis } from '../worker/analyse';
import { inlineEngine } from '../worker/compute';
import { loadSession, saveSession } from './persist';
import { restoreSaved, toSaved } from './saved.svelte';
import { Session } from './session.svelte';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
const KINDS = ['example', 'lesson', 'folder'] as const;

/** A localStorage that holds `blob` as the saved session (IndexedDB is missing under Node). */
function storage(blob?: string): Map<string, string> {
  const store = new Map<string, string>(blob ? [['layerlab.session', blob]] : []);
  (globalThis as { localStorage?: unknown }).localStorage = {
    setItem: (k: string, v: string) => store.set(k, v),
    getItem: (k: string) => store.get(k) ?? null,
    removeItem: (k: string) => store.delete(k)
  };
  return store;
}
afterEach(() => void delete (globalThis as { localStorage?: unknown }).localStorage);

async function restored(saved: SavedSession): Promise<Session> {
  const s = new Session({ engine: inlineEngine() });
  restoreSaved(s, saved);
  await s.prediction.settled();
  return s;
}

describe('saved sessions from before the split', () => {
  it.each(KINDS)(
    'the %s blob autosave kept in localStorage restores, and saves again to the same bytes',
    async (kind) => {
      const blob = fixture(`saved-${kind}.local.json`);
      const store = storage(blob);
      const s = await restored((await loadSession())!);
      const want = JSON.parse(blob) as SavedSession;
      expect(s.workspace.dockerfile).toBe(want.dockerfile);
      expect(s.workspace.files).toEqual(want.files);
      expect(s.workspace.tabs).toEqual(want.tabs);
      expect(s.workspace.active).toBe(want.active);
      expect(s.prediction.error).toBeNull();
      store.clear();
      await saveSession(toSaved(s));
      expect(store.get('layerlab.session')).toBe(blob);
    }
  );

  it.each(KINDS)('the full %s session (what IndexedDB keeps) restores to the same shape', async (kind) => {
    const text = fixture(`saved-${kind}.full.json`);
    const s = await restored(JSON.parse(text));
    expect(JSON.stringify(toSaved(s))).toBe(text);
  });

  it('a restored session predicts against its saved cache, with its timing, compare and theme', async () => {
    const s = await restored(JSON.parse(fixture('saved-example.full.json')));
    expect(s.theme).toBe('dark');
    expect(s.options.buildArgs).toEqual({ PYVER: '3.13' });
    expect(s.timing.timingSource(4)).toBe('set');
    expect(s.timing.compare?.source).toBe('seed');
    expect(s.daemon.history).toHaveLength(3);
    // Since the last commit: app.py touched (ignored) and requirements.txt edited.
    expect(s.prediction.result!.steps.filter((x) => x.status === 'built').map((x) => x.range.line)).toEqual([
      3, 4, 5
    ]);
  });

  it('a lesson in progress comes back where it was', async () => {
    const s = await restored(JSON.parse(fixture('saved-lesson.full.json')));
    expect(s.lessons.progress).toMatchObject({ id: 'order-matters', step: 0, marks: [3, 5] });
    expect(s.lessons.progress?.revealed).not.toBeNull();
    expect(s.options.builder).toBe('legacy');
  });
});

describe('share links from before the split', () => {
  it.each(['example', 'folder'] as const)(
    'a %s link opens as it did before, and is shared again as the same link',
    async (kind) => {
      const d = decodeLink('share', fixture(`share-${kind}.txt`));
      if (!d.ok || d.payload.kind !== 'share') throw new Error(d.ok ? 'not a share link' : d.message);
      const s = await restored(d.payload.session);
      const shared = JSON.parse(fixture(`saved-${kind}.full.json`)) as SavedSession;
      expect(s.workspace.dockerfile).toBe(shared.dockerfile);
      expect(s.options.buildArgs).toEqual(shared.buildArgs);
      expect(s.workspace.dockerfilePath).toBe(shared.dockerfilePath);
      expect(Object.keys(s.workspace.files)).toEqual(Object.keys(shared.files));
      // What the code before the split made of the link, and the link it made of that.
      expect(JSON.stringify(toSaved(s))).toBe(fixture(`share-${kind}.opened.json`));
      expect(encodeLink({ kind: 'share', session: toSaved(s) })).toBe(fixture(`share-${kind}.again.txt`));
    }
  );
});

/**
 * The steps that wrote the fixtures, made again through the concerns: the same
 * clock and the same edits must save the same bytes, or the split changed what
 * a session does, not just where the code sits.
 */
describe('the steps that wrote the fixtures, made again', () => {
  const clock = () => {
    let t = 1_750_000_000_000;
    return () => (t += 7);
  };
  const log = [
    ['#1 [internal] load build definition from Dockerfile', '#1 DONE 0.1s'],
    ['#4 [1/5] FROM docker.io/library/python:3.12-slim', '#4 CACHED'],
    ['#5 [2/5] WORKDIR /app', '#5 CACHED'],
    ['#6 [3/5] COPY requirements.txt .', '#6 DONE 0.2s'],
    ['#7 [4/5] RUN pip install --no-cache-dir -r requirements.txt', '#7 DONE 31.4s'],
    ['#8 [5/5] COPY . .', '#8 DONE 0.3s'],
    ['#9 exporting to image', '#9 DONE 1.8s']
  ]
    .map((pair) => pair.join('\n') + '\n')
    .join('\n');

  async function expectFixtures(s: Session, kind: (typeof KINDS)[number]): Promise<void> {
    expect(JSON.stringify(toSaved(s))).toBe(fixture(`saved-${kind}.full.json`));
    const store = storage();
    await saveSession(toSaved(s));
    expect(store.get('layerlab.session')).toBe(fixture(`saved-${kind}.local.json`));
    if (kind !== 'lesson')
      expect(encodeLink({ kind: 'share', session: toSaved(s) })).toBe(fixture(`share-${kind}.txt`));
  }

  it('an example edited every way the page allows', async () => {
    const s = new Session({ engine: inlineEngine(), now: clock() });
    const { workspace: w, options: o, timing } = s;
    await s.loadExample('python-deps-first');
    const analysis = new Analysis(s, inlineAnalysis(), () => 1_750_000_000_123);
    expect(await analysis.calibrate(log, 'pasted log')).toBeNull();
    w.writeFile('app.py', (w.files['app.py'].data as string) + '# one more line\n');
    w.addFolder('empty');
    w.addFile('notes/todo.txt', 'write tests\n');
    w.toggleExecutable('app.py');
    await s.view.run();
    o.setBuildArg('PYVER', '3.13');
    o.updateUpstream('python:3.12-slim');
    timing.setStepSeconds(4, 12);
    timing.setCompare(seedCompare());
    s.theme = 'dark';
    o.setNoCache(true);
    o.setNoCache(false);
    w.open('requirements.txt');
    w.open('app.py');
    w.close('requirements.txt');
    w.open('requirements.txt');
    await s.commitBuild();
    w.touch('app.py');
    w.writeFile('requirements.txt', 'flask==3.0.3\n');
    await s.prediction.settled();
    await expectFixtures(s, 'example');
  });

  it('a lesson part way: one task done, marked and revealed', async () => {
    const s = new Session({ engine: inlineEngine(), now: clock() });
    const { lessons } = s;
    await lessons.begin(lessonById('order-matters')!, 0);
    while (lessons.phase === 'read') await lessons.next();
    lessons.doTask();
    await s.prediction.settled();
    lessons.toggleMark(3);
    lessons.toggleMark(5);
    await lessons.reveal();
    s.options.setBuilder('legacy');
    await s.prediction.settled();
    await expectFixtures(s, 'lesson');
  });

  it('a folder from disk, its Dockerfile in build/', async () => {
    const s = new Session({ engine: inlineEngine(), now: clock() });
    const { root } = memoryFolder('shop', {
      '.dockerignore': 'node_modules\n*.log\n',
      'build/Dockerfile': 'FROM node:20-alpine\nWORKDIR /app\nCOPY package.json ./\nRUN npm ci\nCOPY . .\n',
      'package.json': '{"name":"app"}\n',
      'src/index.js': 'console.log("hi")\n',
      'public/logo.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]),
      'app.log': 'noise\n',
      'node_modules/a/index.js': 'x',
      'empty/': ''
    });
    const read = await readFolder(root, { hasher: inlineHasher() });
    s.openProject(assembleProject(read, { dockerfilePath: 'build/Dockerfile', via: 'drop', stashed: true }));
    await s.commitBuild();
    s.workspace.writeFile('src/index.js', 'console.log("hello")\n');
    s.workspace.open('src/index.js');
    await s.prediction.settled();
    await expectFixtures(s, 'folder');
  });
});
