/**
 * Build tools and package managers as reproducible programs: a tool's output
 * is a function of the files it reads, not of when it ran, its flags or the
 * base image version.
 * - go build: the binary follows every file under the working directory;
 * - cargo build: src/, Cargo.toml, Cargo.lock; mvn/gradle: src/, pom.xml, build.gradle;
 * - npm/yarn/pnpm with "build": src/; otherwise (install, ci, test) the manifests and lock files;
 * - pip: the requirements file named by -r, or the arguments;
 * - apt-get, apk, dnf, yum: the arguments.
 * These are exactly what the oracle's stand-in tools do (see oracle/base/stub),
 * which is how the fidelity tests check them. In a real image, a dependency
 * install the advisor understands follows what the advisor says it reads
 * (install-output.ts).
 */
import { digestOf, type Digest } from '../digest';
import { absPath } from '../fs';
import { byteOrder, concatSequences, contentSequence, EMPTY_SEQUENCE, type Node } from '../tree';
import type { SimpleCommand } from './command-reader';
import { installOutput, outputIdentity } from './install-output';
import { PYTHON_LIBS, STUBBED_TOOLS, SYSTEM_BINS, SYSTEM_DIRS } from './programs';
import { textEntry, type ShellState } from './shell-state';

/**
 * Runs a build tool the model knows; false when `cmd` (a base name) is not one.
 *
 * In the oracle's stand-in image they are stubs that write exactly the files
 * below. In a real image the engine knows what a tool reads (its output is
 * reproducible: it follows those inputs) but not the names it writes, so it
 * claims the places the tool writes to (run-output.ts) instead of inventing
 * file names; only a named output (`go build -o`) is known to exist.
 */
export function tool(sh: ShellState, cmd: string, args: string[], command: string): boolean {
  if (!sh.ctx.oracle && /^python[\d.]*$/.test(cmd) && args[0] === '-m' && /^pip\d?$/.test(args[1] ?? '')) return tool(sh, 'pip', args.slice(2), command);
  if (!STUBBED_TOOLS.includes(cmd)) return false;
  if (sh.ctx.oracle) appendCall(sh, `${cmd} ${args.join(' ')}`.trimEnd());
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
    return v ? [sh.resolve(v)] : [];
  };
  switch (cmd) {
    case 'go': {
      if (args[0] !== 'build') return true;
      const target = sh.resolve(flagValue(['-o']) ?? 'app');
      emit(sh, target, readTree(sh, ['.']), `go build → ${target} (from the files under ${sh.cwd})`, { tool: cmd, command, writes: [], exact: true });
      return true;
    }
    case 'cargo': {
      if (args[0] !== 'build' && args[0] !== 'install') return true;
      emit(sh, sh.resolve('target/release/app'), readTree(sh, ['src', 'Cargo.toml', 'Cargo.lock']), `cargo ${args[0]} → target/ (from src/, Cargo.toml, Cargo.lock)`, {
        tool: cmd,
        command,
        writes: named(['--root'])
      });
      return true;
    }
    case 'mvn':
    case 'gradle':
      emit(sh, sh.resolve('target/app.jar'), readTree(sh, ['src', 'pom.xml', 'build.gradle']), `${cmd} → target/ (from src/, pom.xml, build.gradle)`, { tool: cmd, command, writes: [] });
      return true;
    case 'npm':
    case 'yarn':
    case 'pnpm': {
      const global = args.some((a) => a === '-g' || a === '--global') || args[0] === 'global';
      const writes = global ? ['/usr/local/lib/node_modules', '/usr/local/bin'] : [];
      if (all.includes('build')) {
        emit(sh, sh.resolve('dist/app.js'), readTree(sh, ['src']), `${cmd} build → ${sh.resolve('dist')} (from src/)`, { tool: cmd, command, writes });
      } else {
        const inputs = readTree(sh, ['package.json', 'package-lock.json', 'yarn.lock', 'pnpm-lock.yaml']);
        emit(sh, sh.resolve('node_modules/.installed'), inputs, `${cmd} install → node_modules (from the manifests)`, { tool: cmd, command, writes });
      }
      return true;
    }
    case 'pip':
    case 'pip3': {
      let req: string | null = null;
      for (let i = 0; i < args.length - 1; i++) if (args[i] === '-r') req = args[i + 1];
      const target = '/usr/local/lib/site-packages/.installed';
      const writes = [...named(['--prefix', '--target', '-t', '--root']), ...(args.includes('--user') ? ['/root/.local'] : [])];
      if (!writes.length) writes.push(...PYTHON_LIBS, ...virtualEnvs(sh));
      if (req) emit(sh, target, readTree(sh, [req]), `pip install -r ${req} → site-packages`, { tool: cmd, command, writes, cwd: false });
      else if (sh.ctx.oracle) sh.writeFile(target, all + '\n', null, false);
      else emit(sh, target, digestOf({ pip: outputIdentity(args) }), `pip ${all}`, { tool: cmd, command, writes, cwd: false });
      return true;
    }
    default: {
      if (sh.ctx.oracle) sh.writeFile(`/var/lib/stub/pkgs/${cmd}`, all + '\n', null, false);
      else emit(sh, '', digestOf({ packages: cmd, args: outputIdentity(args) }), `${cmd} ${all}`, { tool: cmd, command, writes: SYSTEM_DIRS, cwd: false });
      return true;
    }
  }
}

