/** Context paths as a person types them, checked the way the tree needs them. */
import { decodeUtf8 } from './bytes';
import { DOCKERFILE_PATH, type WorkspaceFile } from './workspace';

/** A clean `/`-separated relative path, or an error a person can act on. */
export function checkPath(raw: string): { path: string } | { error: string } {
  const trimmed = raw.trim().replace(/\\/g, '/');
  if (!trimmed) return { error: 'A name is needed.' };
  const parts = trimmed.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.some((p) => p === '..')) return { error: 'Paths cannot leave the build context (no "..").' };
  if (!parts.length) return { error: 'A name is needed.' };
  if (parts.some((p) => p.length > 255)) return { error: 'A name is longer than 255 characters.' };
  // eslint-disable-next-line no-control-regex
  if (parts.some((p) => /[\u0000-\u001f]/.test(p)))
    return { error: 'Names cannot contain control characters.' };
  return { path: parts.join('/') };
}

/** Whether `path` is `dir` or lies inside it. */
export function isWithin(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir + '/');
}

/** Every folder implied by the files (and empty folders) of a workspace. */
export function foldersOf(files: Record<string, WorkspaceFile>): Set<string> {
  const out = new Set<string>();
  for (const [p, f] of Object.entries(files)) {
    const parts = p.split('/');
    for (let i = 1; i < parts.length; i++) out.add(parts.slice(0, i).join('/'));
    if (f.dir) out.add(p);
  }
  return out;
}

/** Whether a path is taken by a file, a folder or the Dockerfile. */
export function pathTaken(files: Record<string, WorkspaceFile>, path: string): boolean {
  return path === DOCKERFILE_PATH || path in files || foldersOf(files).has(path);
}

/** Renames a file or a folder (everything under it). */
export function renameIn(
  files: Record<string, WorkspaceFile>,
  from: string,
  to: string
): Record<string, WorkspaceFile> {
  const out: Record<string, WorkspaceFile> = {};
  for (const [p, f] of Object.entries(files)) out[isWithin(p, from) ? to + p.slice(from.length) : p] = f;
  return out;
}

/** Deletes a file or a folder (everything under it). */
export function deleteIn(files: Record<string, WorkspaceFile>, path: string): Record<string, WorkspaceFile> {
  const out: Record<string, WorkspaceFile> = {};
  for (const [p, f] of Object.entries(files)) if (!isWithin(p, path)) out[p] = f;
  return out;
}

/** Reads uploaded bytes as text when they are valid UTF-8 without NUL bytes (git's test: the first 8 kB); otherwise keeps the bytes. */
export function decodeUpload(bytes: Uint8Array): string | Uint8Array {
  if (bytes.subarray(0, 8192).includes(0)) return bytes;
  return decodeUtf8(bytes) ?? bytes;
}

/** `ARG` names the Dockerfile declares, in order, with their defaults. */
export function declaredArgs(
  dockerfile: string
): Array<{ name: string; value: string | null; line: number }> {
  const out: Array<{ name: string; value: string | null; line: number }> = [];
  const seen = new Set<string>();
  const lines = dockerfile.split('\n');
  // A large Dockerfile has at most a few ARGs worth a form; scanning is linear and cheap.
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*ARG\s+(.+)$/i.exec(lines[i]);
    if (!m) continue;
    for (const word of m[1].trim().split(/\s+/)) {
      const eq = word.indexOf('=');
      const name = eq < 0 ? word : word.slice(0, eq);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || seen.has(name)) continue;
      seen.add(name);
      out.push({ name, value: eq < 0 ? null : word.slice(eq + 1).replace(/^"(.*)"$/, '$1'), line: i + 1 });
      if (out.length >= 50) return out;
    }
  }
  return out;
}
