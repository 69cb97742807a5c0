import { describe, expect, it } from 'vitest';
import { memoryFolder } from './memory-handles';
import { isDockerfileName, rootCandidates } from './names';
import { walkFolder, type ReadItem } from './walk';

async function walked(files: Record<string, string>, opts: { maxEntries?: number; fail?: string[] } = {}) {
  const { root, touches } = memoryFolder('app', files, opts.fail);
  const read: ReadItem[] = [];
  const result = await walkFolder(root, { onRead: (i) => read.push(i), maxEntries: opts.maxEntries });
  return { result, touches, read: read.map((r) => r.path), items: read };
}

const project = {
  '.dockerignore': 'node_modules\n*.log\n.git\n',
  Dockerfile: 'FROM node:20\nCOPY . .\n',
  'package.json': '{}',
  'src/index.js': 'console.log(1)',
  'debug.log': 'noise',
  'node_modules/left-pad/index.js': 'module.exports = 1',
  'node_modules/left-pad/package.json': '{}',
  '.git/HEAD': 'ref: refs/heads/main'
};

describe('walkFolder', () => {
  it('never lists an excluded directory nor opens an excluded file', async () => {
    const { result, touches, read } = await walked(project);
    expect(touches.listed).not.toContain('node_modules');
    expect(touches.listed).not.toContain('.git');
    expect(touches.opened.filter((p) => p.startsWith('node_modules') || p.startsWith('.git'))).toEqual([]);
    expect(touches.opened).not.toContain('debug.log');
    expect(result.skippedDirs).toEqual(['.git', 'node_modules']);
    expect(result.excluded).toEqual(['debug.log']);
    expect(read).toEqual(['.dockerignore', 'Dockerfile', 'package.json', 'src/index.js']);
    expect(result.counts).toMatchObject({ files: 5, queued: 4, excluded: 1, skippedDirs: 2 });
  });

  it('walks into an excluded directory only for an exception pattern inside it, as the docker CLI does', async () => {
    const { result, touches, read } = await walked({
      ...project,
      '.dockerignore': 'node_modules\n!node_modules/left-pad/package.json\n'
    });
    expect(touches.listed).toContain('node_modules/left-pad');
    expect(read).toContain('node_modules/left-pad/package.json');
    expect(touches.opened).not.toContain('node_modules/left-pad/index.js');
    expect(result.excluded).toContain('node_modules/left-pad/index.js');
  });

  it('reads the Dockerfile and the ignore file even when .dockerignore excludes them', async () => {
    const { items, result } = await walked({
      ...project,
      '.dockerignore': 'Dockerfile\n.dockerignore\n*.json\n'
    });
    const always = items.filter((i) => i.always).map((i) => i.path);
    expect(always).toEqual(['.dockerignore', 'Dockerfile']);
    expect(result.excluded).toEqual(['package.json']);
  });

  it('skips a path only when every ignore file a build could use excludes it', async () => {
    // BuildKit reads Dockerfile.dockerignore; the legacy builder .dockerignore.
    const { result } = await walked({
      ...project,
      '.dockerignore': 'node_modules\ndist\n',
      'Dockerfile.dockerignore': 'node_modules\n',
      'dist/bundle.js': 'x'
    });
    expect(result.skippedDirs).toEqual(['node_modules']);
    expect(result.excluded).toEqual([]);
  });

  it('records empty directories: the build sends them', async () => {
    const { result } = await walked({ Dockerfile: 'FROM scratch', 'data/': '' });
    expect(result.emptyDirs).toEqual(['data']);
  });

  it('leaves out what the browser will not list or open, and goes on', async () => {
    const { result, read } = await walked(
      { Dockerfile: 'FROM scratch', 'locked/a': 'a', 'gone.txt': 'g', 'ok.txt': 'o' },
      { fail: ['locked', 'gone.txt'] }
    );
    expect(result.problems.map((p) => p.path)).toEqual(['gone.txt', 'locked']);
    expect(read).toEqual(['Dockerfile', 'ok.txt']);
  });

  it('stops at the entry limit and says so', async () => {
    const files: Record<string, string> = { Dockerfile: 'FROM scratch' };
    for (let i = 0; i < 50; i++) files[`f${String(i).padStart(2, '0')}`] = String(i);
    const { result, read } = await walked(files, { maxEntries: 10 });
    expect(result.truncated).toBe(true);
    expect(read).toHaveLength(10);
  });

  it('stops when cancelled', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 1000; i++) files[`f${i}`] = 'x';
    const { root } = memoryFolder('big', files);
    const c = new AbortController();
    let n = 0;
    const run = walkFolder(root, {
      signal: c.signal,
      onRead: () => {
        if (++n === 10) c.abort(new DOMException('cancelled', 'AbortError'));
      }
    });
    await expect(run).rejects.toThrow('cancelled');
    expect(n).toBeLessThan(20);
  });
});

describe('finding the Dockerfile', () => {
  it('a root Dockerfile wins alone', async () => {
    const { result } = await walked({ Dockerfile: 'a', 'Dockerfile.dev': 'b', 'docker/Dockerfile': 'c' });
    expect(result.candidates).toEqual(['Dockerfile']);
  });

  it('without one, every root name that looks like a Dockerfile is a candidate', async () => {
    const { result } = await walked({
      'web.Dockerfile': 'a',
      'Dockerfile.dev': 'b',
      'docker/Dockerfile': 'c'
    });
    expect(result.candidates).toEqual(['Dockerfile.dev', 'web.Dockerfile']);
  });

  it('without any at the root, nested ones are found, shallowest first, with their own ignore file read', async () => {
    const { result, items } = await walked({
      'services/api/Dockerfile': 'a',
      'services/api/Dockerfile.dockerignore': 'tmp',
      'docker/Dockerfile': 'b',
      'README.md': '#'
    });
    expect(result.candidates).toEqual(['docker/Dockerfile', 'services/api/Dockerfile']);
    expect(items.find((i) => i.path === 'services/api/Dockerfile.dockerignore')?.always).toBe(true);
  });

  it('knows a Dockerfile name from an ignore file or a note', () => {
    expect(['Dockerfile', 'dockerfile', 'api.Dockerfile', 'Dockerfile.prod'].every(isDockerfileName)).toBe(
      true
    );
    expect(
      ['Dockerfile.dockerignore', 'Dockerfile.md', 'Dockerfiles', 'docker-compose.yml'].some(isDockerfileName)
    ).toBe(false);
    expect(rootCandidates(['dockerfile', 'x.Dockerfile'])).toEqual(['dockerfile', 'x.Dockerfile']);
  });
});