/**
 * A dependency install the advisor's reader understands, in a real image: its
 * output follows the files it reads and lands where the reader says it
 * writes (install-output.ts), not all over its working directory. False when
 * the advisor does not understand the command.
 */
export function install(sh: ShellState, c: SimpleCommand): boolean {
  const seen = (rel: string): string | null => {
    const p = sh.resolve(rel);
    const e = sh.fs.get(p);
    return !e || e.assumed ? null : (sh.fs.readText(p) ?? '');
  };
  const m = installOutput(c.words, seen);
  if (!m) return false;
  const program = c.words[0].replace(/^.*\//, '');
  const digest = digestOf({ install: outputIdentity(c.words), reads: readTree(sh, m.reads) });
  const writes = m.writes.map((w) => (w.startsWith('/') ? w : absPath(sh.cwd, w)));
  if (writes.some((w) => w.includes('site-packages'))) writes.push(...virtualEnvs(sh));
  emit(sh, '', digest, `${c.words.join(' ')} → follows ${m.reads.join(', ') || 'its arguments'}`, { tool: program, command: c.raw, writes, cwd: false });
  return true;
}

/** Virtual environments on PATH (`python -m venv /opt/venv` then `ENV PATH=/opt/venv/bin:$PATH`): pip installs there. */
function virtualEnvs(sh: ShellState): string[] {
  const dirs = (sh.vars.get('PATH') ?? '').split(':').filter((d) => d.endsWith('/bin') && !SYSTEM_BINS.has(d));
  const venv = sh.vars.get('VIRTUAL_ENV');
  return [...new Set([...(venv ? [venv] : []), ...dirs.map((d) => d.slice(0, -4) || '/')])].filter((d) => d !== '/');
}

/**
 * The stand-in stub's digest of files: their bytes concatenated in sorted path
 * order, which is what the content sequences of the named trees, taken in the
 * same order, fingerprint.
 */
function readTree(sh: ShellState, paths: string[]): Digest {
  const blocks: Array<[string, Node]> = [];
  for (const p of paths) {
    const abs = sh.resolve(p);
    const node = sh.fs.get(abs) ? sh.fs.tree(abs) : undefined;
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
function emit(
  sh: ShellState,
  target: string,
  digest: Digest,
  note: string,
  o: { tool: string; command: string; writes: readonly string[]; exact?: boolean; cwd?: boolean }
): void {
  const built = digestOf({ built: digest });
  if (sh.ctx.oracle || o.exact) sh.put(target, { type: 'f', digest: built, mode: 0o644, size: 1, owner: '0:0' });
  if (!sh.ctx.oracle) {
    const claim = sh.claim(o.command, [], built, o.tool, o.exact ? [...o.writes, target] : o.writes);
    sh.fs = sh.fs.with(o.cwd === false ? { ...claim, cwd: '/' } : claim);
  }
  sh.notes.push(note);
}

/** The stand-in stub's log of its calls, one line each. */
function appendCall(sh: ShellState, line: string): void {
  const p = '/var/lib/stub/calls';
  const prev = sh.fs.readText(p) ?? '';
  sh.put(p, textEntry(prev + line + '\n'));
}
