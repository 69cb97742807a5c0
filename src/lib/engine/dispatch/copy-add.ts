/**
 * COPY and ADD.
 *
 * BuildKit keys a copy on the parent, the action (each source's base name, the
 * absolute destination with its trailing slash, --chown, --chmod, whether ADD
 * may unpack) and the content checksum of each source; never on mtimes. Since
 * the source is compared by content, `COPY --from` of a stage that rebuilt to
 * identical bytes still hits.
 *
 * The legacy builder keys on `COPY [--chown=X] <srchash> in <dest>`: the hash
 * of what matched (paths included), not the pattern that matched it.
 */
import { digestOf, sha256Text } from '../digest';
import { absPath } from '../fs';
import type { FsEntry } from '../images';
import type { ParsedInstruction } from '../parse';
import { processWord } from '../shell-lex';
import { readTar, isCompressed } from '../tar';
import { insert, newDir, walk, type Node } from '../tree';
import { expansionEnv } from '../rules/arg-scope';
import {
  shellOf,
  type ContentInput,
  type Dispatched,
  type DispatchEnv,
  type DispatchError,
  type StageState
} from './state';
import { assumedSource, missingMessage, select, sourceOf, type Match } from './select';
import { bkSelectionDigest, downloadDigests, legacySelectionHashes, legacySourceHash } from '../rules/copy-content-key';
import { userError } from './users';
import { uppercaseFirst } from './workdir';

const LEGACY_CHMOD_ERROR =
  'the --chmod option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ to learn how to build images with BuildKit enabled';

