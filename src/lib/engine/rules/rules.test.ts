import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../parse';
import { makePlan } from '../plan';
import { StageFs } from '../fs';
import type { StageState } from '../dispatch/state';
import type { LegacyImage } from '../types';
import { legacyArgEnv, legacyRunPrefix, unconsumedBuildArgs } from './arg-scope';
import { LegacyProber } from './legacy-cascade';
import { buildkitStatus } from './no-cache-workdir';
import { stagesToBuild } from './stage-selection';
import { VertexMerger } from './vertex-merging';

const plan = (df: string, builder: 'buildkit' | 'legacy', target?: string) =>
  makePlan(parseDockerfile(df), builder, {}, target);

const state = (env: StageState['env'], args: StageState['args']): StageState => ({
  env,
  args,
  cwd: '/',
  workdir: '',
  user: '',
  shell: null,
  fs: new StageFs({ model: 'generic', digest: 'sha256:x', env: [], files: new Map() }),
  onbuild: []
});

describe('no-cache-workdir', () => {
  it('keeps a cached WORKDIR under --no-cache only while its whole chain is cached', () => {
    const base = { inCache: true, noCache: true, keyword: 'WORKDIR' };
    expect(buildkitStatus({ ...base, chainCached: true })).toBe('cached');
    expect(buildkitStatus({ ...base, chainCached: false })).toBe('built');
    expect(buildkitStatus({ ...base, keyword: 'RUN', chainCached: true })).toBe('built');
    expect(buildkitStatus({ ...base, inCache: false, chainCached: true })).toBe('built');
    expect(buildkitStatus({ inCache: true, noCache: false, keyword: 'RUN', chainCached: false })).toBe(
      'cached'
    );
  });
});

describe('legacy-cascade', () => {
  const step = { id: 's0.0', probe: 'sha256:p', keyword: 'RUN', line: 2, stage: 0, facts: {} };
  const image = (id: string, created: number): LegacyImage => ({
    ...step,
    id,
    parent: 'sha256:base',
    created
  });

  it('takes the most recently created child with the same config', () => {
    const prober = new LegacyProber([image('sha256:old', 1), image('sha256:new', 2)], 3);
    expect(prober.step('sha256:base', step, false)).toEqual({ hit: true, image: 'sha256:new' });
  });

  it('probes nothing once the stage is busted, and gives every rebuilt step a new image', () => {
    const prober = new LegacyProber([image('sha256:old', 1)], 3);
    const first = prober.step('sha256:base', step, true);
    expect(first.hit).toBe(false);
    expect(first.image).not.toBe('sha256:old');
    // The new image is found by a later build's prober (same parent, same config).
    expect(new LegacyProber(prober.created, 4).step('sha256:base', step, false)).toEqual({
      hit: true,
      image: first.image
    });
  });
});

describe('vertex-merging', () => {
  it('merges a second step with the same key into the first', () => {
    const m = new VertexMerger();
    expect(m.mergeWith('sha256:k', 'a')).toBeNull();
    expect(m.mergeWith('sha256:k', 'b')).toBe('a');
    expect(m.mergeWith('sha256:j', 'c')).toBeNull();
  });
});

describe('stage-selection', () => {
  const df =
    'FROM alpine AS a\nRUN x\nFROM alpine AS unused\nRUN y\nFROM alpine AS final\nCOPY --from=a /x /x\n';
  it('BuildKit builds the target and what it reads; legacy every stage up to the target', () => {
    expect(stagesToBuild(plan(df, 'buildkit'), 'buildkit').map((s) => s.name)).toEqual(['a', 'final']);
    expect(stagesToBuild(plan(df, 'legacy'), 'legacy').map((s) => s.name)).toEqual(['a', 'unused', 'final']);
    expect(stagesToBuild(plan(df, 'legacy', 'unused'), 'legacy').map((s) => s.name)).toEqual(['a', 'unused']);
  });
});

describe('arg-scope', () => {
  it('legacy prefixes a RUN with the valued ARGs ENV does not shadow, sorted', () => {
    const s = state(
      [['B', 'env', 'env']],
      [
        ['C', '3'],
        ['A', '1'],
        ['B', '2'],
        ['D', undefined]
      ]
    );
    expect(legacyRunPrefix(s, {})).toEqual(['|2', 'A=1', 'C=3']);
    expect(legacyArgEnv(s).map(([n, v]) => `${n}=${v}`)).toEqual(['B=env', 'C=3', 'A=1']);
  });

  it('legacy counts an undeclared proxy build arg towards the prefix without listing it', () => {
    expect(legacyRunPrefix(state([], []), { http_proxy: 'http://p' })).toEqual(['|0']);
    expect(legacyRunPrefix(state([], []), {})).toEqual([]);
    expect(legacyRunPrefix(state([], [['http_proxy', 'http://p']]), { http_proxy: 'http://p' })).toEqual([
      '|1',
      'http_proxy=http://p'
    ]);
  });

  it('names the build args no ARG declares, proxies aside', () => {
    const parsed = parseDockerfile('FROM alpine\nARG USED=1 OTHER\n');
    expect(unconsumedBuildArgs(parsed, { USED: 'x', OTHER: 'y', NOPE: 'z', HTTPS_PROXY: 'p' })).toEqual([
      'NOPE'
    ]);
  });
});
