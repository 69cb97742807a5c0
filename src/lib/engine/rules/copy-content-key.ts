/**
 * Rule: what decides whether a COPY (or ADD, or a bind mount) hits, as far as
 * its sources go.
 *
 * BuildKit keys each source on a content checksum of what it selected: each
 * file's bytes and permission bits, each directory's entry names, never mtimes,
 * owners of context files or the selected file's own name (tree.ts bkChecksum).
 * So rewriting a file with identical bytes hits, the same file at another
 * source path hits, and `COPY --from` of a stage that rebuilt to identical
 * output hits. A wildcard's checksum names its matches: renaming the only match
 * of `*.conf` misses, unless the match has the pattern's own base name.
 *
 * The legacy builder keys `COPY [--chown=X] <srchash> in <dest>`: a tarsum of
 * what matched with each path in it (tree.ts legacyChecksum), so the same bytes
 * at another path miss, while a different pattern matching the same files hits.
 *
 * Oracle scenarios: rewrite-identical-content, copy-identical-file-other-path,
 * copy-from-identical-build-output, wildcard-match-renamed,
 * wildcard-pattern-edited-same-matches, copied-dir-add-rename-delete,
 * copy-source-spelling, edit-file-no-copy-selects.
 */
import { digestOf, type Digest } from '../digest';
import { bkChecksum, legacyChecksum, type Node } from '../tree';

/** One selected entry: its path (context-relative, or absolute in a stage or image) and its tree. */
export interface Selected {
  path: string;
  node: Node;
}

/** BuildKit's checksum of what one source selected. `pattern`: the source as written, for a wildcard. */
export function bkSelectionDigest(matches: Selected[], wildcard: boolean, pattern = ''): Digest {
  if (!wildcard) return bkChecksum(matches[0].node);
  const base = pattern.split('/').filter(Boolean).pop() ?? '';
  if (matches.length === 1 && matches[0].path.split('/').pop() === base) return bkChecksum(matches[0].node);
  return digestOf({ wildcard: matches.map((m) => [m.path.split('/').pop(), bkChecksum(m.node)]) });
}

/** The legacy builder's hash of each match: `file:` or `dir:` of a tarsum with the path. */
export function legacySelectionHashes(matches: Selected[]): Digest[] {
  return matches.map((m) =>
    digestOf({ [m.node.children ? 'dir' : 'file']: [m.path.replace(/^\//, ''), legacyChecksum(m.node)] })
  );
}

/** The `<srchash>` of a legacy COPY's config: one source's hash, or the hash of all of them. */
export function legacySourceHash(hashes: Digest[]): Digest {
  return hashes.length === 1 ? hashes[0] : digestOf({ multi: hashes });
}

/**
 * The checksums of a downloaded ADD source: a file of mode 0600 whose content
 * decides the key, whatever the URL's Last-Modified says; legacy hashes it with
 * its file name.
 */
export function downloadDigests(name: string, body: Digest): { bk: Digest; legacy: Digest } {
  return { bk: digestOf({ f: [0o600, body] }), legacy: digestOf({ file: [name, body] }) };
}
