/**
 * The plain shell file commands the interpreter follows file by file: cd,
 * mkdir, touch, rm, ln, cp, mv, chmod, chown, `sed -i`, and echo, printf and
 * cat into a file. Their output is exact where the model knows the bytes, so
 * a `COPY --from` of what they wrote compares by content as the daemon's does
 * (oracle scenarios copy-from-shell-written-file, run-cp-glob-parent-dir).
 */
import { digestOf, sha256Text } from '../digest';
import { absPath, type Layer } from '../fs';
import { goMatch } from '../glob';
import type { FsEntry } from '../images';
import { insert, newDir, walk, type Node } from '../tree';
import { chmodMode } from './chmod';
import type { SimpleCommand } from './command-reader';
import { dirEntry, textEntry, type ShellState } from './shell-state';

/**
 * What a file command did: `done` when it also took care of its redirects
 * (its exit status is 0), `handled` when the caller still writes its standard
 * output to them, `unhandled` when this form is not followed (`sed` without
 * `-i`: a filter like any other).
 */
export type FileCommandResult = 'done' | 'handled' | 'unhandled';

/**
 * Runs one file command (`cmd` is the program's base name, `c` the expanded
 * command, `args` its words after the program) against the shell's file
 * system; `out` are its output redirects.
 * Null when `cmd` is not a file command.
 */
export function fileCommand(
  sh: ShellState,
  cmd: string,
  c: SimpleCommand,
  args: string[],
  out: SimpleCommand['redirects']
): FileCommandResult | null {
  switch (cmd) {
    case 'cd':
      sh.cwd = sh.resolve(args[0] ?? '/root');
      return 'handled';
    case 'mkdir':
      for (const a of operands(args)) sh.put(sh.resolve(a), dirEntry());
      return 'handled';
    case 'touch':
      for (const a of operands(args)) {
        const p = sh.resolve(a);
        if (!sh.fs.get(p)) sh.put(p, textEntry(''));
      }
      return 'handled';
    case 'rm':
      for (const a of operands(args)) remove(sh, a);
      return 'handled';
    case 'ln': {
      const rest = operands(args);
      if (rest.length === 2) {
        const target = rest[0];
        let link = sh.resolve(rest[1]);
        if (sh.fs.get(link)?.type === 'd') link = absPath(link, target.replace(/^.*\//, ''));
        sh.put(link, { type: 'l', digest: sha256Text('link:' + target), mode: 0o777, size: target.length, owner: '0:0', target });
      }
      return 'handled';
    }
    case 'cp':
    case 'mv': {
      const rest = operands(args);
      if (rest.length >= 2) {
        const dest = sh.resolve(rest[rest.length - 1]);
        const destIsDir = rest.length > 2 || sh.fs.get(dest)?.type === 'd';
        for (const s of rest.slice(0, -1)) {
          const src = sh.resolve(s);
          const t = sh.fs.tree(src);
          if (!t) continue;
          const to = destIsDir ? absPath(dest, src.replace(/^.*\//, '')) : dest;
          sh.fs = sh.fs.with({ kind: 'tree', dest: to, node: t });
          if (cmd === 'mv') sh.fs = sh.fs.with({ kind: 'delete', path: src });
        }
      }
      return 'handled';
    }
    case 'chmod':
    case 'chown': {
      const rest = operands(args);
      const recursive = args.some((a) => /^-[a-zA-Z]*R/.test(a));
      const spec = rest[0] ?? '';
      for (const a of rest.slice(1)) changeMeta(sh, sh.resolve(a), cmd, spec, recursive);
      return 'handled';
    }
    case 'sed': {
      // In-place edits rewrite the file; its new bytes are known when its old ones are.
      if (!args.some((f) => f.startsWith('-i'))) return 'unhandled';
      const [script, ...targets] = operands(args);
      for (const t of targets) {
        const p = sh.resolve(t);
        const old = sh.fs.get(p);
        if (!old) continue;
        const text = sh.textOf(['sed', '-e', script ?? '', t], null);
        if (text !== null) sh.put(p, { ...textEntry(text), mode: old.mode, owner: old.owner });
        else sh.put(p, { ...old, digest: digestOf({ edited: c.words, was: old.digest }), text: undefined });
      }
      return 'done';
    }
    case 'echo':
    case 'printf': {
      if (!out.length) return 'done';
      const text = cmd === 'echo' ? echoText(args) : args.join(' ');
      for (const r of out) sh.writeFile(r.target, text, null, r.op === '>>');
      return 'done';
    }
    case 'cat': {
      if (!out.length) return 'done';
      const files = operands(args).map((a) => sh.fs.get(sh.resolve(a)));
      const texts = files.map((f) => f?.text);
      if (texts.every((t) => typeof t === 'string')) for (const r of out) sh.writeFile(r.target, texts.join(''), null, r.op === '>>');
      else for (const r of out) sh.writeFile(r.target, null, digestOf(files.map((f) => f?.digest ?? null)), r.op === '>>');
      return 'done';
    }
    default:
      return null;
  }
}

/** busybox echo's output: `-n` drops the newline; `-e`/`-E` are accepted and change nothing the model writes. */
/** The words that are not options (`-p`, `-rf`). */
function operands(args: string[]): string[] {
  return args.filter((a) => !a.startsWith('-'));
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

function remove(sh: ShellState, arg: string): void {
  if (/[*?[]/.test(arg)) {
    // A glob: remove what it matches. With an unknown image, the directory is emptied.
    const dir = sh.resolve(arg.replace(/\/[^/]*[*?[].*$/, '') || '/');
    const base = arg.replace(/^.*\//, '');
    const tree = sh.fs.tree(dir);
    if (!tree?.children) return;
    for (const name of tree.children.keys()) if (goMatch(base, name) === true) sh.fs = sh.fs.with({ kind: 'delete', path: absPath(dir, name) });
    return;
  }
  sh.fs = sh.fs.with({ kind: 'delete', path: sh.resolve(arg) });
}

function changeMeta(sh: ShellState, path: string, cmd: 'chmod' | 'chown', spec: string, recursive: boolean): void {
  const e = sh.fs.get(path);
  if (!e) return;
  const change = (entry: FsEntry): FsEntry =>
    cmd === 'chown' ? { ...entry, owner: spec } : { ...entry, mode: chmodMode(entry.mode, spec, entry.type === 'd') };
  if (!recursive || e.type !== 'd') {
    sh.put(path, change(e));
    return;
  }
  // One layer for the whole tree, not one per file.
  const t = sh.fs.tree(path);
  if (!t) return;
  const root: Node = newDir(change(t.entry));
  for (const [r, n] of walk(t)) insert(root, r, n.children ? newDir(change(n.entry)) : { entry: change(n.entry), children: null }, () => change(t.entry));
  sh.fs = sh.fs.with({ kind: 'tree', dest: path, node: root } as Layer);
}
