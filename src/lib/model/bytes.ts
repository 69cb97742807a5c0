/**
 * Reading a file's bytes as text, the same way in every host (the CLI, an opened
 * folder, an upload): only valid UTF-8, and byte for byte. A byte order mark is
 * kept, so the text's UTF-8 encoding is the file's bytes and hashes as the
 * daemon hashes the file.
 */
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The bytes as text when they are valid UTF-8, else null. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/** The bytes as text when they are UTF-8 without a NUL byte, else null. */
export function asText(bytes: Uint8Array): string | null {
  return bytes.includes(0) ? null : decodeUtf8(bytes);
}
