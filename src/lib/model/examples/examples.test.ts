import { describe, expect, it } from 'vitest';
import { build } from '../../engine/index';
import type { BuildResult } from '../../engine/types';
import { EXAMPLES } from './index';
import { pythonDepsFirst, pythonSourceFirst } from './python';
import { applyEdit, buildInputOf, moveLine, workspaceOf } from '../workspace';

const rebuiltLines = (r: BuildResult) => r.steps.filter((s) => s.status === 'built').map((s) => s.range.line);

describe.each(EXAMPLES.map((e) => [e.slug, e] as const))('example %s', (_slug, example) => {
  const ws = workspaceOf(example);
  const first = build(buildInputOf(ws));

  it('builds cleanly from an empty cache, and an unchanged rebuild is all cached', () => {
    expect(first.error).toBeNull();
    expect(first.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(first.totals.built).toBeGreaterThan(0);
    const again = build(buildInputOf(ws, { cache: first.cache }));
    expect(rebuiltLines(again)).toEqual([]);
  });

  it.each(example.tries.map((t) => [t.label, t] as const))(
    '"%s" rebuilds exactly what the example claims',
    (_label, t) => {
      const edited = t.edits.reduce((w, e) => applyEdit(w, e, 1), ws);
      const r = build(buildInputOf(edited, { cache: first.cache }));
      expect(r.error).toBeNull();
      expect(rebuiltLines(r)).toEqual(t.rebuilds);
      if (t.seconds) {
        expect(r.totals.estimatedSeconds).toBeGreaterThanOrEqual(t.seconds[0]);
        expect(r.totals.estimatedSeconds).toBeLessThanOrEqual(t.seconds[1]);
      }
    }
  );
});

describe('the seed pair', () => {
  const typoCost = (ex: typeof pythonDepsFirst) => {
    const ws = workspaceOf(ex);
    const first = build(buildInputOf(ws));
    return build(buildInputOf(applyEdit(ws, ex.tries[0].edits[0]), { cache: first.cache })).totals
      .estimatedSeconds;
  };
  it('a typo fix costs about a second with dependencies first and over 40 s with the source first', () => {
    expect(typoCost(pythonDepsFirst)).toBeLessThan(2.5);
    expect(typoCost(pythonSourceFirst)).toBeGreaterThan(40);
  });
});

describe('the Go example', () => {
  it('keeps the final stage cached because the rebuilt binary is byte-identical', () => {
    const ex = EXAMPLES.find((e) => e.slug === 'go-multi-stage')!;
    const ws = workspaceOf(ex);
    const first = build(buildInputOf(ws));
    const r = build(buildInputOf(applyEdit(ws, ex.tries[0].edits[0]), { cache: first.cache }));
    const copyFrom = r.steps.find((s) => s.source.startsWith('COPY --from=build'))!;
    expect(copyFrom.status).toBe('cached');
    expect(copyFrom.reason).toMatchObject({ kind: 'cache-hit', via: 'identical-output' });
  });
});

describe('workspace edits', () => {
  it('touch changes only the mtime, so nothing the engine sees', () => {
    const ws = workspaceOf(pythonDepsFirst);
    const touched = applyEdit(ws, { kind: 'touch', path: 'app.py' }, 99);
    expect(touched.files['app.py'].mtime).toBe(99);
    expect(buildInputOf(touched)).toEqual(buildInputOf(ws));
  });
  it('moveLine moves a line above another and leaves the text alone when a line is missing', () => {
    expect(moveLine('a\nb\nc\n', 'c', 'a')).toBe('c\na\nb\n');
    expect(moveLine('a\nb\n', 'x', 'a')).toBe('a\nb\n');
  });
});
