/**
 * What a RUN writes: a model of command outputs, used only where the daemon
 * compares content (`COPY --from`, bind mounts from a stage). A RUN's own cache
 * key never depends on it.
 *
 * The model follows reproducible builds: a tool's output is a function of the
 * files it reads, not of when it ran, its flags or the base image version.
 * - go build: the binary follows every file under the working directory;
 * - cargo build: src/, Cargo.toml, Cargo.lock; mvn/gradle: src/, pom.xml, build.gradle;
 * - npm/yarn/pnpm with "build": src/; otherwise (install, ci, test) the manifests and lock files;
 * - pip: the requirements file named by -r, or the arguments;
 * - apt-get, apk, dnf, yum: the arguments.
 * These are exactly what the oracle's stand-in tools do (see oracle/base/stub),
 * which is how the fidelity tests check them. Plain shell file commands (echo
 * into a file, mkdir, cp, rm, chmod, ln...) are interpreted. Anything else is
 * "opaque": new files it may create follow its command line and the files it
 * names.
 */
import { digestOf, sha256Text, type Digest } from '../digest';
import { absPath, StageFs, type Layer } from '../fs';
import { goMatch, hasGlob } from '../glob';
import type { OutputClaim } from './run-output';
import { expandGlob } from './shell-glob';
import { installOutput, outputIdentity } from './install-output';
import { filter } from './text-filters';
import { MAX_EXPANSION } from '../shell-lex';
import type { FsEntry } from '../images';
import { bkChecksum, byteOrder, concatSequences, contentSequence, EMPTY_SEQUENCE, insert, newDir, walk, type Node } from '../tree';

export interface RunContext {
  /** The command: a shell script (shell form) or argv (exec form). */
  script: string | null;
  argv: string[] | null;
  /** The shell that runs a script (`SHELL`, default /bin/sh -c). */
  shell: string[];
  env: Array<[string, string]>;
  cwd: string;
  user: string;
  fs: StageFs;
  /** In the oracle stand-in, the tools are stubs and unknown programs do nothing we model. */
  oracle: boolean;
  /** The RUN's line, to say which command an assumed output comes from. */
  line?: number;
}

export interface RunEffect {
  fs: StageFs;
  /** One line per modelled output, for explanations ("go build → /out/api"). */
  notes: string[];
  /**
   * The command's exit status as far as the model can tell: 127 when a program
   * does not exist, 126 when it is not executable (known only for the oracle's
   * stand-in image, whose programs are known), 0 otherwise.
   */
  status: number;
  /** The program that made it fail, when it failed. */
  failedOn?: string;
}

/** Shell builtins of busybox ash: they never need a program on PATH. */
const BUILTINS = new Set([
  'cd', 'export', 'set', 'unset', 'true', 'false', ':', 'exit', 'echo', 'printf', 'test', '[', '[[', 'read', 'shift',
  'source', '.', 'eval', 'exec', 'umask', 'wait', 'trap', 'type', 'command', 'alias', 'unalias', 'ulimit', 'local',
  'return', 'break', 'continue', 'pwd', 'hash', 'getopts', 'kill', 'times', 'readonly'
]);


const ORACLE_NOOP = new Set([
  'python', 'python3', 'node', 'npx', 'dotnet', 'bundle', 'gem', 'composer', 'make', 'gcc', 'cc', 'curl', 'git',
  'useradd', 'groupadd', 'rustc'
]);
const FILTERS = new Set(['grep', 'egrep', 'fgrep', 'sed', 'sort', 'uniq', 'head', 'tail', 'wc', 'find']);
/**
 * Programs that write nothing but their standard output (which a redirect may
 * put in a file, then following the files they name).
 */
