/**
 * The Dockerfile as the advisor reads it: stages, and for every instruction
 * the working directory, user and variables in force where it stands. Paths
 * and names stay as written; where a value depends on a variable the advisor
 * cannot know, it is null and rules leave that instruction alone.
 */
import { absPath } from '../fs';
import { parseDockerfile, type ParsedDockerfile, type ParsedInstruction } from '../parse';
import { argPairs, splitWords } from '../dockerfile-words';

export interface Placed {
  ins: ParsedInstruction;
  /** Working directory in force (absolute), or null when it depends on a variable. */
  cwd: string | null;
  user: string;
}

export interface StageView {
  index: number;
  name: string | null;
  from: ParsedInstruction;
  /** The stage this one is built FROM, or null for an image. */
  baseStage: number | null;
  body: Placed[];
}

export interface DockerfileView {
  text: string;
  parsed: ParsedDockerfile;
  stages: StageView[];
}

export const CONFIG_ONLY = new Set([
  'LABEL',
  'EXPOSE',
  'CMD',
  'ENTRYPOINT',
  'HEALTHCHECK',
  'STOPSIGNAL',
  'MAINTAINER',
  'ONBUILD'
]);

export function viewOf(text: string): DockerfileView {
  const parsed = parseDockerfile(text);
  const stages: StageView[] = [];
  const names = new Map<string, number>();
  let cur: StageView | null = null;
  let cwd: string | null = '/';
  let user = '';
  for (const ins of parsed.instructions) {
    if (ins.keyword === 'FROM') {
      const m = /^(?:--\S+\s+)*(\S+)(?:\s+as\s+(\S+))?/i.exec(ins.args);
      const base = (m?.[1] ?? '').toLowerCase();
      const baseStage = names.get(base) ?? null;
      const prev = baseStage !== null ? stages[baseStage] : null;
      const last = prev?.body[prev.body.length - 1];
      cwd = prev ? (last ? last.cwd : '/') : '/';
      user = prev ? (last?.user ?? '') : '';
      cur = { index: stages.length, name: m?.[2]?.toLowerCase() ?? null, from: ins, baseStage, body: [] };
      if (cur.name) names.set(cur.name, cur.index);
      stages.push(cur);
      continue;
    }
    if (!cur) continue;
    if (ins.keyword === 'WORKDIR') {
      const dir = ins.args.trim();
      cwd = dir.includes('$') || cwd === null ? null : absPath(dir.startsWith('/') ? dir : `${cwd}/${dir}`);
    }
    if (ins.keyword === 'USER') user = ins.args.trim();
    cur.body.push({ ins, cwd, user });
  }
  return { text, parsed, stages };
}

/** Whether the instruction mentions a variable (`$NAME`, `${NAME...}`). */
export function mentions(ins: ParsedInstruction, name: string): boolean {
  return new RegExp(`\\$\\{?${name}(?![A-Za-z0-9_])`).test(ins.original);
}

/** Names an ARG instruction declares. */
export function argNames(ins: ParsedInstruction, escape: string): string[] {
  return argPairs(ins, escape).map((p) => p.key);
}

/** Names an ENV instruction sets. */
export function envNames(ins: ParsedInstruction, escape: string): string[] {
  const words = splitWords(ins.args, escape);
  if (words.length && !words[0].includes('=')) return [words[0]];
  return words.map((w) => w.split('=')[0]);
}

/** Whether the user is root (nothing set, `root`, `0`, `0:0`). */
export function isRoot(user: string): boolean {
  return user === '' || /^(root|0)(:(root|0))?$/.test(user);
}
