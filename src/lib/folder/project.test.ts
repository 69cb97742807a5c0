import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readContext } from '../../cli/read-context';
import { build } from '../engine/index';
import type { BuildResult } from '../engine/types';
import { contextFiles } from '../model/workspace';
import { restoreSaved, toSaved } from '../state/saved.svelte';
import { Session } from '../state/session.svelte';
import { inlineEngine } from '../worker/compute';
import { inlineHasher } from './hasher';
import { memoryFolder } from './memory-handles';
import { assembleProject, dockerfileChoices, unreadButSent } from './project';
import { readFolder } from './reader';

const DOCKERFILE = `FROM node:20-alpine
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build
`;

const PROJECT: Record<string, string | Uint8Array> = {
  '.dockerignore': 'node_modules\n.git\n*.log\n',
  Dockerfile: DOCKERFILE,
  'package.json': '{"name":"app"}\n',
  'package-lock.json': '{}\n',
  'src/index.js': 'console.log("hi")\n',
  'public/logo.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]),
  'app.log': 'noise\n',
  'node_modules/a/index.js': 'x',
  'empty/': ''
};

async function opened(files = PROJECT, dockerfilePath: string | null = 'Dockerfile') {
  const { root, touches } = memoryFolder('shop', files);
  const read = await readFolder(root, { hasher: inlineHasher() });
  return { read, touches, project: assembleProject(read, { dockerfilePath, via: 'picker', stashed: false }) };
}

const statuses = (r: BuildResult | null) => (r?.steps ?? []).map((s) => s.status);
const keys = (r: BuildResult) => r.steps.map((s) => s.cacheKey);

describe('assembleProject', () => {
  it('opens the Dockerfile in the editor, keeps text editable, binaries as digests, and marks what was never read', async () => {
    const { project } = await opened();
    expect(project.dockerfile).toBe(DOCKERFILE);
    expect(project.dockerfilePath).toBe('Dockerfile');
    expect(project.files).not.toHaveProperty('Dockerfile');
    expect(project.files['src/index.js']).toMatchObject({ data: 'console.log("hi")\n', mode: 0o644 });
    expect(project.files['public/logo.png']).toMatchObject({ data: null, digestOnly: 'binary', size: 8 });
    expect(project.files['app.log']).toMatchObject({ data: null, unread: true });
    expect(project.files['node_modules']).toMatchObject({ dir: true, unread: true, mode: 0o755 });
    expect(project.files['empty']).toMatchObject({ dir: true });
    expect(project.files['empty'].unread).toBeUndefined();
    expect(project.info).toMatchObject({
      read: 6,
      text: 4,
      digestOnly: 1,
      excluded: 1,
      skippedDirs: 1,
      problemCount: 0
    });
  });

  it('opens an empty Dockerfile at the root when the folder has none', async () => {
    const files = { ...PROJECT };
    delete files.Dockerfile;
    const { read, project } = await opened(files, null);
    expect(dockerfileChoices(read)).toEqual([]);
    expect(project).toMatchObject({ dockerfile: '', dockerfilePath: 'Dockerfile' });
  });

  it('predicts what the CLI predicts for the same directory on disk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'layerlab-folder-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    for (const [p, data] of Object.entries(PROJECT)) {
      const abs = join(dir, p);
      mkdirSync(p.endsWith('/') ? abs : dirname(abs), { recursive: true });
      if (!p.endsWith('/')) writeFileSync(abs, data);
    }
    // What browsers assume, made true on disk: the CLI reads real modes.
    for (const d of ['', 'src', 'public', 'node_modules', 'node_modules/a', 'empty'])
      chmodSync(join(dir, d), 0o755);
    for (const p of Object.keys(PROJECT)) if (!p.endsWith('/')) chmodSync(join(dir, p), 0o644);

    const cli = readContext({ root: dir, dockerfilePath: 'Dockerfile', builder: 'buildkit' });
    const fromCli = build({ dockerfile: DOCKERFILE, context: { files: cli.files } });
    const { project } = await opened();
    const ws = { dockerfile: project.dockerfile, files: project.files, buildArgs: {} };
    const fromBrowser = build({
      dockerfile: DOCKERFILE,
      dockerfilePath: 'Dockerfile',
      context: { files: contextFiles(ws) }
    });
    expect(keys(fromBrowser)).toEqual(keys(fromCli));
    expect(fromBrowser.context).toEqual(fromCli.context);
  });
});

