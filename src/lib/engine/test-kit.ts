/**
 * Tiny builders for engine tests: a context from a record of texts, a build
 * that carries its cache, and compact projections of results.
 */
import { build, emptyCache } from './build';
import type { BuildInput, BuildResult, CacheSnapshot, ContextFile } from './types';
import { EngineMemo } from './memo';

export type Files = Record<string, string | ContextFile>;

export function context(files: Files): BuildInput['context'] {
  const out: Record<string, ContextFile> = {};
  for (const [p, f] of Object.entries(files)) out[p] = typeof f === 'string' ? { data: f } : f;
  return { files: out };
}

/** A build session: each call builds against the cache the previous one left. */
export function session(base: Omit<BuildInput, 'context' | 'dockerfile'> = {}) {
  let cache: CacheSnapshot = emptyCache();
  const memo = new EngineMemo();
  return (dockerfile: string, files: Files = {}, opts: Partial<BuildInput> = {}): BuildResult => {
    const r = build({ ...base, ...opts, dockerfile, context: context(files), cache }, memo);
    cache = r.cache;
    return r;
  };
}

/** Statuses of the steps the daemon prints, FROM steps left out. */
export function statuses(r: BuildResult): string[] {
  return r.steps.filter((s) => s.printed && s.keyword !== 'FROM').map((s) => s.status);
}

/** `KEYWORD status` per printed step, FROM left out. */
export function summary(r: BuildResult): string[] {
  return r.steps.filter((s) => s.printed && s.keyword !== 'FROM').map((s) => `${s.keyword} ${s.status}`);
}

export function stepAt(r: BuildResult, line: number) {
  const s = r.steps.find((x) => x.range.line === line);
  if (!s) throw new Error(`no step at line ${line}: ${r.steps.map((x) => x.range.line).join(',')}`);
  return s;
}
