/**
 * `npm run fuzz`: the engine's property-test generators at scale (100,000 cases
 * by default; `npm run fuzz -- --cases N --seed S`). Every case must build
 * without an internal error, give a deep-equal result when built again from a
 * clone of its input, take under 2 s per build, and, when it does not fail,
 * rebuild all cached from the cache it left. Not part of `npm test`: the unit
 * suite runs the same generators on a fast seed set (build.property.test.ts).
 * Failing inputs are written to tmp/fuzz-failures/ to replay.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import fc from 'fast-check';
import { build } from '../src/lib/engine/build';
import { useSha256 } from '../src/lib/engine/digest';
import { anyInput, buildTwice, internalError, notCachedOnRebuild, toInput, type Generated } from '../tests/fuzz/inputs';

const { values } = parseArgs({ options: { cases: { type: 'string', default: '100000' }, seed: { type: 'string', default: '20251' }, limit: { type: 'string', default: '2000' } } });
const cases = Number(values.cases);
const seed = Number(values.seed);
const limitMs = Number(values.limit);
const CHUNK = 1000;

// Hash with node:crypto, as the CLI does: the same digests, several times faster.
useSha256({
  bytes: (b) => createHash('sha256').update(b).digest('hex'),
  text: (t) => createHash('sha256').update(t, 'utf8').digest('hex')
});

const stats = { cases: 0, throws: 0, nondeterministic: 0, slow: 0, notCached: 0 };
const times: number[] = [];
const failures: Array<{ kind: string; input: Generated; detail: string }> = [];
const started = performance.now();

function record(kind: keyof typeof stats, input: Generated, detail: string) {
  stats[kind]++;
  if (failures.filter((f) => f.kind === kind).length < 20) failures.push({ kind, input, detail });
}

function runCase(x: Generated) {
  const i = toInput(x);
  let first, second;
  const t0 = performance.now();
  try {
    ({ first, second } = buildTwice(i));
  } catch (e) {
    return record('throws', x, String(e));
  }
  const ms = performance.now() - t0;
  times.push(ms);
  if (ms > limitMs * (second ? 2 : 1)) record('slow', x, `${ms.toFixed(0)} ms for ${second ? 2 : 1} builds`);
  if (internalError(first) || (second && internalError(second))) record('throws', x, first.diagnostics.map((d) => d.message).join(' | '));
  const again = build({ ...structuredClone(i), cache: undefined });
  const firstAgain = { ...first, cache: undefined };
  if (!isDeepStrictEqual({ ...again, cache: undefined }, firstAgain)) record('nondeterministic', x, 'a clone of the input built differently');
  if (second) {
    const missed = notCachedOnRebuild(second);
    if (missed.length) record('notCached', x, missed.join(', '));
  }
}

for (let done = 0; done < cases; done += CHUNK) {
  const n = Math.min(CHUNK, cases - done);
  fc.assert(
    fc.property(anyInput, (x) => {
      stats.cases++;
      runCase(x);
    }),
    { numRuns: n, seed: seed + done, endOnFailure: true }
  );
  if ((done / CHUNK) % 10 === 9 || done + n >= cases) {
    const sorted = [...times].sort((a, b) => a - b);
    const p99 = sorted[Math.floor(sorted.length * 0.99)] ?? 0;
    console.log(
      `${stats.cases} cases, ${stats.throws} throws, ${stats.nondeterministic} nondeterministic, ${stats.slow} over ${limitMs} ms, ` +
        `${stats.notCached} rebuilds not all cached; per case max ${(sorted[sorted.length - 1] ?? 0).toFixed(0)} ms, p99 ${p99.toFixed(1)} ms; ` +
        `total ${((performance.now() - started) / 1000).toFixed(0)} s`
    );
  }
}

if (failures.length) {
  mkdirSync('tmp/fuzz-failures', { recursive: true });
  failures.forEach((f, n) => writeFileSync(`tmp/fuzz-failures/${f.kind}-${n}.json`, JSON.stringify(f, (_k, v) => (v instanceof Uint8Array ? { bytes: [...v] } : v), 2)));
  console.log(`failing inputs written to tmp/fuzz-failures/ (${failures.length})`);
}
const failed = stats.throws + stats.nondeterministic + stats.slow + stats.notCached;
console.log(`${stats.cases - failed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
