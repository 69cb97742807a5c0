/**
 * The state of one RUN's shell as the interpreter (interpreter.ts) steps
 * through it: the stage file system it writes, the working directory, the
 * variables, and the primitives every command model shares (resolving a path,
 * writing a file, claiming an unmodelled command's output).
 */
import { digestOf, sha256Text, type Digest } from '../digest';
import { absPath, type Layer, type StageFs } from '../fs';
import { hasGlob } from '../glob';
import type { FsEntry } from '../images';
import { bkChecksum } from '../tree';
import type { SimpleCommand } from './command-reader';
import { BUILTINS } from './programs';
import type { OutputClaim } from './run-output';
import { expandGlob } from './shell-glob';
import { filter } from './text-filters';

/** Everything a RUN's command sees when it starts. */
export interface RunContext {
  /** The command: a shell script (shell form), or null for exec form. */
  script: string | null;
  /** The exec-form argv, or null for shell form. */
  argv: string[] | null;
  /** The shell that runs a script (`SHELL`, default /bin/sh -c). */
  shell: string[];
  /** The environment the command starts with, in order. */
  env: Array<[string, string]>;
  /** The working directory, absolute; empty means `/`. */
  cwd: string;
  /** The USER the command runs as (empty: root). */
  user: string;
  /** The stage file system before the RUN. */
  fs: StageFs;
  /** In the oracle stand-in, the tools are stubs and unknown programs do nothing we model. */
  oracle: boolean;
  /** The RUN's line, to say which command an assumed output comes from. */
  line?: number;
}

/** A directory entry as `mkdir` makes it (root-owned, 0755). */
export function dirEntry(): FsEntry {
  return { type: 'd', digest: sha256Text('dir'), mode: 0o755, size: 0, owner: '0:0' };
}

/** A root-owned 0644 file holding `text`, whose bytes the model knows. */
export function textEntry(text: string): FsEntry {
  return { type: 'f', digest: sha256Text(text), mode: 0o644, size: text.length, owner: '0:0', text };
}

/**
 * One RUN's shell while it runs: mutable, made and dropped by runEffects
 * (interpreter.ts); nothing of it outlives the RUN but the file system.
 */
export class ShellState {
  /** The stage file system as the commands so far left it. */
  fs: StageFs;
  /** The current directory, absolute. */
  cwd: string;
  /** The shell's variables: the RUN's environment plus what the script set. */
  vars: Map<string, string>;
  /** One line per modelled output, for explanations. */
  notes: string[] = [];
  /** The exit status so far (see RunEffect.status). */
  status = 0;
  /** The program that made the RUN fail, if one did. */
  failedOn: string | undefined;

  constructor(readonly ctx: RunContext) {
    this.fs = ctx.fs;
    this.cwd = ctx.cwd || '/';
    this.vars = new Map(ctx.env);
  }

  /** Records that `program` failed with `status` (126, 127). */
  fail(program: string, status: number): void {
    this.status = status;
    this.failedOn = program;
  }

  /** 0 when a program can run, 127 when it does not exist, 126 when it is not executable. */
  programStatus(name: string): number {
    if (!this.ctx.oracle || BUILTINS.has(name)) return 0;
    const check = (e: FsEntry | undefined) => (!e ? 127 : e.type === 'd' ? 126 : e.type === 'f' && !(e.mode & 0o111) ? 126 : 0);
    if (name.includes('/')) return check(this.fs.get(this.resolve(name)));
    for (const dir of (this.vars.get('PATH') ?? '/usr/local/bin:/usr/bin:/bin').split(':')) {
      if (!dir) continue;
      const e = this.fs.get(absPath(dir, name));
      if (e) return check(e);
    }
    return 127;
  }

  /** A path the command names, made absolute against the current directory. */
  resolve(p: string): string {
    return p.startsWith('/') ? absPath(p) : absPath(this.cwd, p);
  }

