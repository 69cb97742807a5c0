/**
 * Geometry of the cumulative-time chart, kept out of the component so it can
 * be tested: "nice" axis ticks and the points of each line.
 */

/** Ticks from 0 to at least `max` at a round step (1, 2 or 5 times a power of ten), about `count` of them. */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let v = 0; v < max + step - 1e-9; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  return ticks;
}

export interface Frame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Ticks for seconds: whole minutes once the day runs past a couple of minutes. */
export function timeTicks(max: number): number[] {
  return chartUnit(max) === 'min'
    ? niceTicks(max / 60).map((t) => Math.round(t * 60 * 1e6) / 1e6)
    : niceTicks(max);
}

/** The unit a chart counts in, from its top tick: minutes past a couple of minutes. */
export function chartUnit(top: number): 's' | 'min' {
  return top > 150 ? 'min' : 's';
}

/** A compact time in the chart's unit: "2.1 s", "47 s", "9.5 min", "12 min". */
export function shortTime(s: number, unit: 's' | 'min'): string {
  if (unit === 's') return `${s < 10 ? Math.round(s * 10) / 10 : Math.round(s)} s`;
  const m = s / 60;
  return `${m < 10 ? Math.round(m * 10) / 10 : Math.round(m)} min`;
}

/** Maps build numbers (0 = the start of the day) and seconds to SVG coordinates. */
export function scales(frame: Frame, builds: number, top: number) {
  const w = frame.width - frame.left - frame.right;
  const h = frame.height - frame.top - frame.bottom;
  return {
    x: (n: number) => frame.left + (builds > 0 ? (n / builds) * w : 0),
    y: (s: number) => frame.top + h - (top > 0 ? (s / top) * h : 0)
  };
}

/** An SVG polyline's points for cumulative seconds, starting at 0 before the first build. */
export function linePoints(cumulative: number[], x: (n: number) => number, y: (s: number) => number): string {
  return [0, ...cumulative].map((s, n) => `${x(n).toFixed(1)},${y(s).toFixed(1)}`).join(' ');
}

/** "22.5×", or null when there is nothing to divide. */
export function times(ratio: number | null): string | null {
  return ratio === null ? null : `${ratio}×`;
}
