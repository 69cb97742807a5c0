/**
 * Where the CLI reads and writes: the real process, or a test's buffers. The
 * commands never touch `process` directly, so tests run them in-process with
 * their own working directory and environment.
 */
import type { HashedFile } from './read-context';

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The directory relative paths are resolved against (docker resolves `-f` against it too). */
  cwd: string;
  env: Record<string, string | undefined>;
  /** Whether stdout is a terminal (colour and width only then). */
  isTTY: boolean;
  columns: number | undefined;
  /** Opens and hashes one context file (tests inject unreadable files here); the real file system by default. */
  hashFile?: (abs: string) => HashedFile | null;
}

export function processIo(): Io {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
    isTTY: process.stdout.isTTY === true,
    columns: process.stdout.columns
  };
}

/** A user mistake or an unreadable input: exit code 2, with a message that says what to do. */
export class UsageError extends Error {}

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function useColour(io: Io): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return io.isTTY && io.env.TERM !== 'dumb';
}

const CODES = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39]
} as const;
export type Style = keyof typeof CODES;

/** ANSI styling, or the text unchanged when colour is off. */
export function painter(colour: boolean): (style: Style | Style[], text: string) => string {
  if (!colour) return (_s, t) => t;
  return (style, text) => {
    const list = Array.isArray(style) ? style : [style];
    return list.reduce((t, s) => `\u001b[${CODES[s][0]}m${t}\u001b[${CODES[s][1]}m`, text);
  };
}
