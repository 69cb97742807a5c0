/**
 * A model of a stage's file system, step by step, so that steps keyed on the
 * content of another stage (`COPY --from`, `RUN --mount=...,from=`) can be
 * predicted: the daemon hits when the copied bytes are identical, even if the
 * stage that made them rebuilt.
 *
 * A file system is the base image plus an immutable stack of layers. A layer
 * either places a content tree at a path (COPY), puts or deletes single entries
 * (the effects of RUN commands the engine understands), or records that a
 * command the engine does not follow file by file ran ("opaque", see
 * run-output.ts): the places it may have written then hold output assumed to
 * follow its inputs.
 */
import { digestOf } from './digest';
import type { FsEntry, ImageModelSpec } from './images';
import { claimedEntry, claims, markerPath, replaceable, type OutputClaim } from './run-model/run-output';
import { getNode, newDir, walk, type Node } from './tree';
import {
  absPath,
  CLAIM,
  decide,
  dirAt,
  flatten,
  IMAGE,
  isUnder,
  PASS,
  put,
  rel,
  remove,
  touches,
  type Concrete,
  type Layer
} from './fs-layers';

export { absPath, lazyLayer, type LazyLayer, type Layer } from './fs-layers';

export class StageFs {
  /** This node's own layers with the lazy ones computed. */
  private ownFlat: Concrete[] | null = null;
  /** What `get` answered here, by path: the next step asks again for the same paths (PATH lookups, /etc/passwd). */
  private memo: Map<string, FsEntry | undefined> | null = null;
  /**
   * A persistent chain: each step links to the file system before it, so adding
   * a layer costs O(1) however long the Dockerfile (a 20,000-step file must not
   * copy its history at every step), and a lookup walks back only to the last
   * node that answered it.
   */
  constructor(
    readonly image: ImageModelSpec,
    private readonly own: readonly Layer[] = [],
    private readonly parent: StageFs | null = null
  ) {}

  with(...layers: Layer[]): StageFs {
    return new StageFs(this.image, layers, this);
  }

  /** Every layer, oldest first (lazy ones not computed). */
  get layers(): readonly Layer[] {
    return this.layersSince(null);
  }

  /** The layers added since `ancestor` (null: since the image), oldest first. */
  layersSince(ancestor: StageFs | null): Layer[] {
    if (ancestor === this) return [];
    const chain: Array<readonly Layer[]> = [this.own];
    for (let f = this.parent; f && f !== ancestor; f = f.parent) chain.push(f.own);
    return chain.reverse().flat();
  }

  private ownConcrete(): Concrete[] {
    if (!this.ownFlat) this.ownFlat = flatten(this.own);
    return this.ownFlat;
  }

  /**
   * The entry at an absolute path, or undefined when it does not exist. The most
   * recent layer that says anything about the path decides; a claim of an
   * unmodelled RUN (run-output.ts) decides only over what is below it.
   */
  get(path: string): FsEntry | undefined {
    return StageFs.lookup(this, absPath(path));
  }

  private static lookup(start: StageFs, p: string): FsEntry | undefined {
    // Walk back (iteratively: chains are as long as the Dockerfile) to a node that knows p or a layer that decides it,
    // noting the claims met on the way, then fold the claims back up, remembering the answer at each node.
    const visited: Array<{ node: StageFs; claims: OutputClaim[] }> = [];
    let base: FsEntry | undefined;
    let found = false;
    for (let f: StageFs | null = start; f && !found; f = f.parent) {
      if (f.memo?.has(p)) {
        base = f.memo.get(p);
        break;
      }
      const here = { node: f, claims: [] as OutputClaim[] };
      visited.push(here);
      const layers = f.ownConcrete();
      for (let i = layers.length - 1; i >= 0 && !found; i--) {
        const d = decide(layers[i], p);
        if (d === CLAIM) here.claims.push(layers[i] as OutputClaim);
        else if (d !== PASS) {
          base = d ?? undefined;
          found = true;
        }
      }
      if (!found && !f.parent) base = f.imageGet(p);
    }
    let entry = base;
    for (let k = visited.length - 1; k >= 0; k--) {
      const { node, claims } = visited[k];
      for (let c = claims.length - 1; c >= 0; c--) if (replaceable(entry)) entry = claimedEntry(claims[c], p, entry);
      (node.memo ??= new Map()).set(p, entry);
    }
    return entry;
  }

  /** Every layer that changes what is at or below p, oldest first, lazy ones computed. */
  private touching(p: string): Concrete[] {
    return StageFs.touchingFrom(this, p);
  }

  private static touchingFrom(start: StageFs, p: string): Concrete[] {
    const out: Concrete[] = [];
    for (let f: StageFs | null = start; f; f = f.parent) {
      const own = f.ownConcrete();
      for (let i = own.length - 1; i >= 0; i--) if (touches(own[i], p)) out.push(own[i]);
    }
    return out.reverse();
  }

