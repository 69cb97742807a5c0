import { describe, expect, it } from 'vitest';
import { goMatch } from './glob';
import { expandGlob } from './run-model/shell-glob';
import { StageFs } from './fs';
import { imageModelSpec } from './images';
import { sha256Text } from './digest';

describe("Go's filepath.Match, as COPY and the shell use it", () => {
  it.each([
    ['*.txt', 'a.txt', true],
    ['*.txt', '.txt', true],
    ['*', 'a/b', false],
    ['a?c', 'abc', true],
    ['a?c', 'a/c', false],
    ['[abc]x', 'bx', true],
    ['[^abc]x', 'bx', false],
    ['[^abc]x', 'dx', true],
    ['[a-c]*', 'cat', true],
    ['[\\]a]', ']', true],
    ['[\\]a]', 'a', true],
    ['a\\*b', 'a*b', true],
    ['a\\*b', 'axb', false],
    ['*x*y', 'axbycy', true],
    ['ab*', 'ab', true],
    ['héllo*', 'héllo wörld', true],
    ['h?llo', 'héllo'.replace('é', '€'), true]
  ])('%s against %s is %s', (pattern, name, want) => {
    expect(goMatch(pattern, name)).toBe(want);
  });

  it.each(['[', '[a', 'a[', '[a-', '[]', '[]a]', 'x\\', '[z-'])('%s is a bad pattern', (pattern) => {
    expect(goMatch(pattern, 'a')).toBeNull();
  });

  it('checks the whole pattern even when an early part already failed', () => {
    expect(goMatch('x*[', 'abc')).toBeNull();
  });
});

describe('pathname expansion against a stage', () => {
  const known = (files: Record<string, string>) => {
    let fs = new StageFs(imageModelSpec('oracle', 'sha256:' + '1'.repeat(64)));
    for (const [p, t] of Object.entries(files)) fs = fs.with({ kind: 'put', path: p, entry: { type: 'f', digest: sha256Text(t), mode: 0o644, size: t.length, owner: '0:0', text: t } });
    return fs;
  };
  it('matches in sorted order, spelled as written, and leaves out dotfiles', () => {
    const fs = known({ '/w/lib/b.jar': 'b', '/w/lib/a.jar': 'a', '/w/lib/.hidden.jar': 'h', '/w/lib/n.txt': 'n' });
    expect(expandGlob('../lib/*.jar', '/w/app', fs)).toEqual({ words: ['../lib/a.jar', '../lib/b.jar'], complete: true });
    expect(expandGlob('/w/*/*.txt', '/', fs)).toEqual({ words: ['/w/lib/n.txt'], complete: true });
  });
  it('a pattern that matches nothing stays as written', () => {
    expect(expandGlob('*.md', '/w', known({ '/w/a.txt': 'a' })).words).toEqual(['*.md']);
  });
  it("is incomplete where a real image may hold files the engine cannot see", () => {
    const fs = new StageFs(imageModelSpec('generic', 'sha256:' + '2'.repeat(64)));
    expect(expandGlob('/etc/*.conf', '/', fs).complete).toBe(false);
  });
});
