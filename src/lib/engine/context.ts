/**
 * The build context as the daemon receives it: the files minus what
 * `.dockerignore` excludes, with their modes, as a content tree.
 *
 * The Dockerfile and `.dockerignore` are context files like any other unless
 * they are excluded (editing a comment in the Dockerfile misses `COPY . .`).
 * A directory that is not excluded is sent even when everything inside it is,
 * so a new directory holding only ignored files still changes `COPY . .`.
 */
import ignore from '@balena/dockerignore';
import { fromUtf8, sha256Bytes, sha256Text, type Digest } from './digest';
import type { FsEntry } from './images';
import { insert, newDir, type Node } from './tree';
import type { BuildContext, Builder, ContextFile, ContextSummary, Diagnostic } from './types';

export interface ContextTree {
  root: Node;
  summary: ContextSummary;
  /** The ignore file that applied (`.dockerignore` or `<Dockerfile>.dockerignore`), if any. */
  ignoreFile: string | null;
  diagnostics: Diagnostic[];
  /** Whether a context path is excluded by `.dockerignore`. */
  isExcluded(path: string): boolean;
  /** The pattern that excluded a path, or null when it is included. */
  excludedBy(path: string): string | null;
}

/** Normalises a context path: `/`-separated, relative, no `.` or empty parts. Null if it leaves the context. */
export function cleanContextPath(path: string): string | null {
  // Most paths are clean already (a host walking a directory); skip the rebuild for them.
  if (path && !/\\|\/\/|(^|\/)\.\.?(\/|$)|^\/|\/$/.test(path)) return path;
  const out: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (!out.length) return null;
      out.pop();
    } else out.push(part);
  }
  return out.join('/');
}

/** `.dockerignore` lines turned into patterns the way the docker CLI reads them. */
export function readIgnorePatterns(text: string): string[] {
  const patterns: string[] = [];
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  for (const rawLine of lines) {
    const line = rawLine.replace(/\r$/, '');
    if (line.startsWith('#')) continue;
    let p = line.trim();
    if (!p) continue;
    const invert = p.startsWith('!');
    if (invert) p = p.slice(1).trim();
    if (p) {
      p = cleanPattern(p);
      if (p.length > 1 && p.startsWith('/')) p = p.slice(1);
    }
    patterns.push(invert ? '!' + p : p);
  }
  return patterns;
}

/** Go's filepath.Clean on a slash path. */
function cleanPattern(p: string): string {
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!abs) out.push('..');
    } else out.push(part);
  }
  const s = (abs ? '/' : '') + out.join('/');
  return s || (abs ? '/' : '.');
}

/** A `.dockerignore` matcher: whether a context path is excluded, and by which pattern. */
export interface IgnoreMatcher {
  ignores(path: string): boolean;
  /** The pattern that decided an excluded path (the last matching line), or null. */
  decidedBy(path: string): string | null;
}

const matcherMemo = new Map<string, IgnoreMatcher>();

function matcherFor(patterns: string[]): IgnoreMatcher {
  const key = patterns.join('\n');
  const hit = matcherMemo.get(key);
  if (hit) return hit;
  const all = ignore().add(patterns);
  const single = patterns.map((p) => ({
    pattern: p,
    negated: p.startsWith('!'),
    m: ignore().add([p.startsWith('!') ? p.slice(1) : p])
  }));
  const cache = new Map<string, boolean>();
  const matcher: IgnoreMatcher = {
    ignores(path) {
      let v = cache.get(path);
      if (v === undefined) {
        v = patterns.length ? all.ignores(path) : false;
        cache.set(path, v);
      }
      return v;
    },
    decidedBy(path) {
      // The last matching line wins, as in Docker's pattern matcher.
      for (let i = single.length - 1; i >= 0; i--) if (single[i].m.ignores(path)) return single[i].pattern;
      return null;
    }
  };
  if (matcherMemo.size > 8) matcherMemo.clear();
  matcherMemo.set(key, matcher);
  return matcher;
}

/**
 * The matcher the engine applies, for hosts that apply `.dockerignore` while
 * reading a directory (the CLI), so host and engine always agree.
 */
export function dockerignoreMatcher(patterns: string[]): IgnoreMatcher {
  return matcherFor(patterns);
}

/**
 * The ignore file a build reads, or null: BuildKit honours `<Dockerfile>.dockerignore`
 * next to the Dockerfile before `.dockerignore`; the legacy builder only the latter.
 */
export function ignoreFileFor(dockerfilePath: string, builder: Builder, isFile: (path: string) => boolean): string | null {
  const specific = `${dockerfilePath}.dockerignore`;
  if (builder === 'buildkit' && isFile(specific)) return specific;
  return isFile('.dockerignore') ? '.dockerignore' : null;
}