  private imageGet(p: string): FsEntry | undefined {
    if (p === '/') return dirAt('/');
    const files = this.image.files;
    if (!files) {
      // A generic image: we cannot know what it holds. Anything may exist,
      // and its content changes when the image does.
      return { type: 'f', digest: digestOf({ image: this.image.digest, path: p }), mode: 0o755, size: 0, owner: '0:0', assumed: IMAGE };
    }
    const e = files.get(p);
    if (e) return e;
    for (const [k] of files) if (isUnder(k, p) && k !== p) return dirAt(p);
    return undefined;
  }

  /** Whether the path is known to exist; generic images answer yes to everything. */
  exists(path: string): boolean {
    return this.get(path) !== undefined;
  }

  /**
   * The subtree at a path as a content tree, merged over every layer: what a
   * COPY --from or a bind mount of that path would see. Undefined if it does not exist.
   */
  tree(path: string): Node | undefined {
    const p = absPath(path);
    if (!this.get(p)) return undefined;
    const touching = this.touching(p);
    // Common case: one COPY placed this tree and nothing else touched it. Share its nodes
    // (and their cached checksums) instead of copying. A claim of a RUN's working directory
    // above p leaves a tree a COPY placed as it is (run-output.ts), so it does not count.
    const decisive = touching.filter((l) => l.kind !== 'opaque' || markerPath(l, p) !== null);
    if (decisive.length === 1 && decisive[0].kind === 'tree' && isUnder(p, decisive[0].dest) && (!this.image.files || !this.imageGet(p))) {
      const n = getNode(decisive[0].node, rel(p, decisive[0].dest));
      if (n) return n;
    }
    // Replay the layers in order onto what the image holds at p.
    let root: Node | undefined = this.imageTree(p);
    const ensure = (): Node => {
      if (!root || !root.children) root = newDir(dirAt(p));
      return root;
    };
    for (const l of touching) {
      if (l.kind === 'put') {
        if (l.path === p) root = l.entry.type === 'd' ? (root?.children ? { ...root, entry: l.entry } : newDir(l.entry)) : { entry: l.entry, children: null };
        else if (isUnder(l.path, p)) put(ensure(), rel(l.path, p), l.entry);
        else if (isUnder(p, l.path) && l.entry.type !== 'd') root = undefined;
      } else if (l.kind === 'delete') {
        if (isUnder(p, l.path)) root = undefined;
        else if (isUnder(l.path, p) && root) remove(root, rel(l.path, p));
      } else if (l.kind === 'tree') {
        if (isUnder(p, l.dest)) {
          const n = getNode(l.node, rel(p, l.dest));
          if (!n) continue;
          if (!n.children) root = { entry: n.entry, children: null };
          else {
            const r = ensure();
            r.entry = n.entry;
            for (const [rp, c] of walk(n)) put(r, rp, c.entry);
          }
        } else if (isUnder(l.dest, p)) {
          const base = rel(l.dest, p);
          const r = ensure();
          put(r, base, l.node.entry);
          if (l.node.children) for (const [rp, c] of walk(l.node)) put(r, `${base}/${rp}`, c.entry);
        }
      } else if (l.kind === 'opaque') {
        // A command we cannot follow may have written here: its output follows its inputs.
        if (!root?.children && claims(l, p) && replaceable(root?.entry)) root = { entry: claimedEntry(l, p, root?.entry), children: null };
        else {
          const at = markerPath(l, p);
          if (at !== null && (root?.children || root?.entry.assumed)) {
            // A generic image's directory is a file in this model until something is known to be in it.
            if (!root.children) root = { entry: dirAt(p), children: new Map([['.image', { entry: root.entry, children: null }]]) };
            // Two runs of one tool there: the marker follows both.
            put(root, at, claimedEntry(l, p, getNode(root, at)?.entry));
          }
        }
      }
    }
    return root ?? (this.get(p) ? { entry: this.get(p) as FsEntry, children: null } : undefined);
  }

  /** What the base image holds at a path, as a tree (a stand-in for what we cannot know). */
  private imageTree(p: string): Node | undefined {
    const e = this.imageGet(p);
    if (!e) return undefined;
    if (e.type !== 'd') return { entry: e, children: null };
    const root = newDir(e);
    const files = this.image.files;
    if (files) {
      for (const [k, fe] of files) if (isUnder(k, p) && k !== p) put(root, rel(k, p), fe);
    } else {
      put(root, '.image', { type: 'f', digest: digestOf({ image: this.image.digest, dir: p }), mode: 0o644, size: 0, owner: '0:0', assumed: IMAGE });
    }
    return root;
  }

  /** Files under a directory (absolute paths, sorted), for tools that read a whole tree. */
  filesUnder(path: string): Array<[string, FsEntry]> {
    const p = absPath(path);
    const t = this.tree(p);
    if (!t) return [];
    if (!t.children) return [[p, t.entry]];
    const out: Array<[string, FsEntry]> = [];
    for (const [r, n] of walk(t)) if (n.entry.type === 'f') out.push([p === '/' ? `/${r}` : `${p}/${r}`, n.entry]);
    return out;
  }

  /** The text of a small file the engine can read, or null. */
  readText(path: string): string | null {
    const e = this.get(path);
    return e && e.type === 'f' && typeof e.text === 'string' ? e.text : null;
  }
}
