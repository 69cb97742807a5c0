/**
 * Content trees: directories of files with content-addressed checksums, used
 * for the build context and for anything a COPY reads from another stage.
 *
 * Two checksums per node, because the builders hash differently:
 * - `bk`: BuildKit's content checksum. A file's checksum leaves its name out
 *   (names enter through the parent directory) and directory modes do not
 *   count: the daemon showed a `chmod 700` of a copied directory keeps BuildKit's
 *   COPY cached (oracle scenario chmod-directory-only).
 * - `legacy`: the legacy builder's tarsum, where every entry carries its mode,
 *   owner and path, directory modes included.
 */
import { digestOf, type Digest } from './digest';
import type { FsEntry } from './images';
import type { TreeNode } from './types';

export interface Node {
  entry: FsEntry;
  /** Children by name, for directories. */
  children: Map<string, Node> | null;
  bk?: Digest;
  legacy?: Digest;
}

export function newDir(entry: FsEntry): Node {
  return { entry, children: new Map() };
}

// Directory checksums are memoised by their ingredients, so an unchanged
// directory is hashed once however many builds see it.
const dirMemo = new Map<string, Digest>();
function memoDigest(kind: string, parts: string[]): Digest {
  const key = kind + '\u0000' + parts.join('\u0001');
  let d = dirMemo.get(key);
  if (d === undefined) {
    d = digestOf({ [kind]: parts });
    if (dirMemo.size > 200000) dirMemo.clear();
    dirMemo.set(key, d);
  }
  return d;
}

function sortedNames(n: Node): string[] {
  return [...(n.children as Map<string, Node>).keys()].sort(byteOrder);
}

/** Go's string order (bytewise on UTF-8; equal to UTF-16 order for the BMP). */
export function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** BuildKit's checksum of a node (name-less). */
export function bkChecksum(n: Node): Digest {
  if (n.bk) return n.bk;
  const e = n.entry;
  if (e.type === 'f') n.bk = memoDigest('f', [String(e.mode & 0o7777), e.digest]);
  else if (e.type === 'l') n.bk = memoDigest('l', [e.target ?? '']);
  else {
    const parts: string[] = [];
    for (const name of sortedNames(n)) {
      const c = (n.children as Map<string, Node>).get(name) as Node;
      parts.push(name, bkChecksum(c));
    }
    n.bk = memoDigest('d', parts);
  }
  return n.bk;
}

/** The legacy builder's tarsum-like digest of a node, relative to itself. */
export function legacyChecksum(n: Node): Digest {
  if (n.legacy) return n.legacy;
  const e = n.entry;
  const head = [e.type, String(e.mode & 0o7777), e.owner];
  if (e.type === 'f') n.legacy = memoDigest('lf', [...head, e.digest]);
  else if (e.type === 'l') n.legacy = memoDigest('ll', [...head, e.target ?? '']);
  else {
    const parts: string[] = [...head];
    for (const name of sortedNames(n)) {
      const c = (n.children as Map<string, Node>).get(name) as Node;
      parts.push(name, legacyChecksum(c));
    }
    n.legacy = memoDigest('ld', parts);
  }
  return n.legacy;
}

/** Looks a relative path up in a tree ('' is the root). */
export function getNode(root: Node, rel: string): Node | undefined {
  if (rel === '' || rel === '.') return root;
  let n: Node | undefined = root;
  for (const part of rel.split('/')) {
    if (!part) continue;
    n = n.children?.get(part);
    if (!n) return undefined;
  }
  return n;
}

/** Every descendant of a node as [relative path, node], depth first, names sorted. */
export function* walk(n: Node, prefix = ''): Generator<[string, Node]> {
  if (!n.children) return;
  for (const name of sortedNames(n)) {
    const c = n.children.get(name) as Node;
    const p = prefix ? `${prefix}/${name}` : name;
    yield [p, c];
    yield* walk(c, p);
  }
}

/** Adds an entry at a relative path, creating parent directories with `dirEntry`. */
export function insert(root: Node, rel: string, node: Node, dirEntry: (path: string) => FsEntry): void {
  const parts = rel.split('/').filter(Boolean);
  let cur = root;
  let path = '';
  for (let i = 0; i < parts.length - 1; i++) {
    path = path ? `${path}/${parts[i]}` : parts[i];
    let next = cur.children?.get(parts[i]);
    if (!next || !next.children) {
      next = newDir(dirEntry(path));
      (cur.children as Map<string, Node>).set(parts[i], next);
    }
    cur = next;
  }
  const last = parts[parts.length - 1];
  const existing = cur.children?.get(last);
  // A directory placed over an existing directory keeps what is already inside.
  if (existing?.children && node.children) {
    existing.entry = node.entry;
    for (const [k, v] of node.children) existing.children.set(k, v);
  } else (cur.children as Map<string, Node>).set(last, node);
}

/** Collects the TreeNode records of a subtree (for explanations), keyed by bk checksum. */
export function collectTrees(n: Node, out: Record<Digest, TreeNode>): void {
  if (!n.children) return;
  const d = bkChecksum(n);
  if (out[d]) return;
  const entries: TreeNode['entries'] = [];
  for (const name of sortedNames(n)) {
    const c = n.children.get(name) as Node;
    const kind = c.entry.type === 'd' ? 'd' : c.entry.type === 'l' ? 'l' : 'f';
    entries.push([name, kind, kind === 'f' ? c.entry.digest : bkChecksum(c), c.entry.mode & 0o7777]);
    collectTrees(c, out);
  }
  out[d] = { entries };
}
