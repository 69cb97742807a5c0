/**
 * The three ways a browser gives a folder, adapted to the walker's handle
 * interface (walk.ts):
 * - a FileSystemDirectoryHandle (the directory picker, or a drop in Chromium)
 *   already is one: listing is lazy, so excluded trees are never opened;
 * - a dropped FileSystemDirectoryEntry (other browsers) is listed lazily too;
 * - an `<input webkitdirectory>` hands over every file at once: the browser
 *   has listed the whole folder, node_modules included, before .dockerignore
 *   can apply; the walker still opens none of the excluded files.
 */
import type { DirHandleLike, FileHandleLike } from './walk';

/** A FileSystemDirectoryHandle, typed by what the walker uses (TypeScript's DOM types lack `values()`). */
export function dirFromHandle(handle: FileSystemDirectoryHandle): DirHandleLike {
  return handle as unknown as DirHandleLike;
}

/** The folder an `<input webkitdirectory>` picked, from its files' relative paths; null when they have none. */
export function dirFromFiles(files: Iterable<File>): DirHandleLike | null {
  interface Dir {
    kind: 'directory';
    name: string;
    children: Map<string, Dir | FileHandleLike>;
  }
  const mkdir = (name: string): Dir => ({ kind: 'directory', name, children: new Map() });
  let root: Dir | null = null;
  for (const file of files) {
    const parts = file.webkitRelativePath.split('/').filter(Boolean);
    if (parts.length < 2) continue;
    root ??= mkdir(parts[0]);
    if (parts[0] !== root.name) continue;
    let dir = root;
    for (const name of parts.slice(1, -1)) {
      let next = dir.children.get(name);
      if (!next || next.kind !== 'directory') dir.children.set(name, (next = mkdir(name)));
      dir = next as Dir;
    }
    const name = parts[parts.length - 1];
    dir.children.set(name, { kind: 'file', name, getFile: async () => file });
  }
  const view = (d: Dir): DirHandleLike => ({
    kind: 'directory',
    name: d.name,
    async *values() {
      for (const c of d.children.values()) yield c.kind === 'directory' ? view(c) : c;
    }
  });
  return root ? view(root) : null;
}

/** A dropped folder as a FileSystemDirectoryEntry (the older drag-and-drop API, in every browser). */
export function dirFromEntry(entry: FileSystemDirectoryEntry): DirHandleLike {
  return {
    kind: 'directory',
    name: entry.name,
    async *values() {
      const reader = entry.createReader();
      // readEntries answers in batches (100 in Chromium) until it answers none.
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
          reader.readEntries(resolve, reject)
        );
        if (!batch.length) return;
        for (const e of batch) {
          if (e.isDirectory) yield dirFromEntry(e as FileSystemDirectoryEntry);
          else if (e.isFile) yield fileFromEntry(e as FileSystemFileEntry);
        }
      }
    }
  };
}

function fileFromEntry(entry: FileSystemFileEntry): FileHandleLike {
  return {
    kind: 'file',
    name: entry.name,
    getFile: () => new Promise<File>((resolve, reject) => entry.file(resolve, reject))
  };
}
