/**
 * Shared pieces of the install analysis (installers.ts, installers-js.ts): the
 * accumulator of what a RUN reads and writes, and word helpers.
 */
import type { SimpleCommand } from '../run-model/command-reader';

export type { SimpleCommand };

/** Reads a file as the RUN would see it (path relative to its working directory), or null. */
export type FileLookup = (rel: string) => string | null;

export interface Acc {
  reads: Set<string>;
  writes: Set<string>;
  ecosystems: Set<string>;
  readsContext: boolean;
}

export class NotUnderstood extends Error {}

export const fail = (why: string): never => {
  throw new NotUnderstood(why);
};

export function optional(acc: Acc, file: FileLookup, ...names: string[]): void {
  for (const n of names) if (file(n) !== null) acc.reads.add(n);
}

export function required(acc: Acc, file: FileLookup, name: string): string {
  const text = file(name);
  if (text === null) fail(`${name} is not where the command reads it`);
  acc.reads.add(name);
  return text as string;
}

/** Words that are not flags; flags in `withValue` take the next word. */
export function positional(args: string[], withValue: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('-')) {
      if (withValue.includes(a)) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

export function flagValues(args: string[], names: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    for (const n of names) {
      if (args[i] === n && i + 1 < args.length) out.push(args[i + 1]);
      else if (args[i].startsWith(n + '=')) out.push(args[i].slice(n.length + 1));
    }
  }
  return out;
}

export const looksLikePath = (w: string) => /^[./~]|\/|\.(whl|tar\.gz|zip|deb|rpm|apk|tgz|gem|jar)$/.test(w);
export const systemPath = (w: string) =>
  w.startsWith('/') && !/^\/(app|src|code|srv|usr\/src|workspace|project|home)(\/|$)/.test(w);
