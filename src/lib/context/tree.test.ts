import { describe, expect, it } from 'vitest';
import { buildTree, quickEdit } from './tree';

const f = (data = 'x') => ({ data, mode: 0o644, mtime: 0 });

describe('buildTree', () => {
  it('puts folders first, includes the Dockerfile and marks a folder excluded when all of it is', () => {
    const tree = buildTree(
      { 'b.txt': f(), 'node_modules/a/index.js': f(), 'src/x.js': f(), 'src/y.md': f() },
      new Map([
        ['node_modules/a/index.js', 'node_modules'],
        ['src/y.md', '*.md']
      ])
    );
    expect(tree.children.map((c) => c.path)).toEqual(['node_modules', 'src', 'Dockerfile', 'b.txt']);
    expect(tree.children[0].excludedBy).toBe('node_modules');
    expect(tree.children[1].excludedBy).toBeNull();
    expect(tree.children[1].children.find((c) => c.name === 'y.md')?.excludedBy).toBe('*.md');
  });
});

describe('quickEdit', () => {
  it('appends one line in the comment syntax of the file', () => {
    expect(quickEdit('app.py', 'print(1)\n', 't')).toBe('print(1)\n# edited t\n');
    expect(quickEdit('main.go', 'package main', 't')).toBe('package main\n// edited t\n');
  });
  it('changes binary files by one byte', () => {
    expect(quickEdit('a.png', new Uint8Array([1]), 't')).toEqual(new Uint8Array([1, 10]));
  });
});
