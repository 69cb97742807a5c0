import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { build } from '../engine/index';
import { pythonDepsFirst } from '../model/examples/python';
import { applyEdit, buildInputOf, workspaceOf } from '../model/workspace';
import LayerStack from './LayerStack.svelte';
import StageGraph from './StageGraph.svelte';
import Summary from './Summary.svelte';

const ctx = { textOf: () => null };
const noop = () => {};

function afterTypoFix() {
  const ws = workspaceOf(pythonDepsFirst);
  const first = build(buildInputOf(ws));
  return build(buildInputOf(applyEdit(ws, pythonDepsFirst.tries[1].edits[0]), { cache: first.cache }));
}

describe('LayerStack', () => {
  it('carries the testability contract on every step', () => {
    const { body } = render(LayerStack, { props: { result: afterTypoFix(), ctx, onjump: noop } });
    const steps = [...body.matchAll(/<li[^>]*data-testid="step"[^>]*>/g)].map((m) => m[0]);
    expect(steps).toHaveLength(5);
    const attrs = steps.map((s) => [
      /data-line="(\d+)"/.exec(s)?.[1],
      /data-status="(\w+)"/.exec(s)?.[1],
      /data-stage="(\d+)"/.exec(s)?.[1]
    ]);
    expect(attrs).toEqual([
      ['1', 'cached', '0'],
      ['2', 'cached', '0'],
      ['3', 'built', '0'],
      ['4', 'built', '0'],
      ['5', 'built', '0']
    ]);
  });

  it('shows status in words as well as colour, and traces the cascade to its root', () => {
    const { body } = render(LayerStack, { props: { result: afterTypoFix(), ctx, onjump: noop } });
    expect(body).toContain('rebuilds');
    expect(body).toContain('root cause of 2 more rebuilds');
    expect(body).toContain('root cause: line 3');
  });

  it('escapes instructions: user text is never HTML', () => {
    const r = build({
      dockerfile: 'FROM alpine\nRUN echo "<script>alert(1)</script>"\n',
      context: { files: {} }
    });
    const { body } = render(LayerStack, { props: { result: r, ctx, onjump: noop } });
    expect(body).not.toContain('<script>alert(1)');
    expect(body).toContain('&lt;script>alert(1)&lt;/script>');
  });
});

describe('Summary and StageGraph', () => {
  it('summarises rebuilt of total, time and the first miss', () => {
    const { body } = render(Summary, { props: { result: afterTypoFix(), ctx, onjump: noop } });
    expect(body).toMatch(/3 of 5 steps rebuild/);
    expect(body).toMatch(/First miss:/);
    expect(body).toContain('line 3');
  });

  it('says what a build that ran did, in the past tense: steps ran, from the cache, took', () => {
    const { body } = render(Summary, {
      props: { result: afterTypoFix(), ctx, onjump: noop, mode: 'last-build' }
    });
    expect(body).toMatch(/3 of 5 steps ran/);
    expect(body).toMatch(/2 from the cache/);
    expect(body).toMatch(/took about/);
    expect(body).toMatch(/First step that ran:/);
    expect(body).not.toMatch(/rebuild/);
    const stack = render(LayerStack, {
      props: { result: afterTypoFix(), ctx, onjump: noop, mode: 'last-build' }
    }).body;
    expect(stack.match(/↻<\/span>ran</g)).toHaveLength(3);
    expect(stack).not.toMatch(/<\/span>rebuilds</);
  });

  it('names each stage with its state in text', () => {
    const r = build({
      dockerfile:
        'FROM alpine AS a\nRUN true\nFROM alpine AS b\nRUN true\nFROM alpine\nCOPY --from=a /x /x\n',
      context: { files: {} },
      target: 'b'
    });
    const { body } = render(StageGraph, { props: { stages: r.stages, target: r.target } });
    expect(body).toContain('b (target)');
    expect(body).toMatch(/a: not needed/);
  });
});
