import { describe, expect, it } from 'vitest';
import { patternMatcher, toRegexp } from './pattern-matcher';

const excluded = (patterns: string[], paths: string[]) => {
  const m = patternMatcher(patterns);
  return paths.filter((p) => m.ignores(p));
};

describe('.dockerignore patterns as Docker 20.10 matches them', () => {
  it('translates a pattern into the regular expression fileutils writes', () => {
    expect(toRegexp('**/*.log')).toBe('^(.*/)?[^/]*\\.log$');
    expect(toRegexp('docs/**')).toBe('^docs/.*$');
    expect(toRegexp('a?b$')).toBe('^a[^/]b\\$$');
    expect(toRegexp('\\*x\\')).toBe('^\\*x\\$');
  });

  it('gives ( ) [ ] { } + | ^ their regexp meaning, as the daemon did', () => {
    // Oracle scenarios dockerignore-regexp-metacharacters and dockerignore-regexp-classes-and-anchors.
    const paths = ['a(b)c.txt', 'abc.txt', 'p+.txt', 'p.txt', 'pp.txt', 'x{2}.txt', 'xx.txt', 'qz.txt', 'zr', 'q|r', 'keep.txt', '1.txt', 'd.txt', 'm', '^m'];
    expect(excluded(['a(b)c.txt', 'p+.txt', 'x{2}.txt', 'q|r', '\\d.txt', '^m'], paths)).toEqual(['abc.txt', 'p.txt', 'pp.txt', 'xx.txt', 'qz.txt', 'zr', 'q|r', '1.txt', 'm']);
  });

  it('takes a backslash-escaped character literally', () => {
    // Oracle scenario dockerignore-escaped-characters.
    const paths = ['*.md', 'a.md', '(x).txt', 'x.txt', 'back\\slash', 'backslash'];
    expect(excluded(['\\*.md', '\\(x\\).txt', 'back\\\\slash'], paths)).toEqual(['*.md', '(x).txt', 'back\\slash']);
  });

  it('skips a matched directory whole unless an exception starts inside it', () => {
    expect(excluded(['**/foo'], ['deep/a/foo/x.txt', 'deep/foo/y.txt', 'foo.txt'])).toEqual(['deep/a/foo/x.txt', 'deep/foo/y.txt']);
    const m = patternMatcher(['docs', '!docs/api.yaml']);
    expect(m.walksInto('docs')).toBe(true);
    expect([m.ignores('docs/api.yaml'), m.ignores('docs/other.md')]).toEqual([false, true]);
    expect(m.decidedBy('docs/other.md')).toBe('docs');
  });

  it('reports the patterns Docker rejects, and when it notices', () => {
    expect(patternMatcher(['*.log', 'build(']).error).toMatchObject({ index: 1, when: 'match', goError: 'syntax error in pattern' });
    expect(patternMatcher(['[abc', 'x)']).error).toMatchObject({ index: 0, when: 'new' });
    expect(patternMatcher(['x)', '[abc']).error).toMatchObject({ index: 1, when: 'new' });
    expect(patternMatcher(['!']).error).toMatchObject({ when: 'new', goError: 'illegal exclusion pattern: "!"' });
    expect(patternMatcher(['x\\']).error?.when).toBe('new');
    for (const bad of ['[z-a].txt', '*+', 'a{2,1}', '\\y']) expect(patternMatcher([bad]).error?.when).toBe('match');
    expect(patternMatcher(['[abc]', 'a{x}', '\\(']).error).toBeNull();
  });

  it('matches in linear time: nested stars against a long name stay fast', () => {
    // A backtracking matcher took over a minute on this (30 stars against 40 a's).
    const m = patternMatcher(['*'.repeat(30) + 'x', '**/'.repeat(15) + 'y']);
    const path = 'a/'.repeat(20) + 'a'.repeat(40);
    const started = performance.now();
    expect(m.ignores(path)).toBe(false);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
