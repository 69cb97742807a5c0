/**
 * The editable part of a session as plain data, and the edits examples apply to
 * it. Pure: the Session and the example tests share it, so a "try this" button
 * does exactly what the tests check.
 */
import type { BuildInput, ContextFile, Digest } from '../engine/types';
import type { Example, ExampleEdit } from './examples/types';

export interface WorkspaceFile {
  /**
   * Text, or raw bytes for a binary file. Null when the bytes stayed on disk
   * (a folder opened from disk): then `digest` and `size` stand for them, or
   * `unread` says they were never read.
   */
  data: string | Uint8Array | null;
  /** Unix permission bits. */
  mode: number;
  /** Last modification, ms since the epoch. Shown to people; Docker's cache never looks at it. */
  mtime: number;
  /** An empty directory the person created (files imply their folders). */
  dir?: boolean;
  /** The bytes' digest and size, when only they are kept (`data` is null). */
  digest?: Digest;
  size?: number;
  /** Why only the digest is kept: not text, too big to edit, or over the text budget. */
  digestOnly?: 'binary' | 'large' | 'budget';
  /**
   * Excluded by `.dockerignore` when the folder was opened, so never read (a
   * file) or never listed (a folder): its contents are unknown.
   */
  unread?: boolean;
}

export interface Workspace {
  dockerfile: string;
  /** Context files by `/`-separated path, not including the Dockerfile. */
  files: Record<string, WorkspaceFile>;
  buildArgs: Record<string, string>;
}

export const DOCKERFILE_PATH = 'Dockerfile';

export function workspaceOf(example: Example, now = 0): Workspace {
  const files: Record<string, WorkspaceFile> = {};
  for (const [path, data] of Object.entries(example.files))
    files[path] = { data, mode: example.modes?.[path] ?? 0o644, mtime: now };
  return { dockerfile: example.dockerfile, files, buildArgs: {} };
}

/** The engine's view of the context: bytes, mode and type. Never the mtime. */
export function contextFiles(ws: Workspace): Record<string, ContextFile> {
  const out: Record<string, ContextFile> = {};
  for (const [path, f] of Object.entries(ws.files)) {
    if (f.dir) out[path] = { type: 'dir', mode: f.mode };
    else if (f.data !== null) out[path] = { data: f.data, mode: f.mode };
    // Hashed on disk: the engine keys on the digest. Never read: empty, as far as anyone knows.
    else out[path] = f.digest ? { digest: f.digest, size: f.size, mode: f.mode } : { mode: f.mode };
  }
  return out;
}

export function buildInputOf(
  ws: Workspace,
  rest: Omit<BuildInput, 'dockerfile' | 'context' | 'buildArgs'> = {}
): BuildInput {
  return {
    ...rest,
    dockerfile: ws.dockerfile,
    context: { files: contextFiles(ws) },
    buildArgs: ws.buildArgs
  };
}

/** Moves the line that reads `line` (trimmed) to just before the line that reads `before`. Unchanged when either is missing. */
export function moveLine(text: string, line: string, before: string): string {
  const lines = text.split('\n');
  const from = lines.findIndex((l) => l.trim() === line);
  if (from < 0) return text;
  const [moved] = lines.splice(from, 1);
  const to = lines.findIndex((l) => l.trim() === before);
  if (to < 0) return text;
  lines.splice(to, 0, moved);
  return lines.join('\n');
}

/** Applies one example edit and returns the new workspace; `now` stamps the mtime. */
export function applyEdit(ws: Workspace, edit: ExampleEdit, now = 0): Workspace {
  switch (edit.kind) {
    case 'edit': {
      if (edit.path === DOCKERFILE_PATH)
        return { ...ws, dockerfile: ws.dockerfile.replace(edit.find, edit.replace) };
      const f = ws.files[edit.path];
      if (!f || typeof f.data !== 'string') return ws;
      return {
        ...ws,
        files: {
          ...ws.files,
          [edit.path]: { ...f, data: f.data.replace(edit.find, edit.replace), mtime: now }
        }
      };
    }
    case 'move-line':
      return { ...ws, dockerfile: moveLine(ws.dockerfile, edit.line, edit.before) };
    case 'chmod': {
      const f = ws.files[edit.path];
      return f ? { ...ws, files: { ...ws.files, [edit.path]: { ...f, mode: edit.mode } } } : ws;
    }
    case 'touch': {
      const f = ws.files[edit.path];
      return f ? { ...ws, files: { ...ws.files, [edit.path]: { ...f, mtime: now } } } : ws;
    }
    case 'build-arg':
      return { ...ws, buildArgs: { ...ws.buildArgs, [edit.name]: edit.value } };
  }
}
