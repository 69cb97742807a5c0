/**
 * The context as a content tree, built from scratch or, when only a few files
 * changed since the previous build, by copying just the directories on the
 * changed paths. Both give the same tree (context.test.ts checks it).
 *
 * A directory that is not excluded is sent even when everything inside it is,
 * so a new directory holding only ignored files still changes `COPY . .`
 * (oracle scenario dockerignore-ignored-file-new-dir).
 */
import type { ContextTree } from './context';
import {
  cleanContextPath,
  dirEntry,
  fileDigest,
  isPlain,
  leafEntry,
  sameFile,
  type RawFiles
} from './context-files';
import type { Digest } from './digest';
import type { IgnoreMatcher } from './rules/dockerignore';
import { insert, newDir, type Node } from './tree';
import type { ContextFile, ContextSummary } from './types';

/** The key under which the synthetic Dockerfile (one the host did not list) is remembered. */
export const SYNTHETIC = '\u0000dockerfile';

const EXCLUDED_LIST_CAP = 2000;

/** What the previous build's context was made of, to update it instead of rebuilding it. */
export interface ContextMemo {
  key: string;
  /** Input entries by raw path (as the host wrote it). */
  raw: Map<string, ContextFile>;
  /** Input entries by clean path. */
  files: Map<string, ContextFile>;
  /** Raw paths that leave the context. */
  outside: string[];
  tree: ContextTree;
  excluded: Map<string, string>;
  bytes: number;
  count: number;
}

function summaryOf(excluded: Map<string, string>, bytes: number, count: number): ContextSummary {
  const list = [...excluded.keys()]
    .sort()
    .slice(0, EXCLUDED_LIST_CAP)
    .map((path) => ({ path, pattern: excluded.get(path) as string }));
  return { files: count, bytes, excluded: list, excludedCount: excluded.size };
}

function treeOf(root: Node, summary: ContextSummary, matcher: IgnoreMatcher): ContextTree {
  return {
    root,
    summary,
    ignoreFile: null,
    ignoreError: null,
    diagnostics: [],
    isExcluded: (path) => matcher.ignores(path),
    excludedBy: (path) => (matcher.ignores(path) ? matcher.decidedBy(path) : null)
  };
}

/** The context built from scratch. `seen`: byte arrays already hashed. */
export function fullContext(
  key: string,
  rawFiles: RawFiles,
  synthetic: ContextFile | null,
  dfPath: string,
  matcher: IgnoreMatcher,
  seen: WeakMap<Uint8Array, Digest>
): ContextMemo {
  const raw = new Map<string, ContextFile>();
  const files = new Map<string, ContextFile>();
  const outside: string[] = [];
  rawFiles.forEach((f, r) => {
    if (!f || typeof f !== 'object') return;
    raw.set(r, f);
    const p = cleanContextPath(r);
    if (p === null) outside.push(r);
    else if (p !== '') files.set(p, f);
  });
  if (synthetic) {
    raw.set(SYNTHETIC, synthetic);
    files.set(dfPath, synthetic);
  }
  const root = newDir(dirEntry('', undefined));
  const excluded = new Map<string, string>();
  let bytes = 0;
  let count = 0;
  const explicitDirs = new Map<string, ContextFile>();
  for (const [p, f] of files) if (f.type === 'dir' && !matcher.ignores(p)) explicitDirs.set(p, f);
  for (const [p, f] of files) {
    if (matcher.ignores(p)) {
      excluded.set(p, matcher.decidedBy(p) ?? '');
      // The directories above an ignored file are still sent when they are not ignored themselves.
      addParents(root, p, matcher, explicitDirs);
      continue;
    }
    if (f.type === 'dir') {
      insert(root, p, newDir(dirEntry(p, f)), (d) => dirEntry(d, explicitDirs.get(d)));
      continue;
    }
    const entry = leafEntry(f, seen);
    bytes += entry.size;
    count++;
    insert(root, p, { entry, children: null }, (d) => dirEntry(d, explicitDirs.get(d)));
  }
  return {
    key,
    raw,
    files,
    outside,
    excluded,
    bytes,
    count,
    tree: treeOf(root, summaryOf(excluded, bytes, count), matcher)
  };
}

