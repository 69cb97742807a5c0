import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fromUtf8, sha256Bytes, sha256Text, utf8 } from './digest';

describe('digests', () => {
  const samples = ['', 'hello', 'héllo wörld ✓ 😀', 'x'.repeat(70000), '\uD800 lone surrogate'];
  it('hash text as SHA-256 of its UTF-8 bytes, equal to node:crypto', () => {
    for (const s of samples) expect(sha256Text(s)).toBe('sha256:' + createHash('sha256').update(s, 'utf8').digest('hex'));
    const b = new Uint8Array([0, 255, 1, 128]);
    expect(sha256Bytes(b)).toBe('sha256:' + createHash('sha256').update(b).digest('hex'));
  });
  it('encodes and decodes UTF-8 like the platform does', () => {
    for (const s of samples) {
      expect([...utf8(s)]).toEqual([...new TextEncoder().encode(s)]);
      expect(fromUtf8(new TextEncoder().encode(s))).toBe(new TextDecoder().decode(new TextEncoder().encode(s)));
    }
  });
});