describe('a Session holding a folder', () => {
  it('starts from an empty cache; after a build, a source edit rebuilds only from COPY . .', async () => {
    const { project } = await opened();
    const s = new Session({ engine: inlineEngine() });
    await s.loadExample('python-deps-first');
    s.openProject(project);
    await s.prediction.settled();
    expect(s.daemon.history).toEqual([]);
    expect(statuses(s.prediction.result)).toEqual(['built', 'built', 'built', 'built', 'built', 'built']);
    await s.commitBuild();
    s.workspace.writeFile('src/index.js', 'console.log("hello")\n');
    await s.prediction.settled();
    expect(statuses(s.prediction.result)).toEqual(['cached', 'cached', 'cached', 'cached', 'built', 'built']);
    // A file known only by digest is part of the context like any other.
    expect(s.prediction.digests['public/logo.png']).toMatch(/^sha256:/);
  });

  it('builds a Dockerfile that is not at the root with -f, and its own ignore file', async () => {
    const { project } = await opened(
      {
        'docker/api.Dockerfile': 'FROM alpine\nCOPY . /src\n',
        'docker/api.Dockerfile.dockerignore': 'secrets\n',
        'secrets/key': 'k',
        'main.go': 'package main\n'
      },
      'docker/api.Dockerfile'
    );
    const s = new Session({ engine: inlineEngine() });
    s.openProject(project);
    await s.prediction.settled();
    expect(s.input().dockerfilePath).toBe('docker/api.Dockerfile');
    expect(s.prediction.result?.context.excluded.map((e) => e.path)).toEqual(['secrets/key']);
    // The legacy builder ignores Dockerfile-specific ignore files and sends it: that is why it was read.
    s.options.setBuilder('legacy');
    await s.prediction.settled();
    expect(s.prediction.result?.context.excluded).toEqual([]);
    s.workspace.open('docker/api.Dockerfile');
    expect(s.workspace.active).toBe('Dockerfile');
  });

  it('an example afterwards is an example again: the folder and its -f are gone', async () => {
    const { project } = await opened();
    const s = new Session({ engine: inlineEngine() });
    s.openProject({ ...project, dockerfilePath: 'build/Dockerfile' });
    await s.loadExample('python-deps-first');
    expect(s.workspace.project).toBeNull();
    expect(s.workspace.dockerfilePath).toBe('Dockerfile');
  });

  it('saves and restores the folder with its -f', async () => {
    const { project } = await opened();
    const s = new Session({ engine: inlineEngine() });
    s.openProject({ ...project, dockerfilePath: 'build/Dockerfile' });
    const t = new Session({ engine: inlineEngine() });
    restoreSaved(t, structuredClone(toSaved(s)));
    expect(t.workspace.project?.name).toBe('shop');
    expect(t.workspace.dockerfilePath).toBe('build/Dockerfile');
  });
});

describe('unreadButSent', () => {
  it('names what was excluded at opening and is sent now', async () => {
    const { project } = await opened();
    expect(unreadButSent(project.files, 'Dockerfile', 'buildkit')).toEqual([]);
    const files = {
      ...project.files,
      '.dockerignore': { ...project.files['.dockerignore'], data: '.git\n' }
    };
    expect(unreadButSent(files, 'Dockerfile', 'buildkit').sort()).toEqual(['app.log', 'node_modules']);
    const except = {
      ...project.files,
      '.dockerignore': { ...project.files['.dockerignore'], data: 'node_modules\n*.log\n!node_modules/a\n' }
    };
    expect(unreadButSent(except, 'Dockerfile', 'buildkit')).toEqual(['node_modules']);
  });
});
