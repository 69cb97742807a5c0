/**
 * Content addressing for the engine: SHA-256 over a stable encoding.
 *
 * Keys are Layer Lab's own (we cannot reproduce BuildKit's protobuf marshalling
 * byte for byte), but they are built from exactly the inputs the daemon keys on,
 * so two keys are equal exactly when the daemon's would be.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8 } from './utf8';

/** A `sha256:<64 hex>` string. */
export type Digest = string;

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]];
  return out;
}

export { fromUtf8, utf8 } from './utf8';

/** A host's own SHA-256, as hex (the CLI passes node:crypto's, which is several times faster). */
export interface Sha256Provider {
  bytes(b: Uint8Array): string;
  text(s: string): string;
}

let provider: Sha256Provider = {
  bytes: (b) => toHex(sha256(b)),
  text: (s) => toHex(sha256(utf8(s)))
};

/**
 * Lets a host hash with its fastest primitive. The engine stays free of host
 * APIs; results are identical either way (both are SHA-256).
 */
export function useSha256(p: Sha256Provider): void {
  provider = p;
}

/** SHA-256 of raw bytes, as `sha256:<hex>`. */
export function sha256Bytes(bytes: Uint8Array): Digest {
  return 'sha256:' + provider.bytes(bytes);
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
  const d = 'sha256:' + provider.text(text);
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