  /** Digests of the files and trees that words naming existing paths point at. */
  inputsOf(words: string[]): Digest[] {
    const out: Digest[] = [];
    for (const w of words) {
      if (w.startsWith('-') || !/[/.\w]/.test(w)) continue;
      const p = this.resolve(w);
      const e = this.fs.get(p);
      if (!e) continue;
      if (e.type === 'd') {
        const t = this.fs.tree(p);
        out.push(t ? bkChecksum(t) : e.digest);
      } else out.push(e.digest);
    }
    return out;
  }

  /**
   * A command the engine does not follow: its output is assumed to change
   * whenever any of its inputs does (run-output.ts).
   */
  opaque(text: string, words: string[]): void {
    const tree = this.cwd === '/' ? undefined : this.fs.tree(this.cwd);
    const digest = digestOf({
      run: text,
      cwd: this.cwd,
      env: [...this.vars],
      user: this.ctx.user,
      image: this.fs.image.digest,
      inputs: this.inputsOf(words),
      tree: tree ? bkChecksum(tree) : null
    });
    this.fs = this.fs.with(this.claim(text, words.slice(1), digest, false));
  }

  /** A claim over the cwd and the paths `words` name (flag values included). */
  claim(command: string, words: string[], digest: Digest, tool: string | false, extra: readonly string[] = []): OutputClaim {
    const writes: string[] = [...extra];
    for (const w of words) {
      const value = w.startsWith('-') ? (/^--?[\w-]+=(.+)$/.exec(w)?.[1] ?? null) : w;
      if (value === null || value.includes('://') || value.startsWith('$')) continue;
      writes.push(hasGlob(value) ? absPath(value.startsWith('/') ? value : absPath(this.cwd, value)) : this.resolve(value));
    }
    const program = tool || (command.split(/\s+/)[0] ?? '').replace(/^.*\//, '');
    return { kind: 'opaque', cwd: this.cwd, writes, digest, by: { by: 'run', command, line: this.ctx.line ?? 0, tool: tool !== false, program } };
  }

  /** A text filter's output on contents the model knows, or null. */
  textOf(words: string[], stdin: string | null): string | null {
    return filter(
      words,
      stdin,
      (p) => this.fs.readText(this.resolve(p)),
      (dir) => {
        const abs = this.resolve(dir);
        const base = dir.replace(/\/+$/, '') || '/';
        const files = this.fs.filesUnder(abs);
        return files.map(([path]) => (base === '/' ? path : base + path.slice(abs === '/' ? 0 : abs.length)));
      }
    );
  }

  /** Pathname expansion of the words the shell would expand; null when what a wildcard matches cannot be known. */
  expand(c: SimpleCommand): SimpleCommand | null {
    if (!c.globs?.some(Boolean)) return c;
    const words: string[] = [];
    for (const [i, w] of c.words.entries()) {
      if (!c.globs[i]) {
        words.push(w);
        continue;
      }
      const e = expandGlob(w, this.cwd, this.fs);
      if (!e.complete) return null;
      words.push(...e.words);
    }
    return { ...c, words, globs: words.map(() => false) };
  }

  /**
   * Writes a redirect's target: `text` when the model knows the bytes (appended
   * to known text for `>>`), else an entry whose digest follows `digest` and
   * what was there before.
   */
  writeFile(target: string, text: string | null, digest: Digest | null, append: boolean): void {
    if (target === '/dev/null' || target.startsWith('&')) return;
    const p = this.resolve(target);
    const prev = append ? this.fs.get(p) : undefined;
    if (text !== null && (!append || !prev || typeof prev.text === 'string')) {
      this.put(p, textEntry((prev?.text ?? '') + text));
      return;
    }
    const d = digestOf({ prev: prev?.digest ?? null, text, digest });
    this.put(p, { type: 'f', digest: d, mode: 0o644, size: 1, owner: '0:0' });
  }

  /** Puts an entry at an absolute path (a new layer on the stage file system). */
  put(path: string, entry: FsEntry): void {
    this.fs = this.fs.with({ kind: 'put', path, entry } as Layer);
  }
}
