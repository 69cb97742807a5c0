import { describe, expect, it } from 'vitest';
import type { BuildResult } from '../engine/types';
import { inlineEngine } from '../worker/compute';
import { compareBuilds } from '../model/history';
import { restoreSaved, toSaved } from './saved.svelte';
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
    s.workspace.setDockerfile(
      'FROM alpine:3.20\nARG V=1.2\nADD https://example.com/tool-${V}.tar.gz /opt/\nRUN ls /opt\nCOPY app.py .\n'
    );
    await s.commitBuild();
    expect(s.prediction.remoteSources).toEqual(['https://example.com/tool-1.2.tar.gz']);
    expect(built(s.prediction.result)).toEqual([]);
    s.options.updateUpstream('https://example.com/tool-1.2.tar.gz');
    await s.prediction.settled();
    expect(built(s.prediction.result)).toEqual([3, 4, 5]);
    const add = s.prediction.result?.steps.find((x) => x.range.line === 3);
    expect(JSON.stringify(add?.reason)).toContain('https://example.com/tool-1.2.tar.gz');
    // The base image's digest is untouched: only the download changed.
    expect(s.input().images).toEqual({});
  });

  it('opens an example with its first build committed, so the prediction is all cached', async () => {
    const s = await opened();
    expect(s.daemon.history).toHaveLength(1);
    expect(s.daemon.history[0].totals.built).toBeGreaterThan(0);
    expect(built(s.prediction.result)).toEqual([]);
  });

  it('predicts only the last COPY after a source edit, and a commit makes it cached', async () => {
    const s = await opened();
    s.workspace.writeFile('app.py', (s.workspace.files['app.py'].data as string).replace('Helo', 'Hello'));
    await s.prediction.settled();
    expect(built(s.prediction.result)).toEqual([5]);
    await s.commitBuild();
    expect(built(s.prediction.result)).toEqual([]);
    expect(s.daemon.history.map((h) => h.totals.built)).toEqual([5, 1]);
  });

  it('touch changes nothing the cache sees; chmod +x does', async () => {
    const s = await opened();
    s.workspace.touch('app.py');
    await s.prediction.settled();
    expect(built(s.prediction.result)).toEqual([]);
    s.workspace.toggleExecutable('app.py');
    await s.prediction.settled();
    expect(built(s.prediction.result)).toEqual([5]);
    expect(s.workspace.files['app.py'].mode).toBe(0o755);
  });

  it('keeps committed texts so a miss can say how a file changed', async () => {
    const s = await opened();
    s.workspace.writeFile('requirements.txt', 'flask==3.0.3\ngunicorn==22.0.0\nrequests==2.32.3\n');
    await s.prediction.settled();
    const copy = s.prediction.result!.steps.find((x) => x.range.line === 3)!;
    expect(copy.reason.kind).toBe('files-changed');
    if (copy.reason.kind !== 'files-changed') return;
    const change = copy.reason.changes[0];
    expect(s.daemon.textOf(change.before)).toBe('flask==3.0.3\ngunicorn==22.0.0\n');
    expect(s.daemon.textOf(change.after)).toContain('requests');
  });

  it('a build arg reaches the engine and the history compares the two builds', async () => {
    const s = await opened('arg-and-dockerignore');
    s.options.setBuildArg('VERSION', '2');
    await s.commitBuild();
    const [a, b] = s.daemon.history;
    const diff = compareBuilds(a, b);
    expect(diff.map((d) => d.step.line)).toEqual([5, 6, 7]);
    expect(diff[0].why).toContain('ARG VERSION: 1 → 2');
    expect(diff[2].inherited).toBe(true);
  });

  it('the history says how a file changed between two builds, in lines', async () => {
    const s = await opened();
    s.workspace.writeFile('app.py', (s.workspace.files['app.py'].data as string) + '# one more line\n');
    await s.commitBuild();
    const [a, b] = s.daemon.history;
    const diff = compareBuilds(
      a,
      b,
      (path, before, after) =>
        `${path}: ${s.daemon.textOf(before) !== null && s.daemon.textOf(after) !== null ? 'texts known' : 'unknown'}`
    );
    expect(diff.map((d) => d.why)).toEqual([['app.py: texts known']]);
  });

  it('switching builders predicts against the other builder’s (empty) cache', async () => {
    const s = await opened();
    s.options.setBuilder('legacy');
    await s.prediction.settled();
    expect(s.prediction.result!.builder).toBe('legacy');
    expect(built(s.prediction.result).length).toBeGreaterThan(1);
  });

  it('refuses names that leave the context or already exist, and renames folders with their files', async () => {
    const s = await opened('go-multi-stage');
    expect(s.workspace.addFile('../escape.txt')).toMatch(/context/);
    expect(s.workspace.addFile('go.mod')).toMatch(/exists/);
    expect(s.workspace.addFile('go.mod/inner')).toMatch(/is a file/);
    expect(s.workspace.rename('cmd', 'app')).toBeNull();
    expect(Object.keys(s.workspace.files)).toContain('app/api/main.go');
    s.workspace.remove('app');
    expect(Object.keys(s.workspace.files).some((p) => p.startsWith('app/'))).toBe(false);
  });

  it('updated upstream gives the base image a new digest, and the FROM says so', async () => {
    const s = await opened();
    s.options.updateUpstream('python:3.12-slim');
    await s.prediction.settled();
    expect(s.prediction.result!.steps[0]).toMatchObject({
      status: 'built',
      reason: { kind: 'base-image-changed' }
    });
  });

  it('a crashing engine keeps the last good result and reports the error', async () => {
    let fail = false;
    const engine = inlineEngine();
    const s = new Session({
      engine: { run: (i) => (fail ? Promise.resolve({ ok: false, message: 'boom' }) : engine.run(i)) }
    });
    await s.loadExample('python-deps-first');
    const good = s.prediction.result;
    fail = true;
    s.workspace.setDockerfile('FROM scratch\n');
    await s.prediction.settled();
    expect(s.prediction.error).toBe('boom');
    expect(s.prediction.result).toBe(good);
  });

  it('saves and restores everything, and binary uploads stay bytes', async () => {
    const s = await opened();
    s.workspace.importFiles([
      { path: 'logo.png', bytes: new Uint8Array([137, 80, 78, 71, 0, 1]) },
      { path: '<script>.txt', bytes: new TextEncoder().encode('hi') }
    ]);
    await s.commitBuild();
    const saved = structuredClone(toSaved(s));
    const t = new Session({ engine: inlineEngine() });
    restoreSaved(t, saved);
    await t.prediction.settled();
    expect(t.workspace.files['logo.png'].data).toBeInstanceOf(Uint8Array);
    expect(t.workspace.files['<script>.txt'].data).toBe('hi');
    expect(t.daemon.history).toHaveLength(2);
    expect(built(t.prediction.result)).toEqual([]);
  });
});
