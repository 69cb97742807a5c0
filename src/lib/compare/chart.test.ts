import { describe, expect, it } from 'vitest';
import { chartUnit, linePoints, niceTicks, scales, shortTime, timeTicks, times } from './chart';

describe('chart geometry', () => {
  it('ticks at round steps up to at least the largest value', () => {
    expect(niceTicks(571.3)).toEqual([0, 200, 400, 600]);
    expect(niceTicks(119.7)).toEqual([0, 50, 100, 150]);
    expect(niceTicks(4, 4)).toEqual([0, 1, 2, 3, 4]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });

  it('counts in minutes once the day is long, and labels them short', () => {
    expect(timeTicks(571.3)).toEqual([0, 120, 240, 360, 480, 600]);
    expect(timeTicks(119.7)).toEqual([0, 50, 100, 150]);
    expect([chartUnit(150), chartUnit(600)]).toEqual(['s', 'min']);
    expect([0, 2.06, 47.3, 119.7].map((t) => shortTime(t, 's'))).toEqual(['0 s', '2.1 s', '47 s', '120 s']);
    expect([0, 119.7, 571.3, 3600].map((t) => shortTime(t, 'min'))).toEqual([
      '0 min',
      '2 min',
      '9.5 min',
      '60 min'
    ]);
  });

  it('places the day from its start at the left to the last build at the right', () => {
    const { x, y } = scales({ width: 200, height: 100, left: 20, right: 10, top: 10, bottom: 20 }, 4, 80);
    expect([x(0), x(4)]).toEqual([20, 190]);
    expect([y(0), y(80)]).toEqual([80, 10]);
    expect(linePoints([40, 80], x, y)).toBe('20.0,80.0 62.5,45.0 105.0,10.0');
  });

  it('says how many times slower, or nothing for a zero', () => {
    expect(times(22.5)).toBe('22.5×');
    expect(times(null)).toBeNull();
  });
});
