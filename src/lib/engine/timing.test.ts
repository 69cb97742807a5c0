import { describe, expect, it } from 'vitest';
import { build } from './build';
import type { BuildInput, CostModel } from './types';

// Round figures make the arithmetic of the expectations visible.
const costs: Partial<CostModel> = {
  stepOverhead: 0,
  legacyStepOverhead: 0,
  buildOverhead: 0,
  resolveImage: 0,
  export: 0,
  copyPerMB: 0,
  contextPerMB: 0,
  pullPerMB: 0
};

const twoStages = [
  'FROM node:20-slim AS web',
  'RUN sleep 3 && echo 1 > /out',
  'FROM golang:1.22 AS api',
  'RUN sleep 5',
  'FROM alpine:3.19',
  'COPY --from=web /out /web',
  'COPY --from=api /etc/hostname /api',
  'RUN sleep 1'
].join('\n');

function input(extra: Partial<BuildInput>): BuildInput {
  return { dockerfile: twoStages, context: { files: {} }, costs, ...extra };
}

describe('how long a build takes', () => {
  it('BuildKit runs independent stages at the same time: the longest chain decides', () => {
    const r = build(input({ builder: 'buildkit' }));
    expect(r.totals.time.stepsSum).toBe(9);
    expect(r.totals.time.steps).toBe(6);
    expect(r.totals.estimatedSeconds).toBe(6);
  });

  it('the legacy builder runs every step one after the other', () => {
    const r = build(input({ builder: 'legacy' }));
    expect(r.totals.time.steps).toBe(9);
    expect(r.totals.estimatedSeconds).toBe(9);
  });

  it('a rebuild of one stage waits only for that stage, then for what reads it', () => {
    const first = build(input({ builder: 'buildkit' }));
    const edited = build(
      input({
        builder: 'buildkit',
        dockerfile: twoStages.replace('sleep 3 && echo 1', 'sleep 4 && echo 2'),
        cache: first.cache
      })
    );
    expect(edited.totals.time.steps).toBe(4 + 1);
    expect(edited.totals.fullSeconds).toBe(5 + 1);
  });

  it('every build pays its overhead and BuildKit resolves each base image', () => {
    const c = { ...costs, buildOverhead: 0.5, resolveImage: 1 };
    const first = build(input({ builder: 'buildkit', costs: c }));
    const again = build(input({ builder: 'buildkit', costs: c, cache: first.cache }));
    expect(again.totals.built).toBe(0);
    expect(again.images.length).toBe(3);
    expect(again.totals.estimatedSeconds).toBe(0.5 + 3);
  });

  it('the legacy builder sends the whole context every build; BuildKit only the first time', () => {
    const c = { ...costs, contextPerMB: 1 };
    const files = { 'big.bin': { data: 'x', size: 2_000_000 } };
    const ctx = { files };
    for (const builder of ['legacy', 'buildkit'] as const) {
      const first = build(
        input({ builder, costs: c, context: ctx, dockerfile: 'FROM alpine:3.19\nRUN sleep 1\n' })
      );
      const again = build(
        input({
          builder,
          costs: c,
          context: ctx,
          dockerfile: 'FROM alpine:3.19\nRUN sleep 1\n',
          cache: first.cache
        })
      );
      expect(first.totals.time.context).toBe(2);
      expect(again.totals.time.context).toBe(builder === 'legacy' ? 2 : 0);
    }
  });

  it('exports only when something ran, and only BuildKit has an export step', () => {
    const c = { ...costs, export: 2 };
    const first = build(input({ builder: 'buildkit', costs: c }));
    const again = build(input({ builder: 'buildkit', costs: c, cache: first.cache }));
    expect(first.totals.time.export).toBe(2);
    expect(again.totals.time.export).toBe(0);
    expect(build(input({ builder: 'legacy', costs: c })).totals.time.export).toBe(0);
  });
});
