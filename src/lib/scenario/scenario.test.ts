import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { predictScenario } from '../engine/index';
import { Session } from '../state/session.svelte';
import { inlineEngine } from '../worker/compute';
import { compareRecording } from './compare';
import { parseRecording, parseScenario } from './schema';
import { exportScenario, importScenario } from './session-scenario';

const oracle = join(import.meta.dirname, '..', '..', '..', 'tests', 'oracle');
const read = (dir: string, name: string) => readFileSync(join(oracle, dir, `${name}.json`), 'utf8');

async function opened(): Promise<Session> {
  let t = 1;
  const s = new Session({ engine: inlineEngine(), now: () => (t += 3) });
  await s.loadExample('python-deps-first');
  return s;
}

describe('scenario export and import', () => {
  it('exports edits, a touch, a chmod, an arg, --no-cache and an upstream update, and imports them back', async () => {
    const s = await opened();
    s.workspace.writeFile('app.py', 'print(1)\n');
    await s.commitBuild();
    s.workspace.touch('requirements.txt');
    s.workspace.toggleExecutable('app.py');
    await s.commitBuild();
    s.options.setNoCache(true);
    s.options.updateUpstream('python:3.12-slim');
    s.workspace.remove('README.md');
    await s.commitBuild();
    const a = exportScenario(s.daemon.history, s.daemon.contents, 'round trip');
    expect(a.warnings).toEqual([]);
    const builds = a.scenario!.builds!;
    expect(builds).toHaveLength(4);
    expect(builds[1].edit).toEqual({ 'app.py': 'print(1)\n' });
    expect(builds[2].edit).toEqual({ 'requirements.txt': 'flask==3.0.3\ngunicorn==22.0.0\n' });
    expect(builds[2].modes).toEqual({ 'app.py': '755' });
    expect(builds[3]).toMatchObject({
      noCache: true,
      images: { 'python:3.12-slim': '2' },
      edit: { 'README.md': null }
    });

    const t = new Session({ engine: inlineEngine() });
    expect(await importScenario(t, a.scenario!)).toEqual([]);
    expect(t.daemon.history.map((h) => h.totals.built)).toEqual(s.daemon.history.map((h) => h.totals.built));
    const b = exportScenario(t.daemon.history, t.daemon.contents, 'round trip');
    expect(b.scenario).toEqual({
      ...a.scenario,
      builds: builds.map((x, i) => ({ ...x, label: x.label ?? `build ${i + 1}` }))
    });
  });

  it('keeps a Dockerfile that is not at the context root where it is (-f), both ways', async () => {
    let t = 1;
    const s = new Session({ engine: inlineEngine(), now: () => (t += 3) });
    s.openProject({
      info: {
        name: 'proj',
        via: 'picker',
        read: 2,
        bytes: 20,
        text: 2,
        digestOnly: 0,
        excluded: 0,
        skippedDirs: 0,
        problems: [],
        problemCount: 0,
        truncated: false,
        dockerfiles: ['docker/Dockerfile'],
        stashed: false
      },
      dockerfile: 'FROM alpine:3.20\nCOPY . /src\n',
      dockerfilePath: 'docker/Dockerfile',
      files: { 'app.py': { data: 'print(1)\n', mode: 0o644, mtime: 1 } }
    });
    await s.commitBuild();
    s.workspace.writeFile('app.py', 'print(2)\n');
    await s.commitBuild();
    const a = exportScenario(s.daemon.history, s.daemon.contents, 'nested', s.workspace.dockerfilePath);
    expect(a.warnings).toEqual([]);
    expect(Object.keys(a.scenario!.files).sort()).toEqual(['app.py', 'docker/Dockerfile']);
    expect(a.scenario!.builds!.map((b) => b.dockerfile)).toEqual(['docker/Dockerfile', 'docker/Dockerfile']);
    // Replayed as the oracle's daemon would run it: found at -f, and the app.py edit rebuilds the COPY.
    const predicted = predictScenario(a.scenario!, 'buildkit');
    // The harness tags only what a root Dockerfile names: the export names the images itself.
    expect(a.scenario!.images).toEqual({ 'alpine:3.20': '1' });
    expect(predicted.builds.map((b) => [b.error, b.steps.map((x) => x.cached)])).toEqual([
      [undefined, [false, false]],
      [undefined, [true, false]]
    ]);

    const back = new Session({ engine: inlineEngine() });
    expect(await importScenario(back, a.scenario!)).toEqual([]);
    expect(back.workspace.dockerfilePath).toBe('docker/Dockerfile');
    expect(Object.keys(back.workspace.files)).toEqual(['app.py']);
    expect(back.daemon.history.map((h) => h.totals.built)).toEqual(
      s.daemon.history.map((h) => h.totals.built)
    );
  });

  it('replays a recorded scenario with the same statuses the engine predicts for it', async () => {
    const sc = parseScenario(read('scenarios', 'pip-requirements-before-source'));
    expect(sc.ok).toBe(true);
    if (!sc.ok) return;
    const t = new Session({ engine: inlineEngine() });
    await importScenario(t, sc.value);
    expect(t.daemon.history.map((h) => h.input?.label)).toEqual(sc.value.builds!.map((b) => b.label));
  });

  it('puts a recording beside the prediction, step by step', () => {
    const sc = parseScenario(read('scenarios', 'no-cache-flag'));
    const rec = parseRecording(read('recordings', 'no-cache-flag'));
    if (!sc.ok || !rec.ok) throw new Error('unreadable');
    const rows = compareRecording(rec.value, 'buildkit', predictScenario(sc.value, 'buildkit'));
    expect(rows.every((b) => b.agree)).toBe(true);
    expect(rows[1].rows[0]).toMatchObject({
      instruction: 'WORKDIR /app',
      daemon: 'cached',
      engine: 'cached'
    });
    const wrong = compareRecording(rec.value, 'buildkit', { builds: [] });
    expect(wrong.every((b) => !b.agree)).toBe(true);
  });

  it('refuses files that are not scenarios, with the field that is wrong', () => {
    const r = parseScenario('{"files": {"../x": "a"}}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/files/);
    expect(parseRecording('nope').ok).toBe(false);
  });
});
