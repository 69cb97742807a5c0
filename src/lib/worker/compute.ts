/**
 * One engine run as the worker performs it, shareable with an inline host.
 * Digests of file contents are remembered by path between runs: while a person
 * types in one file, the other 9,999 are not hashed again.
 */
import { build, EngineMemo, renderProgress, sha256Bytes, sha256Text } from '../engine/index';
import type { BuildInput, ContextFile, Digest } from '../engine/types';
import type { EngineOutcome } from './protocol';

interface Memo {
  data: string | Uint8Array;
  digest: Digest;
}

export class DigestMemo {
  private byPath = new Map<string, Memo>();
  /** What the engine keeps between this host's builds (the last context, parsed texts). */
  readonly engine = new EngineMemo();

  digestOf(path: string, data: string | Uint8Array): Digest {
    const m = this.byPath.get(path);
    if (
      m &&
      (m.data === data || (typeof data !== 'string' && typeof m.data !== 'string' && sameBytes(m.data, data)))
    )
      return m.digest;
    const digest = typeof data === 'string' ? sha256Text(data) : sha256Bytes(data);
    this.byPath.set(path, { data, digest });
    return digest;
  }

  /** Forgets paths that are gone, so the memo never outgrows the context. */
  keepOnly(paths: Set<string>): void {
    for (const p of this.byPath.keys()) if (!paths.has(p)) this.byPath.delete(p);
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function compute(input: BuildInput, memo: DigestMemo, clock: () => number = () => 0): EngineOutcome {
  const started = clock();
  try {
    // A Map: the engine iterates one far faster than an object with thousands of keys.
    const files = new Map<string, ContextFile>();
    const digests: Record<string, Digest> = {};
    const given = input.context.files;
    for (const [path, f] of given instanceof Map ? given : Object.entries(given)) {
      if (f.type === 'dir' || f.type === 'symlink' || f.data === undefined) {
        // A file hashed by its host (a folder read from disk) is known by its digest too.
        if (f.type !== 'dir' && f.type !== 'symlink' && f.digest) digests[path] = f.digest;
        files.set(path, f);
        continue;
      }
      const digest = memo.digestOf(path, f.data);
      digests[path] = digest;
      files.set(path, { ...f, digest });
    }
    memo.keepOnly(new Set(Object.keys(digests)));
    const result = build({ ...input, context: { files } }, memo.engine);
    const progress = renderProgress(result, { dockerfilePath: input.dockerfilePath });
    return { ok: true, result, digests, progress, ms: clock() - started };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

/** Runs the engine in the calling thread: for tests and for hosts without workers. */
export function inlineEngine(): { run(input: BuildInput): Promise<EngineOutcome> } {
  const memo = new DigestMemo();
  return { run: async (input) => compute(input, memo) };
}
