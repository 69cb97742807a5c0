/**
 * Turns a folder read from disk into what the Session holds: the Dockerfile's
 * text and path, and the context files (editable text, digest-only, or unread).
 */
import { dockerignoreMatcher, ignoreFileFor, readIgnorePatterns } from '../engine/index';
import type { Builder } from '../engine/types';
import { DOCKERFILE_PATH, type WorkspaceFile } from '../model/workspace';
import { TEXT_LIMIT } from './hash';
import type { FolderRead } from './reader';
import type { OpenedProject, ProjectInfo } from '../model/project';

/** Browsers do not reveal permission bits: files open as 0644 and folders as 0755. */
export const FILE_MODE = 0o644;
export const DIR_MODE = 0o755;
const MAX_PROBLEMS = 20;

/** The Dockerfiles a person can open: candidates that were read as text. */
export function dockerfileChoices(read: FolderRead): string[] {
  const text = new Set(
    read.files.filter((f) => f.outcome.ok && f.outcome.text !== undefined).map((f) => f.path)
  );
  return read.walk.candidates.filter((p) => text.has(p));
}

/** The session's data for a read folder, with `dockerfilePath` (null: none found, an empty one opens). */
export function assembleProject(
  read: FolderRead,
  opts: { dockerfilePath: string | null; via: ProjectInfo['via']; stashed: boolean }
): OpenedProject {
  const files: Record<string, WorkspaceFile> = {};
  const problems = [...read.walk.problems];
  let dockerfile = '';
  let bytes = 0;
  let text = 0;
  let digestOnly = 0;
  let count = 0;
  for (const f of read.files) {
    const o = f.outcome;
    if (!o.ok) {
      problems.push({ path: f.path, message: o.message });
      continue;
    }
    count++;
    bytes += o.size;
    if (f.path === opts.dockerfilePath) {
      dockerfile = o.text ?? '';
      continue;
    }
    const base = { mode: FILE_MODE, mtime: o.mtime };
    if (o.text !== undefined) {
      files[f.path] = { ...base, data: o.text };
      text++;
    } else if (o.bytes) files[f.path] = { ...base, data: o.bytes };
    else {
      const why = o.binary ? 'binary' : o.size > TEXT_LIMIT ? 'large' : 'budget';
      files[f.path] = { ...base, data: null, digest: o.digest, size: o.size, digestOnly: why };
      digestOnly++;
    }
  }
  for (const p of read.walk.excluded) files[p] = { data: null, mode: FILE_MODE, mtime: 0, unread: true };
  for (const p of read.walk.skippedDirs)
    files[p] = { data: '', mode: DIR_MODE, mtime: 0, dir: true, unread: true };
  for (const p of read.walk.emptyDirs) files[p] = { data: '', mode: DIR_MODE, mtime: 0, dir: true };
  return {
    dockerfile,
    dockerfilePath: opts.dockerfilePath ?? DOCKERFILE_PATH,
    files,
    info: {
      name: read.name,
      via: opts.via,
      read: count,
      bytes,
      text,
      digestOnly,
      excluded: read.walk.counts.excluded,
      skippedDirs: read.walk.counts.skippedDirs,
      problems: problems.slice(0, MAX_PROBLEMS),
      problemCount: problems.length,
      truncated: read.walk.truncated,
      dockerfiles: dockerfileChoices(read),
      stashed: opts.stashed
    }
  };
}

/**
 * Entries excluded when the folder was opened (so never read) that the build
 * would now send: after an edit to `.dockerignore`, or another builder choosing
 * another ignore file. The prediction counts them as empty; reopening reads them.
 */
export function unreadButSent(
  files: Record<string, WorkspaceFile>,
  dockerfilePath: string,
  builder: Builder
): string[] {
  const textOf = (p: string) => {
    const d = files[p]?.data;
    return typeof d === 'string' && !files[p].dir ? d : null;
  };
  const ignoreFile = ignoreFileFor(dockerfilePath, builder, (p) => textOf(p) !== null);
  const patterns = ignoreFile ? readIgnorePatterns(textOf(ignoreFile) ?? '') : [];
  const m = dockerignoreMatcher(patterns);
  const out: string[] = [];
  for (const [p, f] of Object.entries(files)) {
    if (!f.unread) continue;
    if (!m.ignores(p) || (f.dir && m.walksInto(p))) out.push(p);
  }
  return out;
}