const NOOP = new Set([
  'true', ':', 'set', 'exit', 'export', 'echo', 'printf', 'sleep', 'test', '[', 'id', 'whoami', 'env', 'printenv',
  'ls', 'cat', 'pwd', 'grep', 'egrep', 'fgrep', 'awk', 'cut', 'tr', 'sort', 'uniq', 'head', 'tail', 'wc', 'md5sum',
  'sha1sum', 'sha256sum', 'sha512sum', 'cksum', 'base64', 'od', 'hexdump', 'xxd', 'tac', 'rev', 'nl', 'paste',
  'fold', 'expand', 'unexpand', 'cmp', 'diff', 'strings', 'basename', 'dirname', 'seq', 'realpath', 'readlink',
  'stat', 'du', 'df', 'uname', 'date', 'hostname', 'which', 'expr', 'file', 'nproc', 'arch'
]);
const SHELLS = /(^|\/)(sh|bash|ash|dash|zsh)$/;
/** Where a system package manager installs. */
const SYSTEM_DIRS = ['/usr', '/etc', '/lib', '/var'];
/** Where pip installs without --prefix, --target or --user (any Python version). */
const PYTHON_LIBS = ['/usr/local/lib/python*/site-packages', '/usr/lib/python3*/site-packages', '/usr/local/bin'];
const SYSTEM_BINS = new Set(['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin']);
const KEYWORDS = new Set(['for', 'while', 'until', 'if', 'case', '{', '(', '[[', 'function', 'select']);

export interface SimpleCommand {
  assigns: Array<[string, string]>;
  words: string[];
  /** For each word, whether it holds a wildcard outside quotes (the shell expands it). */
  globs?: boolean[];
  redirects: Array<{ op: '>' | '>>' | '<'; target: string }>;
  /** The operator that joins it to the next command. */
  next: '&&' | '||' | ';' | '|' | null;
  raw: string;
}

/** Applies a RUN's modelled effects to a file system. */
export function runEffects(ctx: RunContext): RunEffect {
  const state = new ShellState(ctx);
  if (ctx.argv) {
    const argv = ctx.argv;
    const shellStatus = argv.length >= 3 && SHELLS.test(argv[0]) ? state.programStatus(argv[0]) : null;
    if (shellStatus !== null && shellStatus !== 0) state.fail(argv[0], shellStatus);
    else if (shellStatus === 0 && argv[1].startsWith('-') && argv[1].includes('c')) state.script(argv[2]);
    else state.status = state.exec({ assigns: [], words: argv, redirects: [], next: null, raw: argv.join(' ') });
  } else if (ctx.script !== null) {
    const shellStatus = ctx.shell.length ? state.programStatus(ctx.shell[0]) : 0;
    if (shellStatus !== 0) state.fail(ctx.shell[0], shellStatus);
    else if (ctx.shell.length && !SHELLS.test(ctx.shell[0])) state.opaque(ctx.script, []);
    else state.script(ctx.script);
  }
  return { fs: state.fs, notes: state.notes, status: state.status, failedOn: state.failedOn };
}

class ShellState {
  fs: StageFs;
  cwd: string;
  vars: Map<string, string>;
  notes: string[] = [];
  constructor(private ctx: RunContext) {
    this.fs = ctx.fs;
    this.cwd = ctx.cwd || '/';
    this.vars = new Map(ctx.env);
  }

  status = 0;
  failedOn: string | undefined;

  fail(program: string, status: number): void {
    this.status = status;
    this.failedOn = program;
  }

