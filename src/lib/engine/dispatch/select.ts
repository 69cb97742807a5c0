/**
 * What a COPY source or a mount selects, in the build context, another stage
 * or an image, and the checksums each builder keys it on.
 *
 * BuildKit keys a source on its content checksum (names of the selected file
 * itself left out, directory modes ignored). The legacy builder hashes tarsums
 * that include each entry's path, so the same bytes at another path differ.
 */
import { digestOf } from '../digest';
import { absPath, StageFs } from '../fs';
import type { SourceRef } from '../plan';
import { byteOrder, getNode, newDir, type Node } from '../tree';
import { bkSelectionDigest, legacySelectionHashes } from '../rules/copy-content-key';
import type { ContentInput, DispatchEnv, DispatchError } from './state';
import { goMatch, hasGlob } from '../glob';

export interface Match {
  /** Path of the match: relative to the context root, or absolute in a stage or image. */
  path: string;
  node: Node;
}

export type Source =
  | { kind: 'context' }
  | { kind: 'stage'; index: number; fs: StageFs }
  | { kind: 'image'; ref: string; fs: StageFs };

/** A source that cannot be read; `phase` when it differs from the instruction's usual one. */
export type SourceError = { error: string; phase?: DispatchError['phase'] };

/** Resolves where a --from / mount from= reads: the context, a stage or an image. */
export function sourceOf(from: SourceRef | null, env: DispatchEnv): Source | SourceError {
  if (!from) {
    // A .dockerignore pattern Docker rejects fails the context sender (BuildKit).
    const bad = env.context.ignoreError;
    return bad ? { error: bad.message, phase: 'context' } : { kind: 'context' };
  }
  if (from.stage !== null) {
    const fs = env.stageFs(from.stage);
    if (!fs) return { error: `stage ${from.written} is not available here` };
    return { kind: 'stage', index: from.stage, fs };
  }
  if (from.written === 'scratch') {
    return { kind: 'image', ref: 'scratch', fs: new StageFs({ model: 'oracle', digest: 'sha256:scratch', env: [], files: new Map() }) };
  }
  const spec = env.image(from.written);
  if (!spec) return { error: `pull access denied for ${from.written}, repository does not exist or may require 'docker login'` };
  return { kind: 'image', ref: from.written, fs: new StageFs(spec) };
}

const hasWildcard = hasGlob;

/** Go's filepath.Match for one path component (a malformed pattern matches nothing). */
export function matchComponent(pattern: string, name: string): boolean {
  return goMatch(pattern, name) === true;
}

/** Matches a relative pattern against a tree, component by component. */
export function matchTree(root: Node, pattern: string): Match[] {
  const parts = pattern.split('/').filter((p) => p && p !== '.');
  let frontier: Match[] = [{ path: '', node: root }];
  for (const part of parts) {
    const next: Match[] = [];
    for (const m of frontier) {
      if (!m.node.children) continue;
      if (!hasWildcard(part)) {
        const c = m.node.children.get(part.replace(/\\(.)/g, '$1'));
        if (c) next.push({ path: m.path ? `${m.path}/${part}` : part, node: c });
        continue;
      }
      for (const [name, c] of m.node.children) if (matchComponent(part, name)) next.push({ path: m.path ? `${m.path}/${name}` : name, node: c });
    }
    frontier = next;
  }
  return frontier.sort((a, b) => byteOrder(a.path, b.path));
}

/** What a source path selects in the build context (relative to its root), or null when a plain path does not exist. */
export function selectInContext(root: Node, rawPath: string): { matches: Match[]; wildcard: boolean } | null {
  const wildcard = hasWildcard(rawPath);
  const rel = absPath(rawPath).slice(1);
  if (!wildcard) {
    const n = getNode(root, rel);
    return n ? { matches: [{ path: rel, node: n }], wildcard } : null;
  }
  return { matches: matchTree(root, rel), wildcard };
}

