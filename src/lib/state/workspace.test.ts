import { describe, expect, it } from 'vitest';
import { Notices } from './notices.svelte';
import { WorkspaceState } from './workspace.svelte';

/** A workspace on its own, with a counter where the Session would schedule a prediction. */
function workspace() {
  const notices = new Notices();
  const calls = { changed: 0 };
  let t = 100;
  const w = new WorkspaceState({ now: () => t++, changed: () => calls.changed++, notices });
  w.load({
    example: '',
    dockerfile: 'FROM alpine\nCOPY . .\n',
    files: { 'a.txt': { data: 'a', mode: 0o644, mtime: 1 } }
  });
  return { w, notices, calls };
}

describe('WorkspaceState', () => {
  it('asks for a prediction after each change the build sees, and not for tabs', () => {
    const { w, calls } = workspace();
    w.writeFile('a.txt', 'b');
    w.touch('a.txt');
    w.toggleExecutable('a.txt');
    w.setDockerfile('FROM alpine\n');
    expect(calls.changed).toBe(4);
    w.open('a.txt');
    w.close('a.txt');
    w.open('a.txt');
    expect(calls.changed).toBe(4);
    expect(w.tabs).toEqual(['Dockerfile', 'a.txt']);
  });

  it('an unchanged text is no change', () => {
    const { w, calls } = workspace();
    w.writeFile('a.txt', 'a');
    w.setDockerfile(w.dockerfile);
    expect(calls.changed).toBe(0);
  });

  it('shows a refusal and returns it, and changes nothing', () => {
    const { w, notices, calls } = workspace();
    expect(w.addFile('a.txt/b')).toBe('a.txt is a file, not a folder.');
    expect(notices.current).toEqual({ text: 'a.txt is a file, not a folder.', tone: 'error' });
    expect(w.rename('Dockerfile', 'x')).toMatch(/keeps its name/);
    expect(calls.changed).toBe(0);
    expect(Object.keys(w.files)).toEqual(['a.txt']);
  });

  it('renaming a folder carries its open tabs along; removing it closes them', () => {
    const { w } = workspace();
    w.addFile('src/main.go', 'package main');
    expect(w.active).toBe('src/main.go');
    w.rename('src', 'cmd');
    expect(w.tabs).toEqual(['Dockerfile', 'cmd/main.go']);
    expect(w.active).toBe('cmd/main.go');
    w.remove('cmd');
    expect(w.tabs).toEqual(['Dockerfile']);
    expect(w.active).toBe('Dockerfile');
  });
});
