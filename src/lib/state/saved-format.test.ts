/**
 * Saves and links made by earlier versions keep opening, byte for byte. The
 * fixtures were written by the Session before it was split by concern (see
 * fixtures/README.md); a change here is a change of the saved format.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeLink, encodeLink } from '../model/share/codec';
import { inlineEngine } from '../worker/compute';
import { loadSession, saveSession } from './persist';
import type { SavedSession } from '../model/saved-session';
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
