import { describe, expect, it } from 'vitest';
import type { SavedSession } from '../model/saved-session';
import { restoreSaved, toSaved } from '../state/saved.svelte';
import { Session } from '../state/session.svelte';
import { inlineEngine } from '../worker/compute';
import { inlineAnalysis } from '../worker/analyse';
import { Analysis } from './analysis.svelte';

async function opened(slug = 'python-deps-first') {
  let t = 1000;
  const session = new Session({ engine: inlineEngine(), now: () => t++ });
  await session.loadExample(slug);
  return { session, analysis: new Analysis(session, inlineAnalysis(), () => 42) };
}

const stepAt = (s: Session, line: number) => s.prediction.result!.steps.find((x) => x.range.line === line)!;

const log = `#1 [internal] load build definition from Dockerfile
#1 DONE 0.1s

#4 [1/5] FROM docker.io/library/python:3.12-slim
#4 CACHED

#5 [2/5] WORKDIR /app
#5 CACHED

#6 [3/5] COPY requirements.txt .
#6 DONE 0.2s

#7 [4/5] RUN pip install --no-cache-dir -r requirements.txt
#7 DONE 31.4s

#8 [5/5] COPY . .
#8 DONE 0.3s

#9 exporting to image
#9 DONE 1.8s
`;

describe('timing in the session', () => {
  it('a figure set on a step changes the prediction, says so in the basis, and resets', async () => {
    const { session } = await opened();
    session.timing.setStepSeconds(4, 12);
    await session.prediction.settled();
    expect(stepAt(session, 4).fullSeconds).toBe(12);
    expect(stepAt(session, 4).estimateBasis).toBe('12 s set by you in the page');
    expect(session.timing.timingSource(4)).toBe('set');
    session.timing.setStepSeconds(4, null);
    await session.prediction.settled();
    expect(stepAt(session, 4).fullSeconds).toBe(45.2);
    expect(session.timing.timingSource(4)).toBeNull();
  });

  it('a calibration from a pasted log becomes the costs of every prediction, and is saved with the session', async () => {
    const { session, analysis } = await opened();
    expect(await analysis.calibrate(log, 'pasted log')).toBeNull();
    await session.prediction.settled();
    expect(stepAt(session, 4).fullSeconds).toBe(31.4);
    expect(stepAt(session, 4).estimateBasis).toMatch(/measured in your build log/);
    expect(session.timing.settings.calibration?.byKey['WORKDIR /app'].status).toBe('cached');
    expect(session.timing.settings.calibration?.figures.export).toBe(1.8);

    const saved = JSON.parse(JSON.stringify(toSaved(session))) as SavedSession;
    const again = new Session({ engine: inlineEngine() });
    restoreSaved(again, saved);
    await again.prediction.settled();
    expect(stepAt(again, 4).fullSeconds).toBe(31.4);

    session.timing.setCalibration(null);
    await session.prediction.settled();
    expect(stepAt(session, 4).fullSeconds).toBe(45.2);
  });

  it('refuses text that is not a build log and keeps what it had', async () => {
    const { session, analysis } = await opened();
    expect(await analysis.calibrate('hello world', 'pasted log')).toMatch(/does not look like/);
    expect(await analysis.calibrate('   ', 'pasted log')).toBe('The log is empty.');
    expect(session.timing.settings.calibration).toBeNull();
  });

  it('loading another example forgets the figures', async () => {
    const { session } = await opened();
    session.timing.setStepSeconds(4, 12);
    await session.loadExample('node-lockfile');
    expect(session.timing.settings.overrides).toEqual({});
    expect(session.timing.compare).toBeNull();
  });
});

describe('the advisor in the page', () => {
  it('applies a proposal to the Dockerfile and undoes it', async () => {
    const { session, analysis } = await opened('python-source-first');
    const before = session.workspace.dockerfile;
    await analysis.refreshAdvice();
    expect(analysis.adviceCurrent).toBe(true);
    const p = analysis.advice!.proposals[0];
    expect(p.saving.seconds).toBeGreaterThan(100);
    analysis.apply(p);
    expect(session.workspace.dockerfile).toBe(p.dockerfile);
    expect(analysis.canUndo).toBe(true);
    // The advice was for the old text: nothing more is applied until it is fresh.
    expect(analysis.adviceCurrent).toBe(false);
    analysis.undo();
    expect(session.workspace.dockerfile).toBe(before);
    expect(analysis.canUndo).toBe(false);
  });

  it('offers no undo once the person edits the rewrite further', async () => {
    const { session, analysis } = await opened('python-source-first');
    await analysis.refreshAdvice();
    analysis.apply(analysis.advice!.proposals[0]);
    session.workspace.setDockerfile(session.workspace.dockerfile + 'EXPOSE 80\n');
    expect(analysis.canUndo).toBe(false);
  });
});

describe('the compare view', () => {
  it('the seed pair: about 2 s against about 45 s per source edit, some 20x', async () => {
    const { analysis } = await opened();
    analysis.openSeed();
    await analysis.refreshComparison();
    const source = analysis.comparison!.byKind.find((k) => k.kind === 'source')!;
    expect(source.a).toBeGreaterThan(1);
    expect(source.a).toBeLessThan(3);
    expect(source.b).toBeGreaterThan(40);
    expect(source.b).toBeLessThan(50);
    expect(source.ratio).toBeGreaterThan(15);
    expect(source.ratio).toBeLessThan(30);
  });

  it('opens on the playground with the advisor’s best proposal as B, and the day is saved', async () => {
    const { session, analysis } = await opened('python-source-first');
    await analysis.openCompare();
    await analysis.refreshAdvice();
    expect(analysis.pair.a).toBe(session.workspace.dockerfile);
    expect(analysis.pair.b).toBe(analysis.advice!.proposals[0].dockerfile);
    analysis.edit({
      day: { version: 1, builds: [{ label: 'typo', edits: [{ kind: 'source' }], repeat: 3 }] }
    });
    await analysis.refreshComparison();
    expect(analysis.comparison!.builds).toHaveLength(3);
    expect(analysis.comparison!.totals.faster).toBe('b');
    expect(toSaved(session).compare?.day?.builds[0].repeat).toBe(3);
  });

  it('waits for an advisor run already under way rather than settling for a copy of A', async () => {
    const { session, analysis } = await opened('python-source-first');
    const running = analysis.refreshAdvice();
    await analysis.openCompare();
    await running;
    expect(session.timing.compare?.b).toBe(analysis.advice!.proposals[0].dockerfile);
  });

  it('falls back to a copy of A when the advisor has nothing to propose', async () => {
    const { session, analysis } = await opened('java-maven');
    await analysis.openCompare();
    expect(session.timing.compare?.b).toBe(session.workspace.dockerfile);
  });
});
