/**
 * The build context as the daemon receives it: the files minus what
 * `.dockerignore` excludes, with their modes, as a content tree.
 *
 * The Dockerfile and `.dockerignore` are context files like any other unless
 * they are excluded (editing a comment in the Dockerfile misses `COPY . .`).
 * A directory that is not excluded is sent even when everything inside it is,
 * so a new directory holding only ignored files still changes `COPY . .`.
 */
import { fromUtf8, sha256Bytes, sha256Text, type Digest } from './digest';
import { readIgnoreLines, readIgnorePatterns } from './dockerignore';
import { ignoreDiagnostic, ignoreErrorOf, type IgnoreError } from './ignore-error';
import { patternMatcher, type PatternError } from './pattern-matcher';
import type { FsEntry } from './images';
import { insert, newDir, type Node } from './tree';
import type { BuildContext, Builder, ContextFile, ContextSummary, Diagnostic } from './types';

export interface ContextTree {
  root: Node;
  summary: ContextSummary;
  /** The ignore file that applied (`.dockerignore` or `<Dockerfile>.dockerignore`), if any. */
  ignoreFile: string | null;
  /**
   * A pattern Docker rejects, and the daemon's error: the legacy builder's CLI
   * fails every build on it, BuildKit the builds that send it the context.
   */
  ignoreError: IgnoreError | null;
  diagnostics: Diagnostic[];
  /** Whether a context path is excluded by `.dockerignore`. */
  isExcluded(path: string): boolean;
  /** The pattern that excluded a path, or null when it is included. */
  excludedBy(path: string): string | null;
}

