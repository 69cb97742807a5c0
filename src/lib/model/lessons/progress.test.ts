import { describe, expect, it } from 'vitest';
import { build } from '../../engine/index';
import { buildInputFor } from '../build-input';
import { applyAction, setupWorld } from './actions';
import { multiStage } from './builtin/multi-stage';
import { revealedOf, scoreOf } from './progress';

describe('what a revealed build shows', () => {
  const w = setupWorld(multiStage);
  const first = build(buildInputFor(w.ws, w.settings, null));
  const edited = applyAction(w, multiStage.steps[0].task!.actions[0], 1);
  const r = build(buildInputFor(edited.ws, edited.settings, first.cache));
  const shown = revealedOf(r, edited.ws.dockerfile);

  it('lists the stage BuildKit does not build, as skipped, in file order', () => {
    expect(shown.steps.map((s) => [s.line, s.status])).toEqual([
      [1, 'cached'],
      [2, 'cached'],
      [3, 'cached'],
      [4, 'cached'],
      [5, 'cached'],
      [6, 'cached'],
      [8, 'skipped'],
      [9, 'skipped'],
      [11, 'cached'],
      [12, 'cached']
    ]);
    expect(shown.steps.find((s) => s.line === 9)?.instruction).toBe('RUN go test -race ./...');
  });

  it('scores a guess right when a marked step rebuilt and an unmarked one did not', () => {
    expect(scoreOf(shown, [])).toMatchObject({ right: 10, total: 10 });
    expect(scoreOf(shown, [9, 12])).toMatchObject({
      right: 8,
      total: 10,
      byLine: { 9: false, 12: false, 1: true }
    });
  });
});
