import { describe, expect, it } from 'vitest';
import { build } from './build';
import { MAX_EXPANSION, processWord, lookupRecord } from './shell-lex';

/** ARG A0=x, then each ARG doubles the one before it: A31 would be 2^31 characters. */
function doubling(levels: number, keyword: 'ARG' | 'ENV', beforeFrom = false): string {
  const lines = [`${keyword} A0=x`];
  for (let i = 1; i <= levels; i++) lines.push(`${keyword} A${i}=\${A${i - 1}}\${A${i - 1}}`);
  return beforeFrom ? [...lines, 'FROM alpine:3.19', `ARG A${levels}`, `RUN echo $A${levels}`].join('\n') : ['FROM alpine:3.19', ...lines, `RUN echo $A${levels}`].join('\n');
}

describe('variables that expand without limit', () => {
  it('one expansion stops at the documented cap with a clear error', () => {
    const r = processWord('$A$A', lookupRecord({ A: 'x'.repeat(MAX_EXPANSION / 2 + 1) }));
    expect(r).toMatchObject({ ok: false, tooLong: true });
    expect(r.error).toMatch(/expands to more than 128 KiB/);
    expect(processWord('$A$A', lookupRecord({ A: 'x'.repeat(MAX_EXPANSION / 2) })).ok).toBe(true);
  });

  for (const [keyword, builder, beforeFrom] of [
    ['ARG', 'buildkit', false],
    ['ARG', 'legacy', false],
    ['ENV', 'buildkit', false],
    ['ENV', 'legacy', false],
    ['ARG', 'buildkit', true],
    ['ARG', 'legacy', true]
  ] as const) {
    it(`${keyword} doubling 30 times${beforeFrom ? ' before FROM' : ''} (${builder}) fails at the line that passes the cap`, () => {
      const dockerfile = doubling(30, keyword, beforeFrom);
      const r = build({ dockerfile, context: { files: {} }, builder });
      // 2^17 = 128 Ki characters is the cap: A17 still fits, A18 does not.
      const line = dockerfile.split('\n').findIndex((l) => l.startsWith(`${keyword} A18=`)) + 1;
      const d = r.diagnostics.find((x) => x.severity === 'error' && /expands to more than 128 KiB/.test(x.message));
      expect(d?.range?.line).toBe(line);
      expect(r.error?.message).toMatch(/A18|expands to more than 128 KiB/);
    });
  }

  it('a RUN script doubling a shell variable 40 times is left opaque, not grown', () => {
    // The RUN interpreter models what a script writes; past the cap it stops interpreting.
    const script = 'A=x' + '; A=$A$A'.repeat(40) + '; echo $A > /out/a';
    const r = build({ dockerfile: `FROM alpine:3.19\nRUN ${script}\nFROM alpine:3.19\nCOPY --from=0 /out /out\n`, context: { files: {} } });
    expect(r.diagnostics.filter((d) => d.code === 'engine')).toEqual([]);
    expect(r.error).toBeNull();
  });
});
