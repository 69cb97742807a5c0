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
import { sha256Text, type Digest } from './digest';
import type { FsEntry } from './images';
import type { TreeNode } from './types';

export interface Node {
  entry: FsEntry;
  /** Children by name, for directories. Never mutated once a checksum has been read. */
  children: Map<string, Node> | null;
  bk?: Digest;
  legacy?: Digest;
  /** Bytes of all files below (memo). */
  size?: number;
  /** Child names in Go's string order (memo). */
  names?: string[];
  /** The file-content sequence under this node (memo, see contentSequence). */
  seq?: Sequence;
}

/**
 * An order-sensitive fingerprint of a sequence of file contents: two polynomial
 * hashes modulo the Mersenne prime 2^61-1 plus the length. Sequences combine in
 * O(1), so a directory's fingerprint is built from its children's and an edit
 * only recomputes the directories above it.
 */
export interface Sequence {
  a: bigint;
  b: bigint;
  len: number;
}

const P = (1n << 61n) - 1n;
const BASE_A = 1_000_003n;
const BASE_B = 998_244_353n;
const EMPTY_CONTENT = 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

function powMod(base: bigint, exp: number): bigint {
  let result = 1n;
  let b = base % P;
  let e = exp;
  while (e > 0) {
    if (e & 1) result = (result * b) % P;
    b = (b * b) % P;
    e = Math.floor(e / 2);
  }
  return result;
}

export const EMPTY_SEQUENCE: Sequence = { a: 0n, b: 0n, len: 0 };

export function concatSequences(x: Sequence, y: Sequence): Sequence {
  if (!x.len) return y;
  if (!y.len) return x;
  return { a: (x.a * powMod(BASE_A, y.len) + y.a) % P, b: (x.b * powMod(BASE_B, y.len) + y.b) % P, len: x.len + y.len };
}

/**
 * The contents of the files under a node, in the order `find ... | sort` lists
 * their paths (children by name, a directory's name compared as if it ended in
 * `/`), empty files left out: what a tool gets by concatenating them.
 */
export function contentSequence(n: Node): Sequence {
  if (n.seq) return n.seq;
  if (!n.children) {
    if (n.entry.type !== 'f' || n.entry.digest === EMPTY_CONTENT) n.seq = EMPTY_SEQUENCE;
    else {
      const x = BigInt('0x' + n.entry.digest.slice(7, 22)) % P;
      n.seq = { a: x, b: x, len: 1 };
    }
    return n.seq;
  }
  const kids = [...n.children.entries()].map(([name, c]) => [c.children ? name + '/' : name, c] as const);
  kids.sort((x, y) => byteOrder(x[0], y[0]));
  let acc = EMPTY_SEQUENCE;
  for (const [, c] of kids) acc = concatSequences(acc, contentSequence(c));
  n.seq = acc;
  return acc;
}

export function newDir(entry: FsEntry): Node {
  return { entry, children: new Map() };
}

function hashParts(kind: string, parts: string[]): Digest {
  return sha256Text(kind + '\u0000' + parts.join('\u0001'));
}

export function sortedNames(n: Node): string[] {
  if (!n.names) n.names = [...(n.children as Map<string, Node>).keys()].sort(byteOrder);
  return n.names;
}

/** Go's string order (bytewise on UTF-8; equal to UTF-16 order for the BMP). */
export function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** BuildKit's checksum of a node (name-less). */
export function bkChecksum(n: Node): Digest {
  if (n.bk) return n.bk;
  const e = n.entry;
  if (e.type === 'f') n.bk = hashParts('f', [String(e.mode & 0o7777), e.digest]);
  else if (e.type === 'l') n.bk = hashParts('l', [e.target ?? '']);
  else {
    const parts: string[] = [];
    for (const name of sortedNames(n)) parts.push(name, bkChecksum((n.children as Map<string, Node>).get(name) as Node));
    n.bk = hashParts('d', parts);
  }
  return n.bk;
}

/** The legacy builder's tarsum-like digest of a node, relative to itself. */
export function legacyChecksum(n: Node): Digest {
  if (n.legacy) return n.legacy;
  const e = n.entry;
  const head = [e.type, String(e.mode & 0o7777), e.owner];
  if (e.type === 'f') n.legacy = hashParts('lf', [...head, e.digest]);
  else if (e.type === 'l') n.legacy = hashParts('ll', [...head, e.target ?? '']);
  else {
    const parts: string[] = [...head];
    for (const name of sortedNames(n)) parts.push(name, legacyChecksum((n.children as Map<string, Node>).get(name) as Node));
    n.legacy = hashParts('ld', parts);
  }
  return n.legacy;
}

/** Total bytes of the files in a subtree. */
export function treeSize(n: Node | null): number {
  if (!n) return 0;
  if (n.size !== undefined) return n.size;
  let total = n.children ? 0 : n.entry.size;
  if (n.children) for (const c of n.children.values()) total += treeSize(c);
  n.size = total;
  return total;
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

/**
 * Collects the TreeNode records of a subtree (for explanations), keyed by bk
 * checksum, skipping directories `known` already holds: an unchanged subtree
 * costs nothing.
 */
export function collectTrees(n: Node, out: Record<Digest, TreeNode>, known: Record<Digest, TreeNode> = {}): void {
  if (!n.children) return;
  const d = bkChecksum(n);
  if (out[d] || known[d]) return;
  const entries: TreeNode['entries'] = [];
  for (const name of sortedNames(n)) {
    const c = n.children.get(name) as Node;
    const kind = c.entry.type === 'd' ? 'd' : c.entry.type === 'l' ? 'l' : 'f';
    entries.push([name, kind, kind === 'f' ? c.entry.digest : bkChecksum(c), c.entry.mode & 0o7777]);
    collectTrees(c, out, known);
  }
  out[d] = { entries };
}
