import { describe, expect, it } from 'vitest';
import { sha256Text } from './digest';
import { StageFs } from './fs';
import { imageModelSpec } from './images';

const file = (text: string) => ({ type: 'f' as const, digest: sha256Text(text), mode: 0o644, size: text.length, owner: '0:0', text });

describe("a stage's file system", () => {
  it('answers lookups through a chain as long as a 100,000-step Dockerfile, newest layer first', () => {
    let fs = new StageFs(imageModelSpec('oracle', 'sha256:' + '1'.repeat(64)));
    for (let i = 0; i < 100_000; i++) fs = fs.with({ kind: 'put', path: `/w/f${i % 10}`, entry: file(String(i)) });
    expect(fs.readText('/w/f3')).toBe('99993');
    expect(fs.get('/etc/passwd')?.type).toBe('f');
    expect(fs.get('/nowhere')).toBeUndefined();
  });

  it('an answer remembered at one step does not leak into an earlier or a later one', () => {
    const base = new StageFs(imageModelSpec('oracle', 'sha256:' + '1'.repeat(64)));
    const a = base.with({ kind: 'put', path: '/x', entry: file('a') });
    const b = a.with({ kind: 'delete', path: '/x' });
    const c = b.with({ kind: 'put', path: '/x', entry: file('c') });
    expect(c.readText('/x')).toBe('c');
    expect(b.get('/x')).toBeUndefined();
    expect(a.readText('/x')).toBe('a');
    expect(base.get('/x')).toBeUndefined();
  });
});
