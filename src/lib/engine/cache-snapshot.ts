/**
 * The daemon's cache as plain data: an empty one, a saved one made safe to
 * use, and the one a build leaves behind (BuildKit records for the steps that
 * ran, legacy images it created, base images it pulled, and the content trees
 * later builds need to say which files changed).
 */
import type { Digest } from './digest';
import type { Solved } from './solve';
import type { CacheRecord, CacheSnapshot, TreeNode } from './types';

/** An empty daemon: no cache, no images. */
export function emptyCache(): CacheSnapshot {
  return {
    version: 1,
    builds: 0,
    buildkit: { records: {} },
    legacy: { images: [] },
    images: {},
    heldImages: [],
    trees: {}
  };
}

/** Accepts anything and returns a usable snapshot (a broken or foreign one counts as empty). */
export function normalizeCache(c: unknown): CacheSnapshot {
  const x = c as Partial<CacheSnapshot> | null | undefined;
  if (!x || typeof x !== 'object' || x.version !== 1) return emptyCache();
  return {
    version: 1,
    builds: typeof x.builds === 'number' ? x.builds : 0,
    buildkit: {
      records:
        x.buildkit && typeof x.buildkit.records === 'object' && x.buildkit.records ? x.buildkit.records : {}
    },
    legacy: { images: Array.isArray(x.legacy?.images) ? x.legacy.images : [] },
    images: x.images && typeof x.images === 'object' ? x.images : {},
    heldImages: Array.isArray(x.heldImages) ? x.heldImages : [],
    trees: x.trees && typeof x.trees === 'object' ? x.trees : {}
  };
}

/** The cache after a build: what it had, plus what this build ran, created and pulled. */
export function nextCache(
  before: CacheSnapshot,
  solved: Solved,
  serial: number,
  trees: Record<Digest, TreeNode>,
  builder: 'buildkit' | 'legacy'
): CacheSnapshot {
  const records: Record<Digest, CacheRecord> = { ...before.buildkit.records };
  if (builder === 'buildkit') {
    for (const w of solved.work) {
      const r = w.result;
      if (w.kind !== 'step' || !r.cacheKey || w.mergedWith) continue;
      if (r.status === 'skipped' || r.status === 'failed' || r.reason.kind === 'printed-cached-before-error')
        continue;
      records[r.cacheKey] = {
        parent: w.parentKey,
        keyword: r.keyword,
        line: r.range.line,
        stage: r.stage,
        instruction: r.instruction,
        facts: w.facts,
        build: serial
      };
    }
  }
  const legacy = [...before.legacy.images, ...solved.newLegacyImages];
  const images = { ...before.images };
  const held = new Set(before.heldImages);
  if (!solved.failure || solved.failure.phase !== 'fatal') {
    for (const u of solved.imagesUsed) {
      images[u.key] = u.digest;
      held.add(u.digest);
    }
  }
  // Pruning walks every kept tree, so it runs every few builds rather than on each.
  const prune = serial % 8 === 0;
  return {
    version: 1,
    builds: serial,
    buildkit: { records },
    legacy: { images: legacy },
    images,
    heldImages: [...held].sort(),
    trees: prune ? pruneTrees(trees, records, legacy) : trees
  };
}

/** Keeps only the trees some record still refers to. */
function pruneTrees(
  trees: Record<Digest, TreeNode>,
  records: Record<Digest, CacheRecord>,
  legacy: CacheSnapshot['legacy']['images']
): Record<Digest, TreeNode> {
  const keep: Record<Digest, TreeNode> = {};
  const visit = (d: Digest) => {
    const t = trees[d];
    if (!t || keep[d]) return;
    keep[d] = t;
    for (const e of t.entries) if (e[1] === 'd') visit(e[2]);
  };
  for (const r of Object.values(records)) for (const s of r.facts.sources ?? []) visit(s.root);
  for (const i of legacy) for (const s of i.facts.sources ?? []) visit(s.root);
  return keep;
}
