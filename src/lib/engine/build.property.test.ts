/**
 * Properties over random Dockerfiles and contexts: the engine never fails
 * internally, is deterministic, an unchanged rebuild is all cached, and an edit
 * to a file no COPY selects changes no status.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { build, emptyCache } from './build';
import type { BuildResult } from './types';
import { anyInput, buildTwice, internalError, notCachedOnRebuild, structured, toInput } from '../../../tests/fuzz/inputs';

const notMetaArg = (r: BuildResult) => r.steps.filter((s) => s.printed && s.reason.kind !== 'always-runs');

describe('properties of the engine over random Dockerfiles and contexts', () => {
  it('never fails internally and is deterministic', () => {
    fc.assert(
      fc.property(structured(true), (x) => {
        const i = toInput(x);
        const r = build(i);
        expect(internalError(r)).toBe(false);
        expect(build(structuredClone(i))).toEqual(r);
      }),
      { numRuns: 300 }
    );
  });

  it('never fails internally on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.constantFrom('buildkit' as const, 'legacy' as const), (text, builder) => {
        expect(internalError(build({ dockerfile: text, context: { files: {} }, builder }))).toBe(false);
      }),
      { numRuns: 300 }
    );
  });

  it('building twice with no change gives all cached', () => {
    fc.assert(
      fc.property(structured(true), (x) => {
        const i = toInput(x);
        const first = build({ ...i, cache: emptyCache() });
        fc.pre(!first.error);
        const second = build({ ...i, cache: first.cache });
        expect(notMetaArg(second).filter((s) => s.keyword !== 'FROM').map((s) => `${s.range.line}:${s.status}`)).toEqual(
          notMetaArg(second).filter((s) => s.keyword !== 'FROM').map((s) => `${s.range.line}:cached`)
        );
      }),
      { numRuns: 200 }
    );
  });

  it('editing a file that no COPY selects changes no status', () => {
    fc.assert(
      fc.property(structured(false), fc.string({ minLength: 1, maxLength: 10 }), (x, text) => {
        const i = toInput(x);
        const files = { ...i.context.files, 'unused/notes.txt': { data: 'before' } };
        const first = build({ ...i, context: { files } });
        const unchanged = build({ ...i, context: { files }, cache: first.cache });
        const edited = build({ ...i, context: { files: { ...files, 'unused/notes.txt': { data: `edited ${text}` } } }, cache: first.cache });
        expect(edited.steps.map((s) => `${s.id}:${s.status}`)).toEqual(unchanged.steps.map((s) => `${s.id}:${s.status}`));
      }),
      { numRuns: 200 }
    );
  });

  // The fast seed set of `npm run fuzz` (scripts/fuzz.ts runs these generators 100,000 times):
  // odd file names, NUL and CR bytes, regexp .dockerignore lines, expansion bombs, heredocs.
  it('never fails internally, is deterministic and rebuilds all cached, on every kind of fuzz input', () => {
    fc.assert(
      fc.property(anyInput, (x) => {
        const i = toInput(x);
        const { first, second } = buildTwice(i);
        expect(internalError(first)).toBe(false);
        expect(build({ ...structuredClone(i), cache: emptyCache() })).toEqual(first);
        if (second) expect(notCachedOnRebuild(second)).toEqual([]);
      }),
      { numRuns: 150, seed: 42 }
    );
  });
});
