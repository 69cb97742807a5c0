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
    ['h?llo', 'héllo'.replace('é', '€'), true],
    // Where picomatch (any options) or busybox ash answers otherwise (see glob.ts,
    // run-model/shell-glob.ts); the answers are Go 1.19's filepath.Match.
    ['[!abc]x', 'bx', true],
    ['[!abc]x', 'dx', false],
    ['[!abc]x', '!x', true],
    ['[!]a]', 'b', false],
    ['[a!]', '!', true],
    ['[\\!a]', '!', true],
    ['\\[a]', '[a]', true],
    ['\\a', 'a', true],
    ['[[:alpha:]]', 'a', false],
    ['[[:digit:]]x', '1x', false],
    ['{a,b}', 'a', false],
    ['{a,b}', '{a,b}', true],
    ['@(a|b)', 'a', false],
    ['!(a)', 'b', false],
    ['**', 'a/b', false],
    ['a/**/b', 'a/x/y/b', false],
    ['?', '.', true],
    ['*', '.hidden', true],
    ['[.]x', '.x', true],
    ['[z-a]', 'm', false],
    ['[a-z]', '-', false],
    ['[*]', '*', true],
    ['[?]x', '?x', true],
    ['a?', 'a\u00e9', true],
    ['[\u00e0-\u00ff]', '\u00e9', true]
  ])('%s against %s is %s', (pattern, name, want) => {
    expect(goMatch(pattern, name)).toBe(want);
  });

  it.each(['[', '[a', 'a[', '[a-', '[]', '[]a]', 'x\\', '[z-', '[^]a]', '[-a]', '[a-]', '[a-b-c]', '*['])(
    '%s is a bad pattern',
    (pattern) => {
      expect(goMatch(pattern, 'a')).toBeNull();
      expect(goMatch(pattern, '-')).toBeNull();
    }
  );

  it('checks the whole pattern even when an early part already failed', () => {
    expect(goMatch('x*[', 'abc')).toBeNull();
  });
});
