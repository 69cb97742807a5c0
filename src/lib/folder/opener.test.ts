import { describe, expect, it } from 'vitest';
import { toSaved } from '../state/saved.svelte';
import { Session } from '../state/session.svelte';
import { inlineEngine } from '../worker/compute';
import { inlineHasher } from './hasher';
import { memoryFolder } from './memory-handles';
import { FolderOpener, hasWork } from './opener.svelte';

const FOLDER = {
  '.dockerignore': 'node_modules\n',
  Dockerfile: 'FROM alpine\nCOPY . /app\n',
  'main.sh': 'echo hi\n',
  'node_modules/x.js': 'x'
};

async function example(): Promise<Session> {
  const s = new Session({ engine: inlineEngine() });
  await s.loadExample('python-deps-first');
  return s;
}

/** Resolves when the opener is idle again or waits for an answer. */
async function until(o: FolderOpener, kinds: string[]): Promise<void> {
  for (let i = 0; i < 200 && !kinds.includes(o.phase.kind); i++) await new Promise((r) => setTimeout(r, 5));
}

describe('FolderOpener', () => {
  it('opens straight away over an untouched example', async () => {
    const s = await example();
    expect(hasWork(s)).toBe(false);
    const o = new FolderOpener(s, inlineHasher());
    o.offer({ root: memoryFolder('app', FOLDER).root, via: 'picker' });
    await until(o, ['idle']);
    expect(s.workspace.project?.name).toBe('app');
    expect(s.workspace.dockerfile).toBe(FOLDER.Dockerfile);
    expect(s.notices.current?.text).toMatch(/^Opened app: 3 files read/);
  });

  it('asks first when the session holds work; Cancel keeps it as it was', async () => {
    const s = await example();
    s.workspace.setDockerfile(s.workspace.dockerfile + '# mine\n');
    expect(hasWork(s)).toBe(true);
    const o = new FolderOpener(s, inlineHasher());
    o.offer({ root: memoryFolder('app', FOLDER).root, via: 'drop' });
    expect(o.phase.kind).toBe('confirm');
    o.dismiss();
    expect(s.workspace.project).toBeNull();
    o.offer({ root: memoryFolder('app', FOLDER).root, via: 'drop' });
    o.confirm(false);
    await until(o, ['idle']);
    expect(s.workspace.project?.via).toBe('drop');
  });

  it('lets the person choose among several Dockerfiles', async () => {
    const s = await example();
    const o = new FolderOpener(s, inlineHasher());
    const { root } = memoryFolder('svc', { 'api.Dockerfile': 'FROM a\n', 'web.Dockerfile': 'FROM b\n' });
    o.offer({ root, via: 'picker' });
    await until(o, ['choose']);
    expect(o.phase.kind === 'choose' && o.phase.choices).toEqual(['api.Dockerfile', 'web.Dockerfile']);
    o.choose('web.Dockerfile');
    await until(o, ['idle']);
    expect(s.workspace.dockerfilePath).toBe('web.Dockerfile');
    expect(s.workspace.dockerfile).toBe('FROM b\n');
    expect(Object.keys(s.workspace.files)).toEqual(['api.Dockerfile']);
  });

  it('Cancel while reading leaves the session untouched, even when reports were still on their way', async () => {
    const s = await example();
    const before = toSaved(s);
    const o = new FolderOpener(s, inlineHasher());
    const files: Record<string, string> = { Dockerfile: 'FROM a\n' };
    for (let i = 0; i < 3000; i++) files[`f${i}`] = String(i);
    o.offer({ root: memoryFolder('big', files).root, via: 'picker' });
    await until(o, ['reading']);
    o.cancel();
    await new Promise((r) => setTimeout(r, 200));
    expect(o.phase.kind).toBe('idle');
    expect(toSaved(s)).toEqual(before);
  });
});
