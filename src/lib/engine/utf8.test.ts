import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromUtf8, utf8 } from './utf8';

// The platform's decoder, keeping a byte order mark as the engine does.
const platform = new TextDecoder('utf-8', { ignoreBOM: true });

describe('UTF-8 like the WHATWG Encoding Standard', () => {
  it('decodes any bytes exactly as TextDecoder does, replacement characters included', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        expect(fromUtf8(b)).toBe(platform.decode(b));
      }),
      { numRuns: 5000 }
    );
  });

  it('decodes bytes biased to lead and continuation bytes exactly as TextDecoder does', () => {
    const byte = fc.oneof(
      fc.integer({ min: 0x80, max: 0xbf }),
      fc.integer({ min: 0xc0, max: 0xff }),
      fc.constantFrom(0xe0, 0xed, 0xf0, 0xf4, 0xf5, 0x41)
    );
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 12 }), (a) => {
        const b = new Uint8Array(a);
        expect(fromUtf8(b)).toBe(platform.decode(b));
      }),
      { numRuns: 5000 }
    );
  });

  it('never throws on a 4-byte lead beyond U+10FFFF or without continuation bytes', () => {
    for (const bytes of [
      [0xf4, 0x90, 0x80, 0x80],
      [0xf0, 0x41, 0x42, 0x43],
      [0xf4, 0xbf, 0xbf, 0xbf],
      [0xed, 0xa0, 0x80]
    ]) {
      const b = new Uint8Array(bytes);
      expect(fromUtf8(b)).toBe(platform.decode(b));
    }
  });

  it('encodes any string as TextEncoder does', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect([...utf8(s)]).toEqual([...new TextEncoder().encode(s)]);
      }),
      { numRuns: 2000 }
    );
  });
});