/** Whether a path needs no cleaning (cheap checks; anything unusual takes the slow path). */
function isPlain(p: string): boolean {
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

/** A `.dockerignore` matcher: whether a context path is excluded, and by which pattern. */
export interface IgnoreMatcher {
  ignores(path: string): boolean;
  /** The pattern that decided an excluded path (the last matching line), or null. */
  decidedBy(path: string): string | null;
  /** Whether Docker walks into an excluded directory anyway, because an exception pattern starts inside it. */
  walksInto(dir: string): boolean;
  /** Why Docker would reject the pattern list (the build then fails), or null. */
  error: PatternError | null;
}
type Matcher = IgnoreMatcher;

export { readIgnorePatterns };

const matcherMemo = new Map<string, Matcher>();

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

function matcherFor(patterns: string[]): Matcher {
  const key = patterns.join('\n');
  const hit = matcherMemo.get(key);
  if (hit) return hit;
  const matcher = patternMatcher(patterns);
  if (matcherMemo.size > 8) matcherMemo.clear();
  matcherMemo.set(key, matcher);
  return matcher;
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

/** What the previous build's context was made of, to update it instead of rebuilding it. */
interface Memo {
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

// One memo per builder (they may read different ignore files). Reusing it is an
// optimisation only: the tree it yields equals a full rebuild (context.test.ts checks).
const memos = new Map<Builder, Memo>();
const syntheticDockerfile = new Map<string, ContextFile>();

/** Forgets the previous builds' contexts (benchmarks use it to time a cold start). */
export function clearContextMemo(): void {
  memos.clear();
}

const SYNTHETIC = '\u0000dockerfile';

/** One file of a context given as a Map or a plain object, by the path its host used. */
export function contextFile(files: BuildContext['files'] | undefined, path: string): ContextFile | undefined {
  return toRaw(files).get(path);
}

/** Read access to the host's files, whether they came as a Map or a plain object. */
interface RawFiles {
  get(path: string): ContextFile | undefined;
  forEach(fn: (f: ContextFile, path: string) => boolean | void): boolean;
}

function toRaw(files: BuildContext['files'] | undefined): RawFiles {
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

function ignoreText(f: ContextFile | undefined): string | null {
  if (!f || f.type === 'dir') return null;
  return typeof f.data === 'string' ? f.data : f.data ? fromUtf8(f.data) : '';
}

/**
 * Builds the context the daemon would receive. `dockerfileText` is the Dockerfile
 * the build uses; when the context has no file at `dockerfilePath`, it is added,
 * since the docker CLI always sends it.
 */
export function buildContext(ctx: BuildContext, dockerfilePath: string, dockerfileText: string, builder: Builder): ContextTree {
  const rawFiles: RawFiles = toRaw(ctx?.files);
  const dfPath = cleanContextPath(dockerfilePath) || 'Dockerfile';
  const lookup = (p: string): ContextFile | undefined => rawFiles.get(p) ?? rawFiles.get('./' + p) ?? rawFiles.get('/' + p);
  const ignoreFile = ignoreFileFor(dfPath, builder, (p) => ignoreText(lookup(p)) !== null);
  const text = ignoreFile ? ignoreText(lookup(ignoreFile)) : null;
  const lines = text === null ? [] : readIgnoreLines(text);
  const patterns = lines.map((l) => l.pattern);
  const matcher = matcherFor(patterns);
  const key = `${ignoreFile}\u0000${dfPath}\u0000${patterns.join('\n')}`;

  let synthetic: ContextFile | null = null;
  if (!lookup(dfPath)) {
    synthetic = syntheticDockerfile.get(dockerfileText) ?? { data: dockerfileText };
    syntheticDockerfile.clear();
    syntheticDockerfile.set(dockerfileText, synthetic);
  }

  const memo = memos.get(builder);
  const next = (memo && memo.key === key && update(memo, rawFiles, synthetic, dfPath, matcher)) || full(key, rawFiles, synthetic, dfPath, matcher);
  memos.set(builder, next);
  const diagnostics: Diagnostic[] = next.outside.map((raw) => ({
    severity: 'warning',
    message: `"${raw}" lies outside the build context and is not sent.`,
    range: null,
    code: 'context'
  }));
  const ignoreError = ignoreFile && matcher.error ? ignoreErrorOf(ignoreFile, lines[matcher.error.index].line, patterns, matcher.error, builder) : null;
  if (ignoreError && matcher.error) diagnostics.push(ignoreDiagnostic(ignoreError, matcher.error.detail, builder));
  return { ...next.tree, ignoreFile, ignoreError, diagnostics };
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
  return a === b || (a.type === b.type && a.mode === b.mode && a.digest === b.digest && a.size === b.size && a.target === b.target && sameData(a.data, b.data));
}

function summaryOf(excluded: Map<string, string>, bytes: number, count: number): ContextSummary {
  const list = [...excluded.keys()].sort().slice(0, EXCLUDED_LIST_CAP).map((path) => ({ path, pattern: excluded.get(path) as string }));
  return { files: count, bytes, excluded: list, excludedCount: excluded.size };
}

function treeOf(root: Node, summary: ContextSummary, matcher: Matcher): ContextTree {
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

function full(key: string, rawFiles: RawFiles, synthetic: ContextFile | null, dfPath: string, matcher: Matcher): Memo {
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
    const entry = leafEntry(f);
    bytes += entry.size;
    count++;
    insert(root, p, { entry, children: null }, (d) => dirEntry(d, explicitDirs.get(d)));
  }
  return { key, raw, files, outside, excluded, bytes, count, tree: treeOf(root, summaryOf(excluded, bytes, count), matcher) };
}

/**
 * Applies the difference from the previous build by copying only the directories
 * on the changed paths. Returns null when a full rebuild is simpler (deletions,
 * directory entries, paths that need cleaning, many changes). The memo's maps
 * are updated in place: they belong to no result.
 */
function update(memo: Memo, rawFiles: RawFiles, synthetic: ContextFile | null, dfPath: string, matcher: Matcher): Memo | null {
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
    const entry = leafEntry(f);
    if (old) {
      bytes -= fileDigest(old).size;
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
function withParents(root: Node, path: string, matcher: Matcher): Node {
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

function addParents(root: Node, path: string, matcher: Matcher, explicit: Map<string, ContextFile>): void {
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