const bytesMemo = new WeakMap<Uint8Array, Digest>();

/** The digest and size of a context file's bytes. */
export function fileDigest(f: ContextFile): { digest: Digest; size: number } {
  if (f.digest) return { digest: f.digest, size: f.size ?? sizeOf(f.data) };
  const data = f.data ?? '';
  if (typeof data === 'string') return { digest: sha256Text(data), size: f.size ?? utf8Length(data) };
  let d = bytesMemo.get(data);
  if (!d) {
    d = sha256Bytes(data);
    bytesMemo.set(data, d);
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

const EXCLUDED_LIST_CAP = 2000;

/**
 * Builds the context the daemon would receive. `dockerfileText` is the Dockerfile
 * the build uses; when the context has no file at `dockerfilePath`, it is added,
 * since the docker CLI always sends it.
 */
export function buildContext(
  ctx: BuildContext,
  dockerfilePath: string,
  dockerfileText: string,
  builder: Builder
): ContextTree {
  const diagnostics: Diagnostic[] = [];
  const files = new Map<string, ContextFile>();
  const rawFiles = ctx?.files ?? {};
  for (const raw of Object.keys(rawFiles)) {
    const f = rawFiles[raw];
    if (!f || typeof f !== 'object') continue;
    const p = cleanContextPath(raw);
    if (p === null || p === '') {
      if (p === null) {
        diagnostics.push({ severity: 'warning', message: `"${raw}" lies outside the build context and is not sent.`, range: null, code: 'context' });
      }
      continue;
    }
    files.set(p, f);
  }
  const dfPath = cleanContextPath(dockerfilePath) || 'Dockerfile';
  if (!files.has(dfPath)) files.set(dfPath, { data: dockerfileText });

  const ignoreFile = ignoreFileFor(dfPath, builder, (p) => files.has(p) && files.get(p)?.type !== 'dir');
  let patterns: string[] = [];
  if (ignoreFile) {
    const f = files.get(ignoreFile) as ContextFile;
    const text = typeof f.data === 'string' ? f.data : f.data ? fromUtf8(f.data) : '';
    patterns = readIgnorePatterns(text);
  }
  const matcher = matcherFor(patterns);

  const root = newDir(dirEntry('', undefined));
  const excluded: ContextSummary['excluded'] = [];
  let excludedCount = 0;
  let bytes = 0;
  let count = 0;
  const explicitDirs = new Map<string, ContextFile>();
  const paths = [...files.keys()].sort();
  for (const p of paths) {
    const f = files.get(p) as ContextFile;
    if (matcher.ignores(p)) {
      excludedCount++;
      if (excluded.length < EXCLUDED_LIST_CAP) excluded.push({ path: p, pattern: matcher.decidedBy(p) ?? '' });
      // The directories above an ignored file are still sent when they are not ignored themselves.
      addParents(root, p, matcher, explicitDirs);
      continue;
    }
    if (f.type === 'dir') {
      explicitDirs.set(p, f);
      insert(root, p, newDir(dirEntry(p, f)), (d) => dirEntry(d, explicitDirs.get(d)));
      continue;
    }
    const entry = leafEntry(f);
    bytes += entry.size;
    count++;
    insert(root, p, { entry, children: null }, (d) => dirEntry(d, explicitDirs.get(d)));
  }
  return {
    root,
    ignoreFile,
    diagnostics,
    summary: { files: count, bytes, excluded, excludedCount },
    isExcluded: (path) => matcher.ignores(path),
    excludedBy: (path) => (matcher.ignores(path) ? matcher.decidedBy(path) : null)
  };
}

function addParents(root: Node, path: string, matcher: IgnoreMatcher, explicit: Map<string, ContextFile>): void {
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

function dirEntry(_path: string, f: ContextFile | undefined): FsEntry {
  return { type: 'd', digest: sha256Text('dir'), mode: f?.mode ?? 0o755, size: 0, owner: '0:0' };
}

function leafEntry(f: ContextFile): FsEntry {
  if (f.type === 'symlink') {
    const target = f.target ?? '';
    return { type: 'l', digest: sha256Text('link:' + target), mode: 0o777, size: target.length, owner: '0:0', target };
  }
  const { digest, size } = fileDigest(f);
  const entry: FsEntry = { type: 'f', digest, mode: f.mode ?? 0o644, size, owner: '0:0', data: f.data };
  // Small text files are kept readable: tar archives and passwd lookups need their bytes.
  if (typeof f.data === 'string' && f.data.length <= 65536) entry.text = f.data;
  return entry;
}
