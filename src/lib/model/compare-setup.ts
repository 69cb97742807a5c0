/**
 * The compare view's setup, saved with the session: which pair is compared,
 * the variant B, and the day both run through.
 */
import { normalizeDay, seedPair, type Day } from '../engine/index';

export interface CompareSetup {
  /**
   * `session`: A is the playground's Dockerfile and context;
   * `seed`: the seed pair's own small Python app (A as edited here).
   */
  source: 'session' | 'seed';
  /** Seed mode only: A, as edited in the compare view. */
  a: string | null;
  /** The variant; null until chosen (then: the advisor's best proposal, or a copy of A). */
  b: string | null;
  /** Null: the default day for the two Dockerfiles. */
  day: Day | null;
}

export function sessionCompare(): CompareSetup {
  return { source: 'session', a: null, b: null, day: null };
}

/** The seed pair as it ships: A installs the dependencies before copying the source, B after. */
export function seedCompare(day: Day | null = null): CompareSetup {
  const s = seedPair();
  return { source: 'seed', a: s.a, b: s.b, day };
}

/** Accepts only what a saved session may hold. */
export function normalizeCompare(value: unknown): CompareSetup | null {
  const v = value as Partial<CompareSetup> | null | undefined;
  if (!v || typeof v !== 'object') return null;
  const text = (x: unknown) => (typeof x === 'string' ? x : null);
  return {
    source: v.source === 'seed' ? 'seed' : 'session',
    a: text(v.a),
    b: text(v.b),
    day: v.day ? normalizeDay(v.day) : null
  };
}
