import { describe, expect, it } from 'vitest';
import { asText, decodeUtf8 } from './bytes';
import { decodeUpload } from './paths';

const enc = (s: string) => new TextEncoder().encode(s);

describe('bytes as text', () => {
  it('keeps a byte order mark, so the text encodes back to the same bytes', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...enc('FROM alpine\n')]);
    const text = asText(bytes)!;
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(enc(text)).toEqual(bytes);
    expect(decodeUpload(bytes)).toBe(text);
  });

  it('refuses invalid UTF-8 and NUL bytes', () => {
    expect(decodeUtf8(new Uint8Array([0xff, 0x41]))).toBeNull();
    expect(asText(new Uint8Array([0x41, 0, 0x42]))).toBeNull();
    expect(decodeUtf8(new Uint8Array([0x41, 0, 0x42]))).toBe('A\0B');
    expect(asText(enc('héllo'))).toBe('héllo');
  });
});
