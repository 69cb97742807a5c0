/**
 * A daemon's recording beside the engine's prediction, step by step, scored as
 * the oracle's compare.mjs scores them (FROM steps aside).
 */
import type { Builder, Prediction } from '../engine/index';
import type { Recording } from './schema';

export type Seen = 'cached' | 'ran' | 'absent';

export interface CompareRow {
  stage: string | null;
  instruction: string;
  daemon: Seen;
  engine: Seen;
}

export interface CompareBuild {
  label: string;
  rows: CompareRow[];
  daemonError: string | null;
  engineError: string | null;
  agree: boolean;
}

const fold = (s: string) => s.replace(/\s+/g, ' ').trim();
const key = (s: { stage: string | null; instruction: string }) => `${s.stage ?? ''}|${fold(s.instruction)}`;
const notFrom = <T extends { instruction: string }>(xs: T[]) =>
  xs.filter((s) => !/^FROM\s/i.test(s.instruction));

export function compareRecording(
  recording: Recording,
  builder: Builder,
  prediction: Prediction
): CompareBuild[] {
  const recorded = recording.builders[builder] ?? [];
  return recorded.map((rb, i) => {
    const pb = prediction.builds[i];
    const pool = new Map<string, Array<{ cached: boolean }>>();
    for (const s of notFrom(pb?.steps ?? [])) pool.set(key(s), [...(pool.get(key(s)) ?? []), s]);
    const rows: CompareRow[] = notFrom(rb.steps).map((s) => {
      const m = pool.get(key(s))?.shift();
      return {
        stage: s.stage,
        instruction: s.instruction,
        daemon: s.cached ? 'cached' : 'ran',
        engine: m ? (m.cached ? 'cached' : 'ran') : 'absent'
      };
    });
    for (const [k, rest] of pool)
      for (const s of rest) {
        const [stage, instruction] = k.split('|');
        rows.push({
          stage: stage || null,
          instruction,
          daemon: 'absent',
          engine: s.cached ? 'cached' : 'ran'
        });
      }
    const engineError = pb?.error ?? null;
    const daemonError = rb.error ?? null;
    return {
      label: rb.label,
      rows,
      daemonError,
      engineError,
      agree: !!pb && rows.every((r) => r.daemon === r.engine) && !daemonError === !engineError
    };
  });
}
