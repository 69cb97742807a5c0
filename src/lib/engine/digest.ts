/**
 * Content addressing for the engine: SHA-256 over a stable encoding.
 *
 * Keys are Layer Lab's own (we cannot reproduce BuildKit's protobuf marshalling
 * byte for byte), but they are built from exactly the inputs the daemon keys on,
 * so two keys are equal exactly when the daemon's would be.
 */
import { sha256 } from '@noble/hashes/sha2.js';

/** A `sha256:<64 hex>` string. */
export type Digest = string;

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]];
  return out;
}

/**
 * UTF-8 bytes of a string (the way the docker CLI writes a text file). Written
 * out rather than using TextEncoder so the engine needs nothing from its host.
 */
export function utf8(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 3);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out[n++] = c;
    else if (c < 0x800) {
      out[n++] = 0xc0 | (c >> 6);
      out[n++] = 0x80 | (c & 63);
    } else if (c < 0x10000) {
      out[n++] = 0xe0 | (c >> 12);
      out[n++] = 0x80 | ((c >> 6) & 63);
      out[n++] = 0x80 | (c & 63);
    } else {
      out[n++] = 0xf0 | (c >> 18);
      out[n++] = 0x80 | ((c >> 12) & 63);
      out[n++] = 0x80 | ((c >> 6) & 63);
      out[n++] = 0x80 | (c & 63);
    }
  }
  return out.subarray(0, n);
}

/** Decodes UTF-8 bytes (invalid sequences become U+FFFD). */
export function fromUtf8(b: Uint8Array): string {
  let out = '';
  for (let i = 0; i < b.length; ) {
    const x = b[i];
    let c = 0xfffd;
    let len = 1;
    if (x < 0x80) c = x;
    else if (x >= 0xc2 && x < 0xe0 && i + 1 < b.length) {
      c = ((x & 31) << 6) | (b[i + 1] & 63);
      len = 2;
    } else if (x >= 0xe0 && x < 0xf0 && i + 2 < b.length) {
      c = ((x & 15) << 12) | ((b[i + 1] & 63) << 6) | (b[i + 2] & 63);
      len = 3;
    } else if (x >= 0xf0 && x < 0xf5 && i + 3 < b.length) {
      c = ((x & 7) << 18) | ((b[i + 1] & 63) << 12) | ((b[i + 2] & 63) << 6) | (b[i + 3] & 63);
      len = 4;
    }
    out += String.fromCodePoint(c);
    i += len;
  }
  return out;
}

/** SHA-256 of raw bytes, as `sha256:<hex>`. */
export function sha256Bytes(bytes: Uint8Array): Digest {
  return 'sha256:' + toHex(sha256(bytes));
}

// Memo for content digests: the same text is hashed once per session, however
// many builds see it. Keyed by the string itself (V8 caches string hashes, so a
// lookup is cheap); bounded so a long session cannot grow it without limit.
const textMemo = new Map<string, Digest>();
const TEXT_MEMO_LIMIT = 20000;

/** SHA-256 of a text's UTF-8 bytes. */
export function sha256Text(text: string): Digest {
  const hit = textMemo.get(text);
  if (hit !== undefined) return hit;
  const d = sha256Bytes(utf8(text));
  if (textMemo.size >= TEXT_MEMO_LIMIT) textMemo.clear();
  textMemo.set(text, d);
  return d;
}

/** Stable JSON: object keys sorted, so equal values always encode equally. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return '[' + value.map(stableStringify).join(',') + ']';
  const keys = Object.keys(value as Record<string, unknown>)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort();
  return (
    '{' + keys.map((k) => JSON.stringify(k) + ':' + stableStringify((value as Record<string, unknown>)[k])).join(',') + '}'
  );
}

/** Digest of a structured value (a cache key's ingredients). */
export function digestOf(value: unknown): Digest {
  return sha256Text(stableStringify(value));
}

/** The short form the daemon prints for image ids: 12 hex characters. */
export function shortId(d: Digest): string {
  return d.replace(/^sha256:/, '').slice(0, 12);
}
