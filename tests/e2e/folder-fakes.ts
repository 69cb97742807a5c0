/**
 * In-page folders for the "Open folder" tests. Headless Chromium cannot drive
 * the native directory picker, and a drop carries real entries only from the
 * OS; these stand in with the same interfaces (FileSystemDirectoryHandle's
 * kind/name/values/getFile, FileSystemDirectoryEntry's createReader/file) and
 * count every listing and every open, so a test can prove what was never read.
 */
import type { Page } from '@playwright/test';

export interface Touches {
  listed: string[];
  opened: string[];
}

/**
 * Builds a folder from `{ path: text }` in the page as `window.__folder`: a
 * handle (`.handle`), an entry (`.entry`) and what was touched (`.touches`).
 */
export async function fakeFolder(page: Page, name: string, files: Record<string, string>): Promise<void> {
  await page.evaluate(
    ({ name, files }) => {
      type Tree = Map<string, Tree | string>;
      const root: Tree = new Map();
      for (const [path, text] of Object.entries(files)) {
        const parts = path.split('/');
        const leaf = parts.pop() as string;
        let dir = root;
        for (const p of parts) {
          let next = dir.get(p);
          if (!(next instanceof Map)) dir.set(p, (next = new Map()));
          dir = next;
        }
        dir.set(leaf, text);
      }
      const touches = { listed: [] as string[], opened: [] as string[] };
      const file = (path: string, leaf: string, text: string) => {
        touches.opened.push(path);
        return new File([text], leaf, { lastModified: 1_700_000_000_000 });
      };
      const handle = (path: string, leaf: string, t: Tree): unknown => ({
        kind: 'directory',
        name: leaf,
        async *values() {
          touches.listed.push(path);
          for (const [k, v] of t) {
            const p = path ? `${path}/${k}` : k;
            yield v instanceof Map
              ? handle(p, k, v)
              : {
                  kind: 'file',
                  name: k,
                  getFile: async () => {
                    // A test can hold every read at a gate, to look at the page mid-read.
                    await (window as unknown as { __gate?: Promise<void> }).__gate;
                    return file(p, k, v);
                  }
                };
          }
        }
      });
      const entry = (path: string, leaf: string, t: Tree): unknown => ({
        isDirectory: true,
        isFile: false,
        name: leaf,
        createReader() {
          let done = false;
          return {
            readEntries(ok: (e: unknown[]) => void) {
              if (!done) touches.listed.push(path);
              const out = done
                ? []
                : [...t].map(([k, v]) => {
                    const p = path ? `${path}/${k}` : k;
                    return v instanceof Map
                      ? entry(p, k, v)
                      : {
                          isDirectory: false,
                          isFile: true,
                          name: k,
                          file: (cb: (f: File) => void) => cb(file(p, k, v))
                        };
                  });
              done = true;
              setTimeout(() => ok(out), 0);
            }
          };
        }
      });
      (window as unknown as { __folder: unknown }).__folder = {
        handle: handle('', name, root),
        entry: entry('', name, root),
        touches
      };
    },
    { name, files }
  );
}

/** Makes the page's directory picker answer with the fake folder, as a person picking it would. */
export async function pickFakeFolder(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as {
      __folder: { handle: unknown };
      showDirectoryPicker: () => Promise<unknown>;
    };
    w.showDirectoryPicker = async () => w.__folder.handle;
  });
}

/** Drops the fake folder on the page as the older entry API (every browser) presents it. */
export async function dropFakeFolder(page: Page, selector = 'main'): Promise<void> {
  await page.evaluate((selector) => {
    const entry = (window as unknown as { __folder: { entry: unknown } }).__folder.entry;
    const dataTransfer = {
      types: ['Files'],
      items: [{ kind: 'file', type: '', webkitGetAsEntry: () => entry }],
      files: []
    };
    const target = document.querySelector(selector) as Element;
    for (const type of ['dragover', 'drop']) {
      const e = new Event(type, { bubbles: true, cancelable: true });
      Object.defineProperty(e, 'dataTransfer', { value: dataTransfer });
      target.dispatchEvent(e);
    }
  }, selector);
}

export async function touches(page: Page): Promise<Touches> {
  return page.evaluate(() => (window as unknown as { __folder: { touches: Touches } }).__folder.touches);
}

/**
 * Writes a folder into the origin-private file system and returns nothing: the
 * page then holds a real FileSystemDirectoryHandle (`window.__opfs`), the very
 * kind the directory picker returns, with every listing and getFile counted.
 */
export async function opfsFolder(page: Page, name: string, files: Record<string, string>): Promise<void> {
  await page.evaluate(
    async ({ name, files }) => {
      const root = await navigator.storage.getDirectory();
      await root.removeEntry(name, { recursive: true }).catch(() => undefined);
      const top = await root.getDirectoryHandle(name, { create: true });
      for (const [path, text] of Object.entries(files)) {
        const parts = path.split('/');
        const leaf = parts.pop() as string;
        let dir = top;
        for (const p of parts) dir = await dir.getDirectoryHandle(p, { create: true });
        const w = await (await dir.getFileHandle(leaf, { create: true })).createWritable();
        await w.write(text);
        await w.close();
      }
      // Count on the prototypes: the handles stay the browser's own.
      const touches = { listed: [] as string[], opened: [] as string[] };
      const dirProto = FileSystemDirectoryHandle.prototype as unknown as {
        values: () => AsyncIterable<unknown>;
      };
      const values = dirProto.values;
      dirProto.values = function (this: FileSystemDirectoryHandle) {
        touches.listed.push(this.name);
        return values.call(this);
      };
      const getFile = FileSystemFileHandle.prototype.getFile;
      FileSystemFileHandle.prototype.getFile = function (this: FileSystemFileHandle) {
        touches.opened.push(this.name);
        return getFile.call(this);
      };
      (window as unknown as { __folder: unknown }).__folder = { handle: top, touches };
    },
    { name, files }
  );
}

/** Drops the folder as Chromium presents it: an entry, and a FileSystemDirectoryHandle on request. */
export async function dropHandle(page: Page): Promise<void> {
  await page.evaluate(() => {
    const handle = (window as unknown as { __folder: { handle: FileSystemDirectoryHandle } }).__folder.handle;
    const item = {
      kind: 'file',
      type: '',
      webkitGetAsEntry: () => ({ isDirectory: true, isFile: false, name: handle.name }),
      getAsFileSystemHandle: async () => handle
    };
    const dataTransfer = { types: ['Files'], items: [item], files: [] };
    for (const type of ['dragover', 'drop']) {
      const e = new Event(type, { bubbles: true, cancelable: true });
      Object.defineProperty(e, 'dataTransfer', { value: dataTransfer });
      document.querySelector('main')?.dispatchEvent(e);
    }
  });
}

/** Holds every read of the fake folder until `releaseReads`. */
export async function holdReads(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __gate?: Promise<void>; __release?: () => void };
    w.__gate = new Promise<void>((r) => (w.__release = r));
  });
}

export async function releaseReads(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as { __release?: () => void }).__release?.());
}
