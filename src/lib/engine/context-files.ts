/**
 * The host's context files as the engine reads them: path cleaning, a Map or a
 * plain object behind one interface, digests and sizes, and the tree entries
 * they become.
 */
import { sha256Bytes, sha256Text, type Digest } from './digest';
import type { FsEntry } from './images';
import type { BuildContext, ContextFile } from './types';

/** Whether a path needs no cleaning (cheap checks; anything unusual takes the slow path). */
export function isPlain(p: string): boolean {
  return (
    p.length > 0 &&
    p.charCodeAt(0) !== 47 &&
    p.charCodeAt(p.length - 1) !== 47 &&
    p.indexOf('//') < 0 &&
    p.indexOf('./') < 0 &&
    p !== '.' &&
    p !== '..' &&
    !p.endsWith('/.') &&
    !p.endsWith('/..')
  );
}

/** Normalises a context path: `/`-separated, relative, no `.` or empty parts. Null if it leaves the context. */
export function cleanContextPath(path: string): string | null {
  // Most paths are already clean; checking is much cheaper than rebuilding them.
  if (isPlain(path)) return path;
  const out: string[] = [];
  // `\` is a character of a name on Linux, not a separator: the daemon kept
  // `back\slash` one file (oracle scenario dockerignore-escaped-characters).
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (!out.length) return null;
      out.pop();
    } else out.push(part);
  }
  return out.join('/');
}

/** The digest and size of a context file's bytes; `seen` remembers byte arrays already hashed. */
export function fileDigest(
  f: ContextFile,
  seen?: WeakMap<Uint8Array, Digest>
): { digest: Digest; size: number } {
  if (f.digest) return { digest: f.digest, size: f.size ?? sizeOf(f.data) };
  const data = f.data ?? '';
  if (typeof data === 'string') return { digest: sha256Text(data), size: f.size ?? utf8Length(data) };
  let d = seen?.get(data);
  if (!d) {
    d = sha256Bytes(data);
    seen?.set(data, d);
  }
  return { digest: d, size: data.length };
}

function sizeOf(data: string | Uint8Array | undefined): number {
  if (data === undefined) return 0;
  return typeof data === 'string' ? utf8Length(data) : data.length;
}

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** One file of a context given as a Map or a plain object, by the path its host used. */
export function contextFile(files: BuildContext['files'] | undefined, path: string): ContextFile | undefined {
  return toRaw(files).get(path);
}

/** Read access to the host's files, whether they came as a Map or a plain object. */
export interface RawFiles {
  get(path: string): ContextFile | undefined;
  forEach(fn: (f: ContextFile, path: string) => boolean | void): boolean;
}

export function toRaw(files: BuildContext['files'] | undefined): RawFiles {
  if (files instanceof Map) {
    const m = files as ReadonlyMap<string, ContextFile>;
    return {
      get: (p) => m.get(p),
      forEach: (fn) => {
        for (const [p, f] of m) if (fn(f, p) === false) return false;
        return true;
      }
    };
  }
  const o = (files && typeof files === 'object' ? files : {}) as Record<string, ContextFile>;
  return {
    get: (p) => (Object.prototype.hasOwnProperty.call(o, p) ? o[p] : undefined),
    forEach: (fn) => {
      const keys = Object.keys(o);
      for (let i = 0; i < keys.length; i++) if (fn(o[keys[i]], keys[i]) === false) return false;
      return true;
    }
  };
}

function sameData(a: ContextFile['data'], b: ContextFile['data']): boolean {
  if (a === b) return true;
  if (typeof a === 'string' || typeof b === 'string' || !a || !b) return false;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether two context entries are the same file (compared by value: hosts may clone them). */
export function sameFile(a: ContextFile, b: ContextFile): boolean {
  return (
    a === b ||
    (a.type === b.type &&
      a.mode === b.mode &&
      a.digest === b.digest &&
      a.size === b.size &&
      a.target === b.target &&
      sameData(a.data, b.data))
  );
}

export function dirEntry(_path: string, f: ContextFile | undefined): FsEntry {
  return { type: 'd', digest: sha256Text('dir'), mode: f?.mode ?? 0o755, size: 0, owner: '0:0' };
}

export function leafEntry(f: ContextFile, seen?: WeakMap<Uint8Array, Digest>): FsEntry {
  if (f.type === 'symlink') {
    const target = f.target ?? '';
    return {
      type: 'l',
      digest: sha256Text('link:' + target),
      mode: 0o777,
      size: target.length,
      owner: '0:0',
      target
    };
  }
  const { digest, size } = fileDigest(f, seen);
  const entry: FsEntry = { type: 'f', digest, mode: f.mode ?? 0o644, size, owner: '0:0', data: f.data };
  // Small text files are kept readable: tar archives and passwd lookups need their bytes.
  if (typeof f.data === 'string' && f.data.length <= 65536) entry.text = f.data;
  return entry;
}

/** A context's files as a plain record (hosts may hand the engine a Map); `{}` without a context. */
export function contextFiles(ctx: BuildContext | undefined): Record<string, ContextFile> {
  const f = ctx?.files as unknown;
  if (f instanceof Map) return Object.fromEntries(f as Map<string, ContextFile>);
  return (f as Record<string, ContextFile> | undefined) ?? {};
}