/**
 * Applies the difference from the previous build by copying only the directories
 * on the changed paths. Returns null when a full rebuild is simpler (deletions,
 * directory entries, paths that need cleaning, many changes). The memo's maps
 * are updated in place: they belong to no result.
 */
export function updateContext(
  memo: ContextMemo,
  rawFiles: RawFiles,
  synthetic: ContextFile | null,
  dfPath: string,
  matcher: IgnoreMatcher,
  seen: WeakMap<Uint8Array, Digest>
): ContextMemo | null {
  const changed: Array<[string, ContextFile, ContextFile | undefined]> = [];
  let kept = 0;
  const consider = (r: string, f: ContextFile): boolean => {
    const old = memo.raw.get(r);
    if (old) kept++;
    if (old && sameFile(old, f)) return true;
    if (f.type === 'dir' || old?.type === 'dir') return false;
    const p = r === SYNTHETIC ? dfPath : isPlain(r) ? r : null;
    if (p === null) return false;
    changed.push([p, f, old]);
    return changed.length <= 2000;
  };
  if (!rawFiles.forEach((f, r) => Boolean(f) && typeof f === 'object' && consider(r, f))) return null;
  if (synthetic && !consider(SYNTHETIC, synthetic)) return null;
  if (kept !== memo.raw.size) return null; // something was deleted
  if (!changed.length) return memo;
  let root = memo.tree.root;
  let bytes = memo.bytes;
  let count = memo.count;
  for (const [p, f, old] of changed) {
    memo.raw.set(p === dfPath && synthetic === f ? SYNTHETIC : p, f);
    memo.files.set(p, f);
    if (matcher.ignores(p)) {
      memo.excluded.set(p, matcher.decidedBy(p) ?? '');
      if (!old) root = withParents(root, p, matcher);
      continue;
    }
    const entry = leafEntry(f, seen);
    if (old) {
      bytes -= fileDigest(old, seen).size;
      count--;
    }
    bytes += entry.size;
    count++;
    root = withLeaf(root, p.split('/'), 0, { entry, children: null });
  }
  return { ...memo, bytes, count, tree: treeOf(root, summaryOf(memo.excluded, bytes, count), matcher) };
}

/** A copy of `dir` with a leaf set at parts[i...]: only the directories on the path are new. */
function withLeaf(dir: Node, parts: string[], i: number, leaf: Node): Node {
  const children = new Map(dir.children as Map<string, Node>);
  if (i === parts.length - 1) children.set(parts[i], leaf);
  else {
    const existing = children.get(parts[i]);
    const sub = existing?.children ? existing : newDir(dirEntry(parts.slice(0, i + 1).join('/'), undefined));
    children.set(parts[i], withLeaf(sub, parts, i + 1, leaf));
  }
  return { entry: dir.entry, children };
}

/** A copy of `root` with the non-ignored parent directories of an ignored file. */
function withParents(root: Node, path: string, matcher: IgnoreMatcher): Node {
  const parts = path.split('/');
  const make = (dir: Node, i: number): Node => {
    if (i >= parts.length - 1) return dir;
    const p = parts.slice(0, i + 1).join('/');
    if (matcher.ignores(p)) return dir;
    const existing = dir.children?.get(parts[i]);
    if (existing && !existing.children) return dir;
    const sub = make(existing ?? newDir(dirEntry(p, undefined)), i + 1);
    if (sub === existing) return dir;
    const children = new Map(dir.children as Map<string, Node>);
    children.set(parts[i], sub);
    return { entry: dir.entry, children };
  };
  return make(root, 0);
}

function addParents(
  root: Node,
  path: string,
  matcher: IgnoreMatcher,
  explicit: Map<string, ContextFile>
): void {
  const parts = path.split('/');
  let cur = root;
  let p = '';
  for (let i = 0; i < parts.length - 1; i++) {
    p = p ? `${p}/${parts[i]}` : parts[i];
    if (matcher.ignores(p)) return;
    let next = cur.children?.get(parts[i]);
    if (!next) {
      next = newDir(dirEntry(p, explicit.get(p)));
      (cur.children as Map<string, Node>).set(parts[i], next);
    }
    if (!next.children) return;
    cur = next;
  }
}