/** The nodes a source path selects, or null when a plain (wildcard-free) path does not exist. */
export function select(source: Source, env: DispatchEnv, rawPath: string): { matches: Match[]; wildcard: boolean } | null {
  const wildcard = hasWildcard(rawPath);
  if (source.kind === 'context') return selectInContext(env.context.root, rawPath);
  const abs = absPath(rawPath);
  if (!wildcard) {
    const n = source.fs.tree(abs);
    return n ? { matches: [{ path: abs, node: n }], wildcard } : null;
  }
  // Wildcards in a stage or image: match below the last wildcard-free directory.
  const parts = abs.split('/').filter(Boolean);
  const firstWild = parts.findIndex(hasWildcard);
  const dir = '/' + parts.slice(0, firstWild).join('/');
  const t = source.fs.tree(dir) ?? newDir({ type: 'd', digest: 'sha256:', mode: 0o755, size: 0, owner: '0:0' });
  const rest = parts.slice(firstWild).join('/');
  return { matches: matchTree(t, rest).map((m) => ({ path: absPath(dir, m.path), node: m.node })), wildcard };
}

/**
 * Why a plain source path in a stage or an image may be missing from the real
 * build although the engine finds it, or null when a step the engine follows
 * (or a known image) provides it. BuildKit computes a `COPY --from` key from
 * the path's content, so a missing one fails the build there (oracle scenario
 * copy-from-path-no-step-creates).
 */
export function assumedSource(source: Source, path: string, env: DispatchEnv): string | null {
  if (source.kind === 'context' || hasWildcard(path)) return null;
  const abs = absPath(path);
  const a = source.fs.get(abs)?.assumed;
  if (!a) return null;
  const otherwise = `if not, the build fails here: "${abs}" not found.`;
  if (a.by === 'run') {
    return a.tool
      ? `No step Layer Lab follows file by file creates ${abs}: it exists only if \`${a.command}\` (line ${a.line}) writes it there (Layer Lab knows what ${a.program} reads, not which files it writes); ${otherwise}`
      : `No step Layer Lab follows file by file creates ${abs}: it exists only if \`${a.command}\` (line ${a.line}), a command Layer Lab does not model, writes it; ${otherwise}`;
  }
  let ref = source.kind === 'image' ? source.ref : '';
  let where = '';
  if (source.kind === 'stage') {
    const st = env.plan.stages[source.index];
    where = ` and no step of stage ${st.name ?? source.index} creates it`;
    let base = st;
    while (base.baseStage !== null) base = env.plan.stages[base.baseStage];
    ref = base.baseName;
  }
  return `${abs} is not a file Layer Lab can see${where}: it exists only if the image ${ref} holds it (its files are not known); ${otherwise}`;
}

/** A single path selected for a mount, as a content input. */
export function selectFrom(from: SourceRef | null, path: string, env: DispatchEnv): { input: ContentInput; unknown: string | null } | SourceError {
  const source = sourceOf(from, env);
  if ('error' in source) return source;
  const sel = select(source, env, path || '/');
  if (!sel || !sel.matches.length) return { error: missingMessage(source, path, env.builder) };
  const m = sel.matches[0];
  return {
    unknown: assumedSource(source, path || '/', env),
    input: {
      label: path,
      bk: bkSelectionDigest(sel.matches, sel.wildcard, path),
      legacy: env.builder === 'legacy' ? digestOf(legacySelectionHashes(sel.matches)) : '',
      node: m.node,
      stage: source.kind === 'stage' ? source.index : null,
      image: source.kind === 'image' ? source.ref : undefined
    }
  };
}

/** The daemon's words when a source does not exist. */
export function missingMessage(source: Source, path: string, builder: 'buildkit' | 'legacy'): string {
  const abs = absPath(path);
  if (source.kind === 'context') {
    return builder === 'buildkit'
      ? `failed to compute cache key: "${abs}" not found: not found`
      : `COPY failed: file not found in build context or excluded by .dockerignore: stat ${abs.slice(1)}: file does not exist`;
  }
  return builder === 'buildkit'
    ? `failed to compute cache key: failed to walk ${abs}: no such file or directory`
    : `COPY failed: stat ${abs.slice(1)}: file does not exist`;
}
