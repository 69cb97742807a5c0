/**
 * An in-memory folder behind the File System Access handle interfaces the
 * walker uses, counting what is listed and opened, so tests can prove that
 * excluded trees are never touched. For tests; the page never imports it.
 */
import type { DirHandleLike, FileHandleLike } from './walk';

export interface Touches {
  /** Directories whose entries were listed, by path ('' is the root). */
  listed: string[];
  /** Files opened (getFile), by path. */
  opened: string[];
}

type Tree = Map<string, Tree | Uint8Array | string>;

/**
 * A folder from `{ path: contents }`; a path ending in `/` is an empty directory.
 * `fail` names paths whose listing or opening throws, as a vanished entry would.
 */
export function memoryFolder(
  name: string,
  files: Record<string, string | Uint8Array>,
  fail: string[] = []
): { root: DirHandleLike; touches: Touches } {
  const tree: Tree = new Map();
  for (const [path, data] of Object.entries(files)) {
    const parts = path.split('/');
    const leaf = parts.pop() as string;
    let dir = tree;
    for (const p of parts) {
      if (!p) continue;
      let next = dir.get(p);
      if (!(next instanceof Map)) dir.set(p, (next = new Map()));
      dir = next;
    }
    if (leaf) dir.set(leaf, data);
  }
  const touches: Touches = { listed: [], opened: [] };
  const file = (path: string, leaf: string, data: string | Uint8Array): FileHandleLike => ({
    kind: 'file',
    name: leaf,
    async getFile() {
      touches.opened.push(path);
      if (fail.includes(path)) throw Object.assign(new Error('gone'), { name: 'NotFoundError' });
      return Object.assign(new Blob([data as BlobPart]), { lastModified: 1_700_000_000_000 });
    }
  });
  const dir = (path: string, leaf: string, t: Tree): DirHandleLike => ({
    kind: 'directory',
    name: leaf,
    async *values() {
      touches.listed.push(path);
      if (fail.includes(path))
        throw Object.assign(new Error('permission denied'), { name: 'NotAllowedError' });
      // Unsorted on purpose: browsers list in no particular order.
      for (const [k, v] of [...t].reverse()) {
        const p = path ? `${path}/${k}` : k;
        yield v instanceof Map ? dir(p, k, v) : file(p, k, v);
      }
    }
  });
  return { root: dir('', name, tree), touches };
}