/** BuildKit's parseStringsWhitespaceDelimited: split on white space not escaped. */
export function splitArgs(text: string, escape: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === escape && i + 1 < text.length && /\s/.test(text[i + 1])) {
      cur += ch + text[++i];
      continue;
    }
    if (/\s/.test(ch)) {
      if (cur) out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

const isUrl = (s: string) => /^https?:\/\//i.test(s);

export function dispatchCopy(ins: ParsedInstruction, s: StageState, env: DispatchEnv): Dispatched {
  const isAdd = ins.keyword === 'ADD';
  const lookup = expansionEnv(s, env.builder);
  const printed = uppercaseFirst(processWord(ins.original, lookup, { escape: env.escape }).word);
  const words: string[] = [];
  let error: DispatchError | undefined;
  for (const w of ins.json ?? splitArgs(ins.args, env.escape)) {
    const r = ins.json ? { ok: true, word: w } : processWord(w, lookup, { escape: env.escape });
    if (!r.ok) error = error ?? { message: (r as { error?: string }).error ?? 'bad argument', phase: 'convert' };
    words.push(r.word);
  }
  const chownFlag = ins.flags.find((f) => f.name === 'chown');
  const chown = chownFlag ? processWord(chownFlag.value ?? '', lookup, { escape: env.escape }).word : '';
  const chmod = ins.flags.find((f) => f.name === 'chmod')?.value ?? '';
  const dest = words[words.length - 1] ?? '';
  const srcs = words.slice(0, -1);
  const destDir = dest === '.' || dest === '' || dest.endsWith('/');
  const destAbs = absPath(dest.startsWith('/') ? dest : absPath(s.cwd || '/', dest));

  const ref = (env.plan.stages[env.stageIndex].sources.get(ins.index) ?? [])[0] ?? null;
  const source = sourceOf(ref, env);

  const content: ContentInput[] = [];
  const actions: unknown[] = [];
  const legacyHashes: string[] = [];
  const placed: Array<{ match: Match | null; node: Node; name: string }> = [];
  let matchedCount = 0;
  let emptyWildcards = 0;
  const reads: number[] = [];
  let unknown: string | undefined;

  if (chmod && !/^[0-7]{3,4}$/.test(chmod)) error = error ?? { message: `invalid chmod parameter: ${chmod}`, phase: 'convert' };
  // A context that cannot be sent matters only to a source read from it (not to a URL).
  if ('error' in source && !source.phase) error = error ?? { message: source.error, phase: env.builder === 'buildkit' ? 'convert' : 'legacy' };

  for (const src of srcs) {
    if (isUrl(src)) {
      if (!isAdd) {
        error = error ?? { message: "source can't be a URL for COPY", phase: 'convert' };
        continue;
      }
      const name = urlBaseName(src);
      const remote = env.remote[src];
      let body = remote?.digest ?? (remote?.data !== undefined ? sha256Text(typeof remote.data === 'string' ? remote.data : String(remote.data.length)) : null);
      if (!remote && env.offline) {
        error = error ?? { message: `failed to load cache key: Get "${src}": dial tcp: lookup ${hostOf(src)}: no such host`, phase: 'key' };
      }
      body = body ?? digestOf({ url: src });
      const entry: FsEntry = { type: 'f', digest: body, mode: 0o600, size: 0, owner: '0:0' };
      const node: Node = { entry, children: null };
      const keys = downloadDigests(name, body);
      content.push({ label: src, ...keys, node, stage: null });
      actions.push({ src: name, url: true });
      legacyHashes.push(keys.legacy);
      placed.push({ match: null, node, name });
      matchedCount++;
      continue;
    }
    if ('error' in source) {
      if (source.phase) error = error ?? { message: source.error, phase: source.phase };
      continue;
    }
    const sel = select(source, env, src);
    if (source.kind === 'stage') reads.push(source.index);
    if (!sel) {
      error = error ?? { message: missingMessage(source, src, env.builder), phase: env.builder === 'buildkit' ? 'key' : 'legacy' };
      continue;
    }
    unknown ??= assumedSource(source, src, env) ?? undefined;
    if (!sel.matches.length) emptyWildcards++;
    matchedCount += sel.matches.length;
    const base = absPath(src).split('/').pop() || '/';
    actions.push({ src: base, wildcard: sel.wildcard || undefined });
    const bk = bkSelectionDigest(sel.matches, sel.wildcard, src);
    // Tarsums are costly on big trees and only the legacy builder keys on them.
    const legacy = env.builder === 'legacy' ? legacySelectionHashes(sel.matches) : [];
    legacyHashes.push(...legacy);
    content.push({
      label: src,
      bk,
      legacy: digestOf(legacy),
      node: sel.matches.length === 1 ? sel.matches[0].node : wildcardTree(sel.matches),
      stage: source.kind === 'stage' ? source.index : null,
      image: source.kind === 'image' ? source.ref : undefined
    });
    for (const m of sel.matches) placed.push({ match: m, node: m.node, name: m.path.split('/').pop() || '' });
  }

  // Where the copies land, for stages that read this one later.
  let fs = s.fs;
  const many = placed.length > 1;
  for (const p of placed) {
    let node = isAdd && p.match ? unpacked(p.node) ?? p.node : p.node;
    if (chmod || chown) node = withMeta(node, chmod ? parseInt(chmod, 8) : null, chown || null);
    if (node.children) fs = fs.with({ kind: 'tree', dest: destAbs, node });
    else {
      const into = destDir || many || fs.get(destAbs)?.type === 'd';
      fs = fs.with({ kind: 'put', path: into ? absPath(destAbs, p.name) : destAbs, entry: node.entry });
    }
  }

  if (env.builder === 'legacy' && !error) {
    if (chmod) error = { message: LEGACY_CHMOD_ERROR, phase: 'legacy' };
    else if (srcs.length && matchedCount === 0 && emptyWildcards > 0) error = { message: `${ins.keyword} failed: no source files were specified`, phase: 'legacy' };
    else if (matchedCount > 1 && !dest.endsWith('/')) {
      error = { message: `When using ${ins.keyword} with more than one source file, the destination must be a directory and end with a /`, phase: 'legacy' };
    }
  }
  if (!error && chown) {
    const u = userError(chown, s.fs, env.imageModel);
    if (u) error = { message: u, phase: 'exec' };
  }

  const fromLabel = ref ? ref.written : undefined;
  const out: Dispatched = {
    vertex: true,
    printed,
    op: { copy: actions, add: isAdd, dest: destAbs + (destDir && destAbs !== '/' ? '/' : ''), chown: chown || null, chmod: chmod || null },
    legacyOp: {
      copy: ins.keyword,
      shell: shellOf(s),
      chown: chown || null,
      srchash: legacySourceHash(legacyHashes),
      dest,
      env: s.env.map(([n, v]) => `${n}=${v}`),
      user: s.user
    },
    content,
    reads,
    unknown,
    facts: {
      text: printed,
      sources: content.map((c) => ({
        label: c.label,
        root: c.bk,
        kind: c.node?.children ? 'tree' : c.node ? 'file' : 'none',
        from: fromLabel,
        file: c.node && !c.node.children ? { digest: c.node.entry.digest, mode: c.node.entry.mode & 0o7777 } : undefined
      }))
    },
    next: { ...s, fs }
  };
  return error ? { ...out, error } : out;
}

function urlBaseName(url: string): string {
  const path = url.replace(/^https?:\/\/[^/]+/i, '').replace(/[?#].*$/, '');
  const base = path.split('/').filter(Boolean).pop();
  return base ?? '__unnamed__';
}

function hostOf(url: string): string {
  return url.replace(/^https?:\/\//i, '').split('/')[0];
}

/** A pseudo directory holding every wildcard match, so explanations can list them. */
function wildcardTree(matches: Match[]): Node {
  const root = newDir({ type: 'd', digest: sha256Text('dir'), mode: 0o755, size: 0, owner: '0:0' });
  for (const m of matches) root.children?.set(m.path.split('/').pop() || m.path, m.node);
  return root;
}

/** ADD extracts local tar archives: the members replace the file. */
function unpacked(node: Node): Node | null {
  const e = node.entry;
  if (e.type !== 'f' || e.data === undefined) return null;
  const bytes = typeof e.data === 'string' ? null : e.data;
  if (bytes && isCompressed(bytes)) {
    // We do not decompress; the archive's digest stands for its members.
    const root = newDir({ type: 'd', digest: sha256Text('dir'), mode: 0o755, size: 0, owner: '0:0' });
    root.children?.set('.archive', { entry: { ...e, data: undefined }, children: null });
    return root;
  }
  const members = readTar(e.data);
  if (!members) return null;
  const root = newDir({ type: 'd', digest: sha256Text('dir'), mode: 0o755, size: 0, owner: '0:0' });
  const dir = (): FsEntry => ({ type: 'd', digest: sha256Text('dir'), mode: 0o755, size: 0, owner: '0:0' });
  for (const m of members) insert(root, m.path, m.entry.type === 'd' ? newDir(m.entry) : { entry: m.entry, children: null }, dir);
  return root;
}

/** A copy of a tree with --chmod / --chown applied to every entry. */
function withMeta(node: Node, mode: number | null, owner: string | null): Node {
  const apply = (e: FsEntry): FsEntry => ({ ...e, mode: mode ?? e.mode, owner: owner ?? e.owner });
  if (!node.children) return { entry: apply(node.entry), children: null };
  const root = newDir(apply(node.entry));
  for (const [rel, n] of walk(node)) {
    insert(root, rel, n.children ? newDir(apply(n.entry)) : { entry: apply(n.entry), children: null }, () => apply(node.entry));
  }
  return root;
}
