/**
 * The layers a stage's file system is made of, and what one layer says about a
 * path: the pieces StageFs (fs.ts) stacks and reads. A layer places a content
 * tree (COPY), puts or deletes single entries (RUN commands the engine
 * follows), or claims the places an unmodelled RUN may have written
 * (run-model/run-output.ts); lazy layers are computed only when read.
 */
import type { FsEntry } from './images';
import { claims, reaches, type OutputClaim } from './run-model/run-output';
import { getNode, newDir, type Node } from './tree';
import { sha256Text } from './digest';

export type Layer =
  | { kind: 'tree'; dest: string; node: Node }
  | { kind: 'put'; path: string; entry: FsEntry }
  | { kind: 'delete'; path: string }
  | OutputClaim
  | LazyLayer;

/**
 * Layers computed only when something reads them: a RUN's effects matter only
 * if a later step copies from this stage, so most builds never compute them.
 */
export interface LazyLayer {
  kind: 'lazy';
  force: () => Layer[];
  done?: Layer[];
}

export function lazyLayer(force: () => Layer[]): LazyLayer {
  return { kind: 'lazy', force };
}

export type Concrete = Exclude<Layer, LazyLayer>;

export function flatten(layers: readonly Layer[], out: Concrete[] = []): Concrete[] {
  for (const l of layers) {
    if (l.kind !== 'lazy') out.push(l);
    else {
      if (!l.done) l.done = l.force();
      flatten(l.done, out);
    }
  }
  return out;
}

/** Joins and cleans absolute paths. */
export function absPath(...parts: string[]): string {
  const out: string[] = [];
  for (const part of parts.join('/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

export function isUnder(path: string, dir: string): boolean {
  return dir === '/' || path === dir || path.startsWith(dir + '/');
}

export function rel(path: string, dir: string): string {
  if (path === dir) return '';
  return dir === '/' ? path.slice(1) : path.slice(dir.length + 1);
}

export const PASS = 0;
export const CLAIM = 1;

/**
 * What one layer says about the entry at p: the entry (null: nothing there),
 * PASS when it says nothing, CLAIM when an unmodelled RUN may have put its
 * output there (it decides only if what is below is not known).
 */
export function decide(l: Concrete, p: string): FsEntry | null | typeof PASS | typeof CLAIM {
  switch (l.kind) {
    case 'put':
      if (l.path === p) return l.entry;
      if (isUnder(l.path, p)) return dirAt(p);
      if (isUnder(p, l.path) && l.entry.type !== 'd') return null;
      return PASS;
    case 'delete':
      return isUnder(p, l.path) ? null : PASS;
    case 'tree':
      if (isUnder(p, l.dest)) {
        const n = getNode(l.node, rel(p, l.dest));
        return n ? n.entry : PASS;
      }
      return isUnder(l.dest, p) ? dirAt(p) : PASS;
    case 'opaque':
      return claims(l, p) ? CLAIM : PASS;
  }
}

/** Whether a layer changes what is at or below p (a mkdir of a parent does not). */
export function touches(l: Concrete, p: string): boolean {
  switch (l.kind) {
    case 'put':
      return isUnder(l.path, p) || (isUnder(p, l.path) && l.entry.type !== 'd');
    case 'delete':
      return isUnder(l.path, p) || isUnder(p, l.path);
    case 'tree':
      return isUnder(l.dest, p) || (isUnder(p, l.dest) && getNode(l.node, rel(p, l.dest)) !== undefined);
    case 'opaque':
      return reaches(l, p);
  }
}

export function dirAt(_path: string): FsEntry {
  return { type: 'd', digest: sha256Text('dir'), mode: 0o755, size: 0, owner: '0:0' };
}

export const IMAGE: FsEntry['assumed'] = { by: 'image' };

export function put(root: Node, relPath: string, entry: FsEntry): void {
  const parts = relPath.split('/').filter(Boolean);
  if (!parts.length) {
    root.entry = entry;
    return;
  }
  let cur = root;
  for (let i = 0; i < parts.length - 1; i++) {
    let next = cur.children?.get(parts[i]);
    if (!next || !next.children) {
      next = newDir(dirAt(parts[i]));
      (cur.children as Map<string, Node>).set(parts[i], next);
    }
    cur = next;
  }
  const last = parts[parts.length - 1];
  const existing = (cur.children as Map<string, Node>).get(last);
  if (entry.type === 'd') {
    if (existing?.children) existing.entry = entry;
    else (cur.children as Map<string, Node>).set(last, newDir(entry));
  } else (cur.children as Map<string, Node>).set(last, { entry, children: null });
}

export function remove(root: Node, relPath: string): void {
  const parts = relPath.split('/').filter(Boolean);
  let cur: Node | undefined = root;
  for (let i = 0; i < parts.length - 1 && cur; i++) cur = cur.children?.get(parts[i]);
  cur?.children?.delete(parts[parts.length - 1]);
}
