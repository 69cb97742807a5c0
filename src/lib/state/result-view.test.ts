import { describe, expect, it } from 'vitest';
import type { BuildResult } from '../engine/types';
import { inlineEngine } from '../worker/compute';
import { Session } from './session.svelte';

const built = (r: BuildResult | null) =>
  (r?.steps ?? []).filter((s) => s.status === 'built').map((s) => s.range.line);

/** The first example, its first build committed, then app.py edited: line 5 would rebuild. */
async function edited(): Promise<Session> {
  let t = 1000;
  const s = new Session({ engine: inlineEngine(), now: () => t++ });
  await s.loadExample('python-deps-first');
  s.workspace.writeFile('app.py', (s.workspace.files['app.py'].data as string) + '\n# fix\n');
  await s.prediction.settled();
  return s;
}

describe('ResultView', () => {
  it('shows the prediction after the app commits a build on its own (opening an example)', async () => {
    let t = 1;
    const s = new Session({ engine: inlineEngine(), now: () => t++ });
    await s.loadExample('python-deps-first');
    expect(s.view.mode).toBe('prediction');
    expect(s.view.result).toBe(s.prediction.result);
  });

  it('after a build the person ran, shows that build, not the all-cached prediction', async () => {
    const s = await edited();
    const ran = await s.view.run();
    expect(ran).not.toBeNull();
    expect(s.view.mode).toBe('last-build');
    expect(built(s.view.result)).toEqual([5]);
    expect(built(s.prediction.result)).toEqual([]);
    expect(s.view.progress).toContain('[5/5] COPY . .');
    expect(s.view.progress).not.toBe(s.prediction.progress);
  });

  it.each<[string, (s: Session) => void]>([
    ['a file edit', (s) => s.workspace.writeFile('app.py', 'print(1)\n')],
    ['a Dockerfile edit', (s) => s.workspace.setDockerfile(s.workspace.dockerfile + 'RUN true\n')],
    ['touch (a new mtime)', (s) => s.workspace.touch('app.py')],
    ['a build arg', (s) => s.options.setBuildArg('X', '1')],
    ['the builder', (s) => s.options.setBuilder('legacy')],
    ['--no-cache', (s) => s.options.setNoCache(true)],
    ['an updated base image', (s) => s.options.updateUpstream('python:3.12-slim')],
    ['a step’s seconds', (s) => s.timing.setStepSeconds(4, 99)],
    ['clearing the cache', (s) => s.daemon.clearCache()]
  ])('goes back to the prediction after %s', async (_, change) => {
    const s = await edited();
    await s.view.run();
    change(s);
    await s.prediction.settled();
    expect(s.view.mode).toBe('prediction');
    expect(s.view.result).toBe(s.prediction.result);
    expect(s.view.progress).toBe(s.prediction.progress);
  });

  it('stays on the last build for what the build does not see: tabs and the theme', async () => {
    const s = await edited();
    await s.view.run();
    s.workspace.open('requirements.txt');
    s.theme = 'dark';
    expect(s.view.mode).toBe('last-build');
  });

  it('a Dockerfile edit undone brings the last build back: the input is again what was built', async () => {
    const s = await edited();
    await s.view.run();
    const text = s.workspace.dockerfile;
    s.workspace.setDockerfile(text + '# x\n');
    expect(s.view.mode).toBe('prediction');
    s.workspace.setDockerfile(text);
    expect(s.view.mode).toBe('last-build');
  });

  it('lets the person look at the next build and back while the last build is current', async () => {
    const s = await edited();
    await s.view.run();
    s.view.show('prediction');
    expect(s.view.mode).toBe('prediction');
    expect(built(s.view.result)).toEqual([]);
    s.view.show('last-build');
    expect(built(s.view.result)).toEqual([5]);
    // The next build the person runs is shown again, whatever they last looked at.
    s.view.show('prediction');
    s.workspace.writeFile('app.py', 'print(2)\n');
    await s.view.run();
    expect(s.view.mode).toBe('last-build');
  });

  it('shows nothing new when the build could not run', async () => {
    const s = await edited();
    s.workspace.setDockerfile('FROM alpine\n');
    await s.prediction.settled();
    // A failing engine: the commit is refused and the prediction stays.
    s.prediction.error = 'boom';
    expect(await s.view.run()).toBeNull();
    expect(s.view.mode).toBe('prediction');
  });
});
