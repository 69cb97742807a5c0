/**
 * Reads the members of an uncompressed tar archive, for `ADD archive.tar /dir/`,
 * which extracts it. The cache key is the archive's own bytes either way; the
 * members only matter to later steps that copy them out of the stage.
 */
import { fromUtf8, sha256Bytes, utf8 } from './digest';
import type { FsEntry } from './images';

export interface TarMember {
  path: string;
  entry: FsEntry;
}

function field(b: Uint8Array, start: number, len: number): string {
  let end = start;
  while (end < start + len && b[end] !== 0) end++;
  return fromUtf8(b.subarray(start, end));
}

function octal(b: Uint8Array, start: number, len: number): number {
  const s = field(b, start, len).trim();
  return s ? parseInt(s, 8) || 0 : 0;
}

/** Whether bytes start like a tar archive (ustar magic or a plausible v7 header checksum). */
export function isTar(b: Uint8Array): boolean {
  if (b.length < 512) return false;
  if (field(b, 257, 5) === 'ustar') return true;
  const stored = octal(b, 148, 8);
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : b[i];
  return stored === sum && stored !== 8 * 32;
}

/** Whether bytes are compressed in a format Docker's ADD would unpack (gzip, bzip2, xz). */
export function isCompressed(b: Uint8Array): boolean {
  return (
    (b[0] === 0x1f && b[1] === 0x8b) ||
    (b[0] === 0x42 && b[1] === 0x5a && b[2] === 0x68) ||
    (b[0] === 0xfd && b[1] === 0x37 && b[2] === 0x7a && b[3] === 0x58)
  );
}

/** The members of an uncompressed tar, or null when the bytes are not one. */
export function readTar(data: string | Uint8Array): TarMember[] | null {
  // Text content is written to disk as UTF-8 (that is what the docker CLI sends).
  const b = typeof data === 'string' ? utf8(data) : data;
  if (!isTar(b)) return null;
  const out: TarMember[] = [];
  let off = 0;
  while (off + 512 <= b.length) {
    const h = b.subarray(off, off + 512);
    if (h.every((x) => x === 0)) break;
    const name = field(h, 0, 100);
    const prefix = field(h, 257, 5) === 'ustar' ? field(h, 345, 155) : '';
    const path = (prefix ? `${prefix}/${name}` : name).replace(/^\.?\/+/, '').replace(/\/+$/, '');
    const mode = octal(h, 100, 8) & 0o7777;
    const size = octal(h, 124, 12);
    const type = String.fromCharCode(h[156] || 48);
    const body = b.subarray(off + 512, off + 512 + size);
    if (path) {
      if (type === '5') out.push({ path, entry: { type: 'd', digest: sha256Bytes(utf8('dir')), mode, size: 0, owner: '0:0' } });
      else if (type === '2') {
        const target = field(h, 157, 100);
        out.push({ path, entry: { type: 'l', digest: sha256Bytes(utf8('link:' + target)), mode: 0o777, size: 0, owner: '0:0', target } });
      } else if (type === '0' || type === '7' || type === '\0') {
        out.push({ path, entry: { type: 'f', digest: sha256Bytes(body), mode, size, owner: '0:0' } });
      }
    }
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}
