import { describe, expect, it } from 'vitest';
import { lookupRecord, processWord } from './shell-lex';

const env = lookupRecord({ V: '1.0', EMPTY: '', HOME: '/root', SP: 'a b' });
const word = (s: string, opts = {}) => processWord(s, env, opts).word;

describe('variable expansion as the Dockerfile frontend does it', () => {
  it('substitutes $V and ${V}', () => {
    expect(word('v$V-${V}')).toBe('v1.0-1.0');
  });
  it('supports ${V:-default} and ${V:+alt}', () => {
    expect(word('${NOPE:-def} ${EMPTY:-def} ${V:-def}')).toBe('def def 1.0');
    expect(word('${V:+alt}|${EMPTY:+alt}|${NOPE:+alt}')).toBe('alt||');
  });
  it('rejects the colon-less ${V-default} form, as Docker 20.10 does', () => {
    const r = processWord('${V-x}', env);
    expect(r.ok).toBe(false);
    expect(r.error).toContain("missing ':' in substitution");
  });
  it('expands unset variables to nothing, or keeps them for RUN labels', () => {
    expect(word('a$NOPE.b')).toBe('a.b');
    expect(word('a $NOPE ${NOPE}', { skipUnsetEnv: true })).toBe('a $NOPE ${NOPE}');
  });
  it('removes quotes, keeps single-quoted text literal, expands inside double quotes', () => {
    expect(word(`'$V' "$V" x`)).toBe('$V 1.0 x');
    expect(word(`"$V"`, { rawQuotes: true })).toBe('"1.0"');
  });
  it('honours the escape character, including a backtick escape directive', () => {
    expect(word('\\$V')).toBe('$V');
    expect(word('`$V', { escape: '`' })).toBe('$V');
  });
  it('splits words on unquoted white space after expansion', () => {
    expect(processWord('$SP "c d" e', env).words).toEqual(['a', 'b', 'c d', 'e']);
  });
  it('reports an unterminated quote instead of throwing', () => {
    expect(processWord('"open', env).ok).toBe(false);
  });
});
