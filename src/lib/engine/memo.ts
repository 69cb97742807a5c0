/**
 * What the engine may remember from one call to the next, in an object its
 * host owns and passes in (the worker keeps one for the page's session, the
 * CLI one per run). Nothing here changes a result: a call with a fresh memo
 * returns what a call with a warm one does (context.test.ts checks the
 * context), only faster, because the previous build's context is updated
 * instead of rebuilt and unchanged texts are not parsed or hashed again.
 */
import type { ContextMemo } from './context';
import type { Digest } from './digest';
import type { ParsedDockerfile } from './parse';
import type { IgnoreMatcher } from './rules/dockerignore';
import type { Builder, ContextFile } from './types';

/** Bounds, so a long session's memo stays small: a few Dockerfiles and ignore files are in play at a time. */
const MAX_PARSED = 64;
const MAX_MATCHERS = 8;

export class EngineMemo {
  /** Per builder (they may read different ignore files), the last build's context. */
  readonly contexts = new Map<Builder, ContextMemo>();
  /** Digests of byte arrays already hashed (a host passes the same arrays build after build). */
  readonly bytes = new WeakMap<Uint8Array, Digest>();
  /** The entry standing for a Dockerfile the context does not hold, by its text: the same text is the same entry. */
  synthetic: { text: string; file: ContextFile } | null = null;
  private readonly parsed = new Map<string, ParsedDockerfile>();
  private readonly matchers = new Map<string, IgnoreMatcher>();

  /** A parsed Dockerfile by text (the records are immutable), made by `make` the first time. */
  parse(text: string, make: (text: string) => ParsedDockerfile): ParsedDockerfile {
    return remember(this.parsed, text, MAX_PARSED, () => make(text));
  }

  /** The matcher of a pattern list, made by `make` the first time. */
  matcher(patterns: string[], make: (patterns: string[]) => IgnoreMatcher): IgnoreMatcher {
    return remember(this.matchers, patterns.join('\n'), MAX_MATCHERS, () => make(patterns));
  }
}

function remember<V>(map: Map<string, V>, key: string, max: number, make: () => V): V {
  const hit = map.get(key);
  if (hit !== undefined) return hit;
  const v = make();
  if (map.size >= max) map.clear();
  map.set(key, v);
  return v;
}
