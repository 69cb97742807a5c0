import { describe, expect, it } from 'vitest';
import { build } from '../engine/index';
import { pythonDepsFirst } from '../model/examples/python';
import { argAndIgnoreSurprises } from '../model/examples/surprises';
import { applyEdit, buildInputOf, workspaceOf } from '../model/workspace';
import { inlineEngine } from '../worker/compute';
import { Session } from '../state/session.svelte';
import { describeReason, formatSeconds, rootCauseOf } from './reason-text';

const noText = { textOf: () => null };

describe('describeReason', () => {
  it('says how a dependency file changed, in lines', async () => {
    const s = new Session({ engine: inlineEngine() });
    await s.loadExample(pythonDepsFirst.slug);
    s.applyTry(pythonDepsFirst.tries[1]);
    await s.prediction.settled();
    const [copy, run, last] = s.prediction.result!.steps.filter((x) => x.status === 'built');
    expect(describeReason(copy, s.daemon)).toBe('requirements.txt changed: 1 line added');
    expect(describeReason(run, s.daemon)).toBe('parent step rebuilt (line 3)');
    expect(rootCauseOf(last)).toBe(copy.id);
  });

  it('names the ARG, both values and that every later RUN uses it', () => {
    const ws = workspaceOf(argAndIgnoreSurprises);
    const first = build(buildInputOf(ws));
    const r = build(
      buildInputOf(applyEdit(ws, { kind: 'build-arg', name: 'VERSION', value: '2' }), { cache: first.cache })
    );
    const run = r.steps.find((x) => x.range.line === 5)!;
    expect(describeReason(run, noText)).toBe('ARG VERSION changed 1 → 2; every RUN after the ARG uses it');
  });

  it('says a mode change is a change', () => {
    const ws = workspaceOf(argAndIgnoreSurprises);
    const first = build(buildInputOf(ws));
    const r = build(
      buildInputOf(applyEdit(ws, { kind: 'chmod', path: 'app.sh', mode: 0o755 }), { cache: first.cache })
    );
    expect(
      describeReason(
        r.steps.find((x) => x.range.line === 7)!,
        noText
      )
    ).toBe('app.sh mode changed 644 → 755');
  });

  it('formats durations for people', () => {
    expect(formatSeconds(1.34)).toBe('1.3 s');
    expect(formatSeconds(45.3)).toBe('45 s');
    expect(formatSeconds(125)).toBe('2 min 5 s');
    expect(formatSeconds(119.7)).toBe('2 min');
  });
});
