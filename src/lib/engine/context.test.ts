import { describe, expect, it } from 'vitest';
import { buildContext } from './context';
import { readIgnorePatterns } from './rules/dockerignore';
import { getNode } from './tree';

const ctx = (files: Record<string, string>, df = 'FROM x\n') =>
  buildContext(
    { files: Object.fromEntries(Object.entries(files).map(([p, d]) => [p, { data: d }])) },
    'Dockerfile',
    df,
    'buildkit'
  );

describe('the build context', () => {
  it('reads .dockerignore the way the docker CLI does', () => {
    expect(readIgnorePatterns('# comment\n  *.log \n!/keep.log\n/abs/path\n./rel\n\n')).toEqual([
      '*.log',
      '!keep.log',
      'abs/path',
      'rel'
    ]);
  });

  it('matches patterns from the context root: *.md does not reach into directories, **/*.md does', () => {
    const c = ctx({ 'a.md': '', 'docs/b.md': '', '.dockerignore': '*.md\n' });
    expect(c.isExcluded('a.md')).toBe(true);
    expect(c.isExcluded('docs/b.md')).toBe(false);
    expect(ctx({ 'docs/b.md': '', '.dockerignore': '**/*.md\n' }).isExcluded('docs/b.md')).toBe(true);
  });

  it('lets the last matching line win, and says which pattern excluded a file', () => {
    const c = ctx({ 'README.md': '', 'NOTES.md': '', '.dockerignore': '*.md\n!README.md\n' });
    expect(c.isExcluded('README.md')).toBe(false);
    expect(c.excludedBy('NOTES.md')).toBe('*.md');
    expect(c.summary.excluded).toEqual([{ path: 'NOTES.md', pattern: '*.md' }]);
    expect(ctx({ 'README.md': '', '.dockerignore': '!README.md\n*.md\n' }).isExcluded('README.md')).toBe(
      true
    );
  });

  it('includes the Dockerfile and .dockerignore unless they are excluded', () => {
    const c = ctx({ '.dockerignore': 'tmp\n' });
    expect(getNode(c.root, 'Dockerfile')).toBeDefined();
    expect(getNode(c.root, '.dockerignore')).toBeDefined();
    const d = ctx({ '.dockerignore': 'Dockerfile\n.dockerignore\n' });
    expect(getNode(d.root, 'Dockerfile')).toBeUndefined();
  });

  it('still sends a directory whose only files are ignored', () => {
    const c = ctx({ 'logs/app.log': 'x', '.dockerignore': '**/*.log\n' });
    expect(getNode(c.root, 'logs')?.children?.size).toBe(0);
    expect(getNode(ctx({ 'logs/app.log': 'x', '.dockerignore': 'logs\n' }).root, 'logs')).toBeUndefined();
  });

  it('applies any .dockerignore in bounded time: nested stars against a long name', () => {
    // A backtracking regexp matcher took over a minute here; Docker's (Go's RE2) is linear.
    const started = performance.now();
    const c = ctx({
      ['a'.repeat(40)]: 'x',
      ['a/'.repeat(20) + 'b']: 'y',
      '.dockerignore': '*'.repeat(30) + 'x\n' + '**/'.repeat(12) + 'x\n'
    });
    expect(c.isExcluded('a'.repeat(40))).toBe(false);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('never lets a path leave the context', () => {
    const c = ctx({ '../etc/passwd': 'x', './ok.txt': 'y', '/abs.txt': 'z' });
    expect(getNode(c.root, 'ok.txt')).toBeDefined();
    expect(getNode(c.root, 'abs.txt')).toBeDefined();
    expect(c.diagnostics[0].message).toContain('outside the build context');
  });
});

describe('updating the context from one build to the next', () => {
  it('gives the same tree as building it from scratch', async () => {
    const fc = (await import('fast-check')).default;
    const { bkChecksum, legacyChecksum } = await import('./tree');
    const { EngineMemo } = await import('./memo');
    const paths = [
      'a.txt',
      'src/a.js',
      'src/b.js',
      'src/deep/c.js',
      'logs/x.log',
      'docs/r.md',
      'node_modules/m/i.js',
      'new/dir/f.txt'
    ];
    const edit = fc.record({
      path: fc.constantFrom(...paths),
      data: fc.string({ maxLength: 5 }),
      mode: fc.constantFrom(0o644, 0o755)
    });
    fc.assert(
      fc.property(
        fc.constantFrom('', '*.log\n', '**/*.log\nnode_modules\n', 'src\n!src/b.js\n'),
        fc.array(edit, { maxLength: 8 }),
        (ignoreText, edits) => {
          const memo = new EngineMemo();
          let files: Record<string, { data: string; mode?: number }> = {
            'a.txt': { data: 'a' },
            '.dockerignore': { data: ignoreText }
          };
          for (const e of edits) {
            files = { ...files, [e.path]: { data: e.data, mode: e.mode } };
            const incremental = buildContext({ files }, 'Dockerfile', 'FROM x\n', 'buildkit', memo);
            const fresh = buildContext({ files }, 'Dockerfile', 'FROM x\n', 'buildkit', new EngineMemo());
            expect(bkChecksum(incremental.root)).toBe(bkChecksum(fresh.root));
            expect(legacyChecksum(incremental.root)).toBe(legacyChecksum(fresh.root));
            expect(incremental.summary).toEqual(fresh.summary);
          }
        }
      ),
      { numRuns: 150 }
    );
  });
});
