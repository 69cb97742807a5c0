/**
 * UTF-8 encoding and decoding, written out rather than using TextEncoder and
 * TextDecoder so the engine needs nothing from its host. Both follow the WHATWG
 * Encoding Standard exactly, so the engine reads bytes as every browser and
 * Node do: a lone surrogate encodes as U+FFFD, and each invalid or truncated
 * sequence decodes to one U+FFFD (a byte order mark is kept, not stripped).
 */

/** UTF-8 bytes of a string (the way the docker CLI writes a text file). */
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

const REPLACEMENT = 0xfffd;
/** UTF-16 code units collected before turning them into a string (below engines' argument limits). */
const CHUNK = 8192;

/**
 * Decodes UTF-8 bytes as the WHATWG decoder does in replacement mode. A lead
 * byte fixes how many continuation bytes follow and their allowed range (which
 * rules out overlong forms, surrogates and anything above U+10FFFF); a byte out
 * of that range ends the sequence with one U+FFFD and is read again as a lead.
 */
export function fromUtf8(b: Uint8Array): string {
  let out = '';
  const units: number[] = [];
  const push = (cp: number) => {
    if (cp < 0x10000) units.push(cp);
    else units.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
    if (units.length >= CHUNK) {
      out += String.fromCharCode(...units);
      units.length = 0;
    }
  };
  let cp = 0;
  let needed = 0;
  let lower = 0x80;
  let upper = 0xbf;
  for (let i = 0; i < b.length; i++) {
    const x = b[i];
    if (needed === 0) {
      if (x < 0x80) push(x);
      else if (x >= 0xc2 && x <= 0xdf) {
        needed = 1;
        cp = x & 0x1f;
      } else if (x >= 0xe0 && x <= 0xef) {
        if (x === 0xe0) lower = 0xa0;
        if (x === 0xed) upper = 0x9f;
        needed = 2;
        cp = x & 0xf;
      } else if (x >= 0xf0 && x <= 0xf4) {
        if (x === 0xf0) lower = 0x90;
        if (x === 0xf4) upper = 0x8f;
        needed = 3;
        cp = x & 0x7;
      } else push(REPLACEMENT);
      continue;
    }
    if (x < lower || x > upper) {
      cp = needed = 0;
      lower = 0x80;
      upper = 0xbf;
      push(REPLACEMENT);
      i--; // the byte starts the next sequence
      continue;
    }
    lower = 0x80;
    upper = 0xbf;
    cp = (cp << 6) | (x & 0x3f);
    if (--needed === 0) push(cp);
  }
  if (needed !== 0) push(REPLACEMENT);
  return out + String.fromCharCode(...units);
}