  /**
   * Runs a script with sh semantics for `&&`, `||` and `;`: the exit status of
   * the last command that ran is the script's.
   */
  script(text: string): void {
    const commands = tokenize(text, (name) => this.vars.get(name));
    if (commands === null) {
      this.opaque(text, text.split(/\s+/).filter(Boolean));
      return;
    }
    let status = 0;
    for (let i = 0; i < commands.length; i++) {
      const c = commands[i];
      const prev = i > 0 ? commands[i - 1].next : null;
      const runs = prev === '&&' ? status === 0 : prev === '||' ? status !== 0 : true;
      if (c.words.length && KEYWORDS.has(c.words[0])) {
        // Loops and conditionals are beyond this model: the rest is one opaque step that succeeds.
        if (runs) this.opaque(commands.slice(i).map((x) => x.raw).join(' '), commands.slice(i).flatMap((x) => x.words));
        this.status = runs ? 0 : status;
        return;
      }
      if (c.next === '|') {
        // A pipeline: its output is whatever the last command redirects, derived from all their inputs.
        let j = i;
        while (j < commands.length && commands[j].next === '|') j++;
        const parts = commands.slice(i, j + 1);
        if (runs) status = this.pipeline(parts);
        i = j;
        continue;
      }
      if (!runs) continue;
      if (c.words[0] === 'exit') {
        this.status = Number(c.words[1] ?? status) || 0;
        if (this.status) this.failedOn = this.failedOn ?? 'exit';
        return;
      }
      status = this.exec(c);
    }
    this.status = status;
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

  private resolve(p: string): string {
    return p.startsWith('/') ? absPath(p) : absPath(this.cwd, p);
  }

  private inputsOf(words: string[]): Digest[] {
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
  private claim(command: string, words: string[], digest: Digest, tool: string | false, extra: string[] = []): OutputClaim {
    const writes: string[] = [...extra];
    for (const w of words) {
      const value = w.startsWith('-') ? (/^--?[\w-]+=(.+)$/.exec(w)?.[1] ?? null) : w;
      if (value === null || value.includes('://') || value.startsWith('$')) continue;
      writes.push(hasGlob(value) ? absPath(value.startsWith('/') ? value : absPath(this.cwd, value)) : this.resolve(value));
    }
    const program = tool || (command.split(/\s+/)[0] ?? '').replace(/^.*\//, '');
    return { kind: 'opaque', cwd: this.cwd, writes, digest, by: { by: 'run', command, line: this.ctx.line ?? 0, tool: tool !== false, program } };
  }

  private pipeline(parts: SimpleCommand[]): number {
    const last = parts[parts.length - 1];
    // Without pipefail, a pipeline's status is its last command's.
    const lastStatus = last.words.length ? this.programStatus(last.words[0]) : 0;
    const out = last.redirects.filter((r) => r.op !== '<');
    if (out.length) {
      // Text filters on known contents give exact bytes; anything else follows the inputs.
      let text: string | null = null;
      for (const [i, part] of parts.entries()) {
        // An unsorted find lists in file system order, which nobody can predict.
        if (part.words[0] === 'find' && parts[i + 1]?.words[0] !== 'sort') text = null;
        else text = i === 0 || text !== null ? this.textOf(part.words, i === 0 ? null : text) : null;
        if (text === null) break;
      }
      const digest = text === null ? digestOf({ pipeline: parts.map((p) => p.words), inputs: this.inputsOf(parts.flatMap((p) => p.words)) }) : null;
      for (const r of out) this.writeFile(r.target, text, digest, r.op === '>>');
    }
    if (lastStatus) this.failedOn = last.words[0];
    return lastStatus;
  }

  /** A text filter's output on contents the model knows, or null. */
  private textOf(words: string[], stdin: string | null): string | null {
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
  private expand(c: SimpleCommand): SimpleCommand | null {
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

  /** Runs one simple command; returns its exit status. */
  exec(written: SimpleCommand): number {
    for (const [k, v] of written.assigns) if (!written.words.length) this.vars.set(k, v);
    if (!written.words.length) return 0;
    // rm matches its own wildcards: it deletes what it can see and needs nothing else.
    const c = /(^|\/)rm$/.test(written.words[0]) ? written : this.expand(written);
    if (!c) {
      const found = this.programStatus(written.words[0]);
      if (found) return found;
      this.opaque(written.raw, written.words);
      return 0;
    }
    const [cmd0, ...args] = c.words;
    if (cmd0 === 'false') return 1;
    const found = this.programStatus(cmd0);
    if (found) {
      this.failedOn = cmd0;
      return found;
    }
    const cmd = cmd0.replace(/^.*\//, '');
    const out = c.redirects.filter((r) => r.op !== '<');
    let handled = true;
    if (SHELLS.test(cmd) && !out.length) {
      const flag = args.findIndex((a) => /^-[a-z]*c[a-z]*$/.test(a));
      if (flag >= 0 && args[flag + 1] !== undefined) {
        this.script(args[flag + 1]);
        return this.status;
      }
      // `sh script.sh` runs a file the engine does not read.
      if (args.some((a) => !a.startsWith('-'))) this.opaque(c.raw, c.words);
      return 0;
    }
    switch (cmd) {
      case 'cd':
        this.cwd = this.resolve(args[0] ?? '/root');
        break;
      case 'mkdir':
        for (const a of args.filter((a) => !a.startsWith('-'))) this.put(this.resolve(a), dirEntry());
        break;
      case 'touch':
        for (const a of args.filter((a) => !a.startsWith('-'))) {
          const p = this.resolve(a);
          if (!this.fs.get(p)) this.put(p, textEntry(''));
        }
        break;
      case 'rm':
        for (const a of args.filter((a) => !a.startsWith('-'))) this.remove(a);
        break;
      case 'ln': {
        const rest = args.filter((a) => !a.startsWith('-'));
        if (rest.length === 2) {
          const target = rest[0];
          let link = this.resolve(rest[1]);
          if (this.fs.get(link)?.type === 'd') link = absPath(link, target.replace(/^.*\//, ''));
          this.put(link, { type: 'l', digest: sha256Text('link:' + target), mode: 0o777, size: target.length, owner: '0:0', target });
        }
        break;
      }
      case 'cp':
      case 'mv': {
        const rest = args.filter((a) => !a.startsWith('-'));
        if (rest.length >= 2) {
          const dest = this.resolve(rest[rest.length - 1]);
          const destIsDir = rest.length > 2 || this.fs.get(dest)?.type === 'd';
          for (const s of rest.slice(0, -1)) {
            const src = this.resolve(s);
            const t = this.fs.tree(src);
            if (!t) continue;
            const to = destIsDir ? absPath(dest, src.replace(/^.*\//, '')) : dest;
            this.fs = this.fs.with({ kind: 'tree', dest: to, node: t });
            if (cmd === 'mv') this.fs = this.fs.with({ kind: 'delete', path: src });
          }
        }
        break;
      }
      case 'chmod':
      case 'chown': {
        const rest = args.filter((a) => !a.startsWith('-'));
        const recursive = args.some((a) => /^-[a-zA-Z]*R/.test(a));
        const spec = rest[0] ?? '';
        for (const a of rest.slice(1)) this.changeMeta(this.resolve(a), cmd, spec, recursive);
        break;
      }
      case 'sed': {
        // In-place edits rewrite the file; its new bytes are known when its old ones are.
        const flags = args.filter((a) => a.startsWith('-'));
        if (!flags.some((f) => f.startsWith('-i'))) {
          handled = false;
          break;
        }
        const rest = args.filter((a) => !a.startsWith('-'));
        const [script, ...targets] = rest;
        for (const t of targets) {
          const p = this.resolve(t);
          const old = this.fs.get(p);
          if (!old) continue;
          const text = this.textOf(['sed', '-e', script ?? '', t], null);
          if (text !== null) this.put(p, { ...textEntry(text), mode: old.mode, owner: old.owner });
          else this.put(p, { ...old, digest: digestOf({ edited: c.words, was: old.digest }), text: undefined });
        }
        return 0;
      }
      case 'echo':
      case 'printf': {
        if (out.length) {
          const text = cmd === 'echo' ? echoText(args) : args.join(' ');
          for (const r of out) this.writeFile(r.target, text, null, r.op === '>>');
        }
        return 0;
      }
      case 'cat': {
        if (out.length) {
          const files = args.filter((a) => !a.startsWith('-')).map((a) => this.fs.get(this.resolve(a)));
          const texts = files.map((f) => f?.text);
          if (texts.every((t) => typeof t === 'string')) for (const r of out) this.writeFile(r.target, texts.join(''), null, r.op === '>>');
          else for (const r of out) this.writeFile(r.target, null, digestOf(files.map((f) => f?.digest ?? null)), r.op === '>>');
        }
        return 0;
      }
      default:
        handled = (!this.ctx.oracle && this.install(c)) || this.tool(cmd, args, c.raw);
    }
    if (!handled) {
      if (this.ctx.oracle && (ORACLE_NOOP.has(cmd) || NOOP.has(cmd))) {
        // In the stand-in image these programs are stubs that write nothing we model.
      } else if (!NOOP.has(cmd)) this.opaque(c.raw, c.words);
    }
    if (out.length && !['echo', 'printf', 'cat'].includes(cmd)) {
      const text = FILTERS.has(cmd) && cmd !== 'find' ? this.textOf(c.words, null) : null;
      const digest = text === null ? digestOf({ output: c.words, inputs: this.inputsOf(args) }) : null;
      for (const r of out) this.writeFile(r.target, text, digest, r.op === '>>');
    }
    return 0;
  }

  /**
   * The build tools the model knows. Returns false when `cmd` is not one.
   *
   * In the oracle's stand-in image they are stubs that write exactly the files
   * below. In a real image the engine knows what a tool reads (its output is
   * reproducible: it follows those inputs) but not the names it writes, so it
   * claims the places the tool writes to (run-output.ts) instead of inventing
   * file names; only a named output (`go build -o`) is known to exist.
   */
  private tool(cmd: string, args: string[], command: string): boolean {
    if (!this.ctx.oracle && /^python[\d.]*$/.test(cmd) && args[0] === '-m' && /^pip\d?$/.test(args[1] ?? '')) return this.tool('pip', args.slice(2), command);
    const stubbed = ['go', 'cargo', 'mvn', 'gradle', 'npm', 'yarn', 'pnpm', 'pip', 'pip3', 'apt-get', 'apk', 'dnf', 'yum'];
    if (!stubbed.includes(cmd)) return false;
    if (this.ctx.oracle) this.appendCall(`${cmd} ${args.join(' ')}`.trimEnd());
    const all = args.join(' ');
    const flagValue = (names: string[]): string | null => {
      for (let i = 0; i < args.length; i++) {
        const m = /^(--?[\w-]+)=(.*)$/.exec(args[i]);
        if (m && names.includes(m[1])) return m[2];
        if (names.includes(args[i]) && i + 1 < args.length) return args[i + 1];
      }
      return null;
    };
    const named = (names: string[]) => {
      const v = flagValue(names);
      return v ? [this.resolve(v)] : [];
    };
    switch (cmd) {
      case 'go': {
        if (args[0] !== 'build') return true;
        const target = this.resolve(flagValue(['-o']) ?? 'app');
        const digest = this.readTree(['.']);
        this.emit(target, digest, `go build → ${target} (from the files under ${this.cwd})`, { tool: cmd, command, writes: [], exact: true });
        return true;
      }
      case 'cargo': {
        if (args[0] !== 'build' && args[0] !== 'install') return true;
        this.emit(this.resolve('target/release/app'), this.readTree(['src', 'Cargo.toml', 'Cargo.lock']), `cargo ${args[0]} → target/ (from src/, Cargo.toml, Cargo.lock)`, {
          tool: cmd,
          command,
          writes: named(['--root'])
        });
        return true;
      }
      case 'mvn':
      case 'gradle':
        this.emit(this.resolve('target/app.jar'), this.readTree(['src', 'pom.xml', 'build.gradle']), `${cmd} → target/ (from src/, pom.xml, build.gradle)`, { tool: cmd, command, writes: [] });
        return true;
      case 'npm':
      case 'yarn':
      case 'pnpm': {
        const global = args.some((a) => a === '-g' || a === '--global') || args[0] === 'global';
        const writes = global ? ['/usr/local/lib/node_modules', '/usr/local/bin'] : [];
        if (all.includes('build')) {
          this.emit(this.resolve('dist/app.js'), this.readTree(['src']), `${cmd} build → ${this.resolve('dist')} (from src/)`, { tool: cmd, command, writes });
        } else {
          const inputs = this.readTree(['package.json', 'package-lock.json', 'yarn.lock', 'pnpm-lock.yaml']);
          this.emit(this.resolve('node_modules/.installed'), inputs, `${cmd} install → node_modules (from the manifests)`, { tool: cmd, command, writes });
        }
        return true;
      }
      case 'pip':
      case 'pip3': {
        let req: string | null = null;
        for (let i = 0; i < args.length - 1; i++) if (args[i] === '-r') req = args[i + 1];
        const target = '/usr/local/lib/site-packages/.installed';
        const writes = [...named(['--prefix', '--target', '-t', '--root']), ...(args.includes('--user') ? ['/root/.local'] : [])];
        if (!writes.length) writes.push(...PYTHON_LIBS, ...this.virtualEnvs());
        if (req) this.emit(target, this.readTree([req]), `pip install -r ${req} → site-packages`, { tool: cmd, command, writes, cwd: false });
        else if (this.ctx.oracle) this.writeFile(target, all + '\n', null, false);
        else this.emit(target, digestOf({ pip: outputIdentity(args) }), `pip ${all}`, { tool: cmd, command, writes, cwd: false });
        return true;
      }
      default: {
        if (this.ctx.oracle) this.writeFile(`/var/lib/stub/pkgs/${cmd}`, all + '\n', null, false);
        else this.emit('', digestOf({ packages: cmd, args: outputIdentity(args) }), `${cmd} ${all}`, { tool: cmd, command, writes: SYSTEM_DIRS, cwd: false });
        return true;
      }
    }
  }

  /**
   * A dependency install the advisor's reader understands, in a real image: its
   * output follows the files it reads and lands where the reader says it
   * writes (install-output.ts), not all over its working directory.
   */
  private install(c: SimpleCommand): boolean {
    const seen = (rel: string): string | null => {
      const p = this.resolve(rel);
      const e = this.fs.get(p);
      return !e || e.assumed ? null : (this.fs.readText(p) ?? '');
    };
    const m = installOutput(c.words, seen);
    if (!m) return false;
    const program = c.words[0].replace(/^.*\//, '');
    const digest = digestOf({ install: outputIdentity(c.words), reads: this.readTree(m.reads) });
    const writes = m.writes.map((w) => (w.startsWith('/') ? w : absPath(this.cwd, w)));
    if (writes.some((w) => w.includes('site-packages'))) writes.push(...this.virtualEnvs());
    this.emit('', digest, `${c.words.join(' ')} → follows ${m.reads.join(', ') || 'its arguments'}`, { tool: program, command: c.raw, writes, cwd: false });
    return true;
  }

  /** Virtual environments on PATH (`python -m venv /opt/venv` then `ENV PATH=/opt/venv/bin:$PATH`): pip installs there. */
  private virtualEnvs(): string[] {
    const dirs = (this.vars.get('PATH') ?? '').split(':').filter((d) => d.endsWith('/bin') && !SYSTEM_BINS.has(d));
    const venv = this.vars.get('VIRTUAL_ENV');
    return [...new Set([...(venv ? [venv] : []), ...dirs.map((d) => d.slice(0, -4) || '/')])].filter((d) => d !== '/');
  }

  /**
   * The stand-in stub's digest of files: their bytes concatenated in sorted path
   * order, which is what the content sequences of the named trees, taken in the
   * same order, fingerprint.
   */
  private readTree(paths: string[]): Digest {
    const blocks: Array<[string, Node]> = [];
    for (const p of paths) {
      const abs = this.resolve(p);
      const node = this.fs.get(abs) ? this.fs.tree(abs) : undefined;
      if (!node) continue;
      const label = p.replace(/\/+$/, '');
      blocks.push([node.children ? label + '/' : label, node]);
    }
    blocks.sort((a, b) => byteOrder(a[0], b[0]));
    let seq = EMPTY_SEQUENCE;
    for (const [, node] of blocks) seq = concatSequences(seq, contentSequence(node));
    return digestOf({ stub: [seq.a.toString(), seq.b.toString(), seq.len] });
  }

  /**
   * A tool's output: in the stand-in image the stub's file at `target`; in a
   * real one a claim over where the tool writes (its working directory unless
   * `cwd` is false, and `writes`), plus `target` when the command names it (`exact`).
   */
  private emit(target: string, digest: Digest, note: string, o: { tool: string; command: string; writes: string[]; exact?: boolean; cwd?: boolean }): void {
    const built = digestOf({ built: digest });
    if (this.ctx.oracle || o.exact) this.put(target, { type: 'f', digest: built, mode: 0o644, size: 1, owner: '0:0' });
    if (!this.ctx.oracle) {
      const claim = this.claim(o.command, [], built, o.tool, o.exact ? [...o.writes, target] : o.writes);
      this.fs = this.fs.with(o.cwd === false ? { ...claim, cwd: '/' } : claim);
    }
    this.notes.push(note);
  }

  private appendCall(line: string): void {
    const p = '/var/lib/stub/calls';
    const prev = this.fs.readText(p) ?? '';
    this.put(p, textEntry(prev + line + '\n'));
  }

  private writeFile(target: string, text: string | null, digest: Digest | null, append: boolean): void {
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

  private put(path: string, entry: FsEntry): void {
    this.fs = this.fs.with({ kind: 'put', path, entry } as Layer);
  }

  private remove(arg: string): void {
    if (/[*?[]/.test(arg)) {
      // A glob: remove what it matches. With an unknown image, the directory is emptied.
      const dir = this.resolve(arg.replace(/\/[^/]*[*?[].*$/, '') || '/');
      const base = arg.replace(/^.*\//, '');
      const tree = this.fs.tree(dir);
      if (!tree?.children) return;
      for (const name of tree.children.keys()) if (goMatch(base, name) === true) this.fs = this.fs.with({ kind: 'delete', path: absPath(dir, name) });
      return;
    }
    this.fs = this.fs.with({ kind: 'delete', path: this.resolve(arg) });
  }

  private changeMeta(path: string, cmd: 'chmod' | 'chown', spec: string, recursive: boolean): void {
    const e = this.fs.get(path);
    if (!e) return;
    const change = (entry: FsEntry): FsEntry =>
      cmd === 'chown' ? { ...entry, owner: spec } : { ...entry, mode: chmodMode(entry.mode, spec, entry.type === 'd') };
    if (!recursive || e.type !== 'd') {
      this.put(path, change(e));
      return;
    }
    // One layer for the whole tree, not one per file.
    const t = this.fs.tree(path);
    if (!t) return;
    const root: Node = newDir(change(t.entry));
    for (const [r, n] of walk(t)) insert(root, r, n.children ? newDir(change(n.entry)) : { entry: change(n.entry), children: null }, () => change(t.entry));
    this.fs = this.fs.with({ kind: 'tree', dest: path, node: root } as Layer);
  }
}

function dirEntry(): FsEntry {
  return { type: 'd', digest: sha256Text('dir'), mode: 0o755, size: 0, owner: '0:0' };
}

function textEntry(text: string): FsEntry {
  return { type: 'f', digest: sha256Text(text), mode: 0o644, size: text.length, owner: '0:0', text };
}

function echoText(args: string[]): string {
  let newline = true;
  let i = 0;
  while (i < args.length && /^-[neE]+$/.test(args[i])) {
    if (args[i].includes('n')) newline = false;
    i++;
  }
  return args.slice(i).join(' ') + (newline ? '\n' : '');
}

/** Applies a chmod mode spec (octal or symbolic like `+x`, `a+rX`, `u=rwx,go=rx`). */
export function chmodMode(mode: number, spec: string, isDir: boolean): number {
  if (/^[0-7]+$/.test(spec)) return parseInt(spec, 8);
  let m = mode & 0o7777;
  for (const clause of spec.split(',')) {
    const cm = /^([ugoa]*)([-+=])([rwxXst]*)$/.exec(clause);
    if (!cm) continue;
    const who = cm[1] || 'a';
    const masks = { u: 0o700, g: 0o070, o: 0o007 } as const;
    let bits = 0;
    for (const p of cm[3]) {
      if (p === 'r') bits |= 0o444;
      if (p === 'w') bits |= 0o222;
      if (p === 'x' || (p === 'X' && (isDir || (mode & 0o111) !== 0))) bits |= 0o111;
    }
    let mask = 0;
    for (const w of who) mask |= w === 'a' ? 0o777 : masks[w as 'u' | 'g' | 'o'];
    bits &= mask;
    if (cm[2] === '+') m |= bits;
    else if (cm[2] === '-') m &= ~bits;
    else m = (m & ~mask) | bits;
  }
  return m;
}

/**
 * Splits a shell script into simple commands with their words expanded
 * (quotes removed, `$VAR` substituted from the environment). Returns null when
 * the script uses syntax this model does not follow (command substitution...).
 */
export function tokenize(text: string, env: (name: string) => string | undefined): SimpleCommand[] | null {
  const out: SimpleCommand[] = [];
  let cur: SimpleCommand = { assigns: [], words: [], globs: [], redirects: [], next: null, raw: '' };
  let word = '';
  let inWord = false;
  let glob = false;
  let pendingRedirect: '>' | '>>' | '<' | null = null;
  let start = 0;
  const assignsLocal = new Map<string, string>();
  const lookup = (n: string) => assignsLocal.get(n) ?? env(n);
  const endWord = () => {
    if (!inWord) return;
    if (pendingRedirect) {
      cur.redirects.push({ op: pendingRedirect, target: word });
      pendingRedirect = null;
    } else if (!cur.words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(word)) {
      const eq = word.indexOf('=');
      cur.assigns.push([word.slice(0, eq), word.slice(eq + 1)]);
      assignsLocal.set(word.slice(0, eq), word.slice(eq + 1));
    } else {
      cur.words.push(word);
      cur.globs?.push(glob);
    }
    word = '';
    inWord = false;
    glob = false;
  };
  const endCommand = (op: SimpleCommand['next'], end: number) => {
    endWord();
    cur.next = op;
    cur.raw = text.slice(start, end).trim();
    if (cur.words.length || cur.assigns.length || cur.redirects.length) out.push(cur);
    else if (out.length) out[out.length - 1].next = op;
    cur = { assigns: [], words: [], globs: [], redirects: [], next: null, raw: '' };
  };
  let i = 0;
  // A word longer than the expansion cap cannot reach a command (Linux's
  // MAX_ARG_STRLEN); the script is then left opaque instead of growing it.
  const expandVar = (): string | null => {
    const v = expandVarAt();
    return v !== null && word.length + v.length > MAX_EXPANSION ? null : v;
  };
  const expandVarAt = (): string | null => {
    // at text[i] === '$'
    const rest = text.slice(i + 1);
    if (rest.startsWith('(')) return null;
    let m = /^\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}/.exec(rest);
    if (m) {
      i += 1 + m[0].length;
      const v = lookup(m[1]);
      return v ? v : (m[2] ?? '');
    }
    m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])/.exec(rest);
    if (m) {
      i += 1 + m[0].length;
      return lookup(m[1]) ?? '';
    }
    i += 1;
    return '$';
  };
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\' && text[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (ch === '`') return null;
    if (ch === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) return null;
      word += text.slice(i + 1, end);
      inWord = true;
      i = end + 1;
      continue;
    }
    if (ch === '"') {
      i++;
      inWord = true;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length && '"$`\\'.includes(text[i + 1])) {
          word += text[i + 1];
          i += 2;
        } else if (text[i] === '$') {
          const v = expandVar();
          if (v === null) return null;
          word += v;
        } else if (text[i] === '`') return null;
        else word += text[i++];
      }
      if (i >= text.length) return null;
      i++;
      continue;
    }
    if (ch === '$') {
      const v = expandVar();
      if (v === null) return null;
      word += v;
      inWord = true;
      continue;
    }
    if (ch === '\\') {
      word += text[i + 1] ?? '';
      inWord = true;
      i += 2;
      continue;
    }
    if (ch === '#' && !inWord) {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (ch === '&' && text[i + 1] === '&') {
      endCommand('&&', i);
      i += 2;
      start = i;
      continue;
    }
    if (ch === '|' && text[i + 1] === '|') {
      endCommand('||', i);
      i += 2;
      start = i;
      continue;
    }
    if (ch === '|' || ch === ';' || ch === '\n' || ch === '&') {
      endCommand(ch === '|' ? '|' : ';', i);
      i++;
      start = i;
      continue;
    }
    if (ch === '>' || ch === '<') {
      // 2>&1, 2>/dev/null, >file, >>file
      if (/^[0-9]$/.test(word) && inWord) {
        word = '';
        inWord = false;
      } else endWord();
      if (ch === '>' && text[i + 1] === '>') {
        pendingRedirect = '>>';
        i += 2;
      } else {
        pendingRedirect = ch === '>' ? '>' : '<';
        i++;
      }
      if (text[i] === '&') {
        // fd duplication: no file involved
        pendingRedirect = null;
        i++;
        while (i < text.length && /[0-9-]/.test(text[i])) i++;
      }
      continue;
    }
    if (ch === '(' || ch === ')' || ch === '{' || ch === '}') {
      if (!inWord) {
        endWord();
        word = ch;
        inWord = true;
        endWord();
        i++;
        continue;
      }
    }
    if (/\s/.test(ch)) {
      endWord();
      i++;
      continue;
    }
    if (ch === '*' || ch === '?' || ch === '[') glob = true;
    word += ch;
    inWord = true;
    i++;
  }
  endCommand(null, text.length);
  return out;
}
