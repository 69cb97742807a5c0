import { describe, expect, it } from 'vitest';
import type { BuildResult } from '../engine/types';
import { inlineEngine } from '../worker/compute';
import { compareBuilds } from '../model/history';
import { Session } from './session.svelte';

const built = (r: BuildResult | null) =>
  (r?.steps ?? []).filter((s) => s.status === 'built').map((s) => s.range.line);

async function opened(slug = 'python-deps-first'): Promise<Session> {
  let t = 1000;
  const s = new Session({ engine: inlineEngine(), now: () => t++ });
  await s.loadExample(slug);
  return s;
}

describe('Session', () => {
  it('lists what ADD downloads, expanded, and a download changed upstream rebuilds its ADD', async () => {
    const s = await opened();
    s.setDockerfile(
      'FROM alpine:3.20\nARG V=1.2\nADD https://example.com/tool-${V}.tar.gz /opt/\nRUN ls /opt\nCOPY app.py .\n'
    );
    await s.commitBuild();
    expect(s.remoteSources).toEqual(['https://example.com/tool-1.2.tar.gz']);
    expect(built(s.result)).toEqual([]);
    s.updateUpstream('https://example.com/tool-1.2.tar.gz');
    await s.settled();
    expect(built(s.result)).toEqual([3, 4, 5]);
    const add = s.result?.steps.find((x) => x.range.line === 3);
    expect(JSON.stringify(add?.reason)).toContain('https://example.com/tool-1.2.tar.gz');
    // The base image's digest is untouched: only the download changed.
    expect(s.input().images).toEqual({});
  });

  it('opens an example with its first build committed, so the prediction is all cached', async () => {
    const s = await opened();
    expect(s.history).toHaveLength(1);
    expect(s.history[0].totals.built).toBeGreaterThan(0);
    expect(built(s.result)).toEqual([]);
  });

  it('predicts only the last COPY after a source edit, and a commit makes it cached', async () => {
    const s = await opened();
    s.writeFile('app.py', (s.files['app.py'].data as string).replace('Helo', 'Hello'));
    await s.settled();
    expect(built(s.result)).toEqual([5]);
    await s.commitBuild();
    expect(built(s.result)).toEqual([]);
    expect(s.history.map((h) => h.totals.built)).toEqual([5, 1]);
  });

  it('touch changes nothing the cache sees; chmod +x does', async () => {
    const s = await opened();
    s.touch('app.py');
    await s.settled();
    expect(built(s.result)).toEqual([]);
    s.toggleExecutable('app.py');
    await s.settled();
    expect(built(s.result)).toEqual([5]);
    expect(s.files['app.py'].mode).toBe(0o755);
  });

  it('keeps committed texts so a miss can say how a file changed', async () => {
    const s = await opened();
    s.writeFile('requirements.txt', 'flask==3.0.3\ngunicorn==22.0.0\nrequests==2.32.3\n');
    await s.settled();
    const copy = s.result!.steps.find((x) => x.range.line === 3)!;
    expect(copy.reason.kind).toBe('files-changed');
    if (copy.reason.kind !== 'files-changed') return;
    const change = copy.reason.changes[0];
    expect(s.textOf(change.before)).toBe('flask==3.0.3\ngunicorn==22.0.0\n');
    expect(s.textOf(change.after)).toContain('requests');
  });

  it('a build arg reaches the engine and the history compares the two builds', async () => {
    const s = await opened('arg-and-dockerignore');
    s.setBuildArg('VERSION', '2');
    await s.commitBuild();
    const [a, b] = s.history;
    const diff = compareBuilds(a, b);
    expect(diff.map((d) => d.step.line)).toEqual([5, 6, 7]);
    expect(diff[0].why).toContain('ARG VERSION: 1 → 2');
    expect(diff[2].inherited).toBe(true);
  });

  it('the history says how a file changed between two builds, in lines', async () => {
    const s = await opened();
    s.writeFile('app.py', (s.files['app.py'].data as string) + '# one more line\n');
    await s.commitBuild();
    const [a, b] = s.history;
    const diff = compareBuilds(
      a,
      b,
      (path, before, after) =>
        `${path}: ${s.textOf(before) !== null && s.textOf(after) !== null ? 'texts known' : 'unknown'}`
    );
    expect(diff.map((d) => d.why)).toEqual([['app.py: texts known']]);
  });

  it('switching builders predicts against the other builder’s (empty) cache', async () => {
    const s = await opened();
    s.setBuilder('legacy');
    await s.settled();
    expect(s.result!.builder).toBe('legacy');
    expect(built(s.result).length).toBeGreaterThan(1);
  });

  it('refuses names that leave the context or already exist, and renames folders with their files', async () => {
    const s = await opened('go-multi-stage');
    expect(s.addFile('../escape.txt')).toMatch(/context/);
    expect(s.addFile('go.mod')).toMatch(/exists/);
    expect(s.addFile('go.mod/inner')).toMatch(/is a file/);
    expect(s.rename('cmd', 'app')).toBeNull();
    expect(Object.keys(s.files)).toContain('app/api/main.go');
    s.remove('app');
    expect(Object.keys(s.files).some((p) => p.startsWith('app/'))).toBe(false);
  });

  it('updated upstream gives the base image a new digest, and the FROM says so', async () => {
    const s = await opened();
    s.updateUpstream('python:3.12-slim');
    await s.settled();
    expect(s.result!.steps[0]).toMatchObject({ status: 'built', reason: { kind: 'base-image-changed' } });
  });

  it('a crashing engine keeps the last good result and reports the error', async () => {
    let fail = false;
    const engine = inlineEngine();
    const s = new Session({
      engine: { run: (i) => (fail ? Promise.resolve({ ok: false, message: 'boom' }) : engine.run(i)) }
    });
    await s.loadExample('python-deps-first');
    const good = s.result;
    fail = true;
    s.setDockerfile('FROM scratch\n');
    await s.settled();
    expect(s.engineError).toBe('boom');
    expect(s.result).toBe(good);
  });

  it('saves and restores everything, and binary uploads stay bytes', async () => {
    const s = await opened();
    s.importFiles([
      { path: 'logo.png', bytes: new Uint8Array([137, 80, 78, 71, 0, 1]) },
      { path: '<script>.txt', bytes: new TextEncoder().encode('hi') }
    ]);
    await s.commitBuild();
    const saved = structuredClone(s.toSaved());
    const t = new Session({ engine: inlineEngine() });
    t.restore(saved);
    await t.settled();
    expect(t.files['logo.png'].data).toBeInstanceOf(Uint8Array);
    expect(t.files['<script>.txt'].data).toBe('hi');
    expect(t.history).toHaveLength(2);
    expect(built(t.result)).toEqual([]);
  });
});
