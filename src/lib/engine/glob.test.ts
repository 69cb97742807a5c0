import { describe, expect, it } from 'vitest';
import { goMatch } from './glob';

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
