/**
 * Reads one file's bytes and hashes them, for the folder worker. Small files are
 * read whole and hashed with the platform's SHA-256 (SubtleCrypto, native and
 * fast); big ones are read in chunks into @noble/hashes' incremental SHA-256,
 * because SubtleCrypto cannot hash a stream and a whole read could exhaust memory.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { asText } from '../model/bytes';
import { isCompressed, isTar } from '../engine/tar';

/** Files above this are hashed in chunks, never held whole (the CLI's threshold too). */
export const WHOLE_LIMIT = 8 * 1024 * 1024;
export const CHUNK = 4 * 1024 * 1024;
/** ADD unpacks local archives, so the engine models their members: keep archives read whole. */
export const ARCHIVE_LIMIT = WHOLE_LIMIT;
/** A text file up to this size opens in the editor; bigger ones are kept as digest and size. */
export const TEXT_LIMIT = 256 * 1024;
/** All editable texts together: the session posts them to the engine on every change. */
export const TEXT_BUDGET = 16 * 1024 * 1024;

export interface HashRequest {
  id: number;
  blob: Blob;
  /** Keep the text when the bytes are UTF-8 and no longer than this; 0 keeps no text. */
  textLimit: number;
}

export type HashOutcome =
  | {
      id: number;
      ok: true;
      digest: string;
      size: number;
      /** Last modification, ms since the epoch, as the browser reports it (0 when it does not). */
      mtime: number;
      /** The bytes as text (UTF-8, no NUL), when asked for and they are. */
      text?: string;
      /** The raw bytes of a small archive. */
      bytes?: Uint8Array;
      /** Why only the digest is kept: not text, or more than the text limit. */
      binary: boolean;
    }
  | { id: number; ok: false; message: string };

/** The heuristic of git and of the playground's uploads: a NUL byte in the first 8 kB. */
function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8192).includes(0);
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += HEX[b[i]];
  return 'sha256:' + s;
}

/** SubtleCrypto where the page is a secure context; null elsewhere (then @noble hashes). */
function subtle(): SubtleCrypto | null {
  return globalThis.crypto?.subtle ?? null;
}

async function digestWhole(bytes: Uint8Array): Promise<string> {
  const s = subtle();
  if (s) return hex(new Uint8Array(await s.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)));
  return hex(sha256(bytes));
}

/**
 * Reads and hashes a blob. `onBytes` reports progress inside a big file (bytes
 * read so far of this file). Never throws: a file the browser cannot read (gone,
 * changed since it was listed, no permission) is an outcome with a message.
 */
export async function hashBlob(req: HashRequest, onBytes?: (n: number) => void): Promise<HashOutcome> {
  const { id, blob } = req;
  const mtime = (blob as Partial<File>).lastModified ?? 0;
  try {
    if (blob.size <= WHOLE_LIMIT) {
      const bytes = new Uint8Array(await blob.arrayBuffer());
      const digest = await digestWhole(bytes);
      const text = bytes.length <= req.textLimit ? asText(bytes) : null;
      if (text !== null) return { id, ok: true, digest, size: bytes.length, mtime, text, binary: false };
      const archive = bytes.length <= ARCHIVE_LIMIT && (isTar(bytes) || isCompressed(bytes));
      return {
        id,
        ok: true,
        digest,
        size: bytes.length,
        mtime,
        ...(archive ? { bytes } : {}),
        // Tried as text and failed, or not tried (too big): then a NUL near the start says binary.
        binary: bytes.length <= req.textLimit || looksBinary(bytes)
      };
    }
    const h = sha256.create();
    let size = 0;
    let binary = false;
    for (let at = 0; at < blob.size; at += CHUNK) {
      const chunk = new Uint8Array(await blob.slice(at, at + CHUNK).arrayBuffer());
      if (at === 0) binary = looksBinary(chunk);
      h.update(chunk);
      size += chunk.length;
      onBytes?.(size);
    }
    return { id, ok: true, digest: hex(h.digest()), size, mtime, binary };
  } catch (e) {
    return { id, ok: false, message: readError(e) };
  }
}

function readError(e: unknown): string {
  const name = (e as { name?: string })?.name;
  if (name === 'NotReadableError')
    return 'the browser could not read it (changed or removed since it was listed?)';
  if (name === 'NotFoundError') return 'it was removed while the folder was being read';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'permission denied';
  return e instanceof Error ? e.message : String(e);
}
