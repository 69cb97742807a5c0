/**
 * Autosave in the browser. IndexedDB first: it stores bytes and large caches
 * as they are. When it is missing or full, localStorage keeps a trimmed copy
 * (text files only, no cache), and failing that the page says autosave is off.
 */
import type { SavedSession } from '../model/saved-session';

const DB = 'layerlab';
const STORE = 'sessions';
const KEY = 'current';
const LOCAL_KEY = 'layerlab.session';
/** A second slot: the session kept aside when a folder replaced it (see folder/). */
export const STASH_KEY = 'before-folder';

const localKey = (key: string) => (key === KEY ? LOCAL_KEY : `${LOCAL_KEY}.${key}`);

export type SaveOutcome =
  { ok: true; where: 'indexeddb' | 'localstorage'; trimmed: boolean } | { ok: false; message: string };

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') return reject(new Error('IndexedDB is not available'));
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB failed to open'));
  });
}

function tx<T>(mode: IDBTransactionMode, run: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return openDb().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const t = db.transaction(STORE, mode);
        const req = run(t.objectStore(STORE));
        t.oncomplete = () => {
          db.close();
          resolve(req.result);
        };
        t.onerror = t.onabort = () => {
          db.close();
          reject(t.error ?? req.error ?? new Error('IndexedDB transaction failed'));
        };
      })
  );
}

/** A copy small enough for localStorage: text files, the history, no cache. */
function trimmed(s: SavedSession): SavedSession {
  const files: SavedSession['files'] = {};
  // Files known by digest, or never read, are a few bytes each: they stay.
  for (const [p, f] of Object.entries(s.files))
    if (typeof f.data === 'string' || f.data === null) files[p] = f;
  return { ...s, files, cache: null, contents: {}, history: s.history.slice(-5) };
}

export async function saveSession(s: SavedSession, key = KEY): Promise<SaveOutcome> {
  try {
    await tx('readwrite', (store) => store.put(s, key));
    return { ok: true, where: 'indexeddb', trimmed: false };
  } catch (e) {
    try {
      localStorage.setItem(localKey(key), JSON.stringify(trimmed(s)));
      return { ok: true, where: 'localstorage', trimmed: true };
    } catch {
      return {
        ok: false,
        message: `Autosave is off: the browser refused to store this session (${(e as Error).message}).`
      };
    }
  }
}

export async function loadSession(key = KEY): Promise<SavedSession | null> {
  try {
    const s = await tx<SavedSession | undefined>('readonly', (store) => store.get(key));
    if (s && s.version === 1) return s;
  } catch {
    // Fall through to the trimmed copy.
  }
  try {
    const raw = localStorage.getItem(localKey(key));
    const s = raw ? (JSON.parse(raw) as SavedSession) : null;
    return s && s.version === 1 ? s : null;
  } catch {
    return null;
  }
}

export async function forgetSession(key = KEY): Promise<void> {
  await tx('readwrite', (store) => store.delete(key)).catch(() => undefined);
  try {
    localStorage.removeItem(localKey(key));
  } catch {
    // Nothing stored there.
  }
}
