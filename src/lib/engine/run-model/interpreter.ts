/**
 * What a RUN writes: a model of command outputs, used only where the daemon
 * compares content (`COPY --from`, bind mounts from a stage). A RUN's own cache
 * key never depends on it.
 *
 * The script is read by command-reader.ts and run here with busybox ash's
 * semantics for `&&`, `||`, `;` and pipelines. Plain shell file commands (echo
 * into a file, mkdir, cp, rm, chmod, ln...) are followed file by file
 * (file-commands.ts), build tools and package managers as reproducible
 * programs (tools.ts), text filters on known contents (text-filters.ts).
 * Anything else is "opaque": new files it may create follow its command line
 * and the files it names (run-output.ts).
 */
import { digestOf } from '../digest';
import type { StageFs } from '../fs';
import { inlineScript, isShell, tokenize, type SimpleCommand } from './command-reader';
import { fileCommand } from './file-commands';
import { FILTERS, KEYWORDS, NOOP, ORACLE_NOOP } from './programs';
import { ShellState, type RunContext } from './shell-state';
import { install, tool } from './tools';

export type { RunContext } from './shell-state';

/** What a RUN did, as far as the model can tell. */
export interface RunEffect {
  /** The stage file system after the RUN. */
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

/** Applies a RUN's modelled effects to a file system. */
export function runEffects(ctx: RunContext): RunEffect {
  const sh = new ShellState(ctx);
  if (ctx.argv) {
    const argv = ctx.argv;
    const shellStatus = argv.length >= 3 && isShell(argv[0]) ? sh.programStatus(argv[0]) : null;
    if (shellStatus !== null && shellStatus !== 0) sh.fail(argv[0], shellStatus);
    else if (shellStatus === 0 && argv[1].startsWith('-') && argv[1].includes('c')) script(sh, argv[2]);
    else sh.status = exec(sh, { assigns: [], words: argv, redirects: [], next: null, raw: argv.join(' ') });
  } else if (ctx.script !== null) {
    const shellStatus = ctx.shell.length ? sh.programStatus(ctx.shell[0]) : 0;
    if (shellStatus !== 0) sh.fail(ctx.shell[0], shellStatus);
    else if (ctx.shell.length && !isShell(ctx.shell[0])) sh.opaque(ctx.script, []);
    else script(sh, ctx.script);
  }
  return { fs: sh.fs, notes: sh.notes, status: sh.status, failedOn: sh.failedOn };
}

/**
 * Runs a script with sh semantics for `&&`, `||` and `;`: the exit status of
 * the last command that ran is the script's.
 */
function script(sh: ShellState, text: string): void {
  const commands = tokenize(text, (name) => sh.vars.get(name));
  if (commands === null) {
    sh.opaque(text, text.split(/\s+/).filter(Boolean));
    return;
  }
  let status = 0;
  for (let i = 0; i < commands.length; i++) {
    const c = commands[i];
    const prev = i > 0 ? commands[i - 1].next : null;
    const runs = prev === '&&' ? status === 0 : prev === '||' ? status !== 0 : true;
    if (c.words.length && KEYWORDS.has(c.words[0])) {
      // Loops and conditionals are beyond this model: the rest is one opaque step that succeeds.
      if (runs) sh.opaque(commands.slice(i).map((x) => x.raw).join(' '), commands.slice(i).flatMap((x) => x.words));
      sh.status = runs ? 0 : status;
      return;
    }
    if (c.next === '|') {
      // A pipeline: its output is whatever the last command redirects, derived from all their inputs.
      let j = i;
      while (j < commands.length && commands[j].next === '|') j++;
      const parts = commands.slice(i, j + 1);
      if (runs) status = pipeline(sh, parts);
      i = j;
      continue;
    }
    if (!runs) continue;
    if (c.words[0] === 'exit') {
      sh.status = Number(c.words[1] ?? status) || 0;
      if (sh.status) sh.failedOn = sh.failedOn ?? 'exit';
      return;
    }
    status = exec(sh, c);
  }
  sh.status = status;
}

function pipeline(sh: ShellState, parts: SimpleCommand[]): number {
  const last = parts[parts.length - 1];
  // Without pipefail, a pipeline's status is its last command's.
  const lastStatus = last.words.length ? sh.programStatus(last.words[0]) : 0;
  const out = last.redirects.filter((r) => r.op !== '<');
  if (out.length) {
    // Text filters on known contents give exact bytes; anything else follows the inputs.
    let text: string | null = null;
    for (const [i, part] of parts.entries()) {
      // An unsorted find lists in file system order, which nobody can predict.
      if (part.words[0] === 'find' && parts[i + 1]?.words[0] !== 'sort') text = null;
      else text = i === 0 || text !== null ? sh.textOf(part.words, i === 0 ? null : text) : null;
      if (text === null) break;
    }
    const digest = text === null ? digestOf({ pipeline: parts.map((p) => p.words), inputs: sh.inputsOf(parts.flatMap((p) => p.words)) }) : null;
    for (const r of out) sh.writeFile(r.target, text, digest, r.op === '>>');
  }
  if (lastStatus) sh.failedOn = last.words[0];
  return lastStatus;
}

/** Runs one simple command; returns its exit status. */
function exec(sh: ShellState, written: SimpleCommand): number {
  for (const [k, v] of written.assigns) if (!written.words.length) sh.vars.set(k, v);
  if (!written.words.length) return 0;
  // rm matches its own wildcards: it deletes what it can see and needs nothing else.
  const c = /(^|\/)rm$/.test(written.words[0]) ? written : sh.expand(written);
  if (!c) {
    const found = sh.programStatus(written.words[0]);
    if (found) return found;
    sh.opaque(written.raw, written.words);
    return 0;
  }
  const [cmd0, ...args] = c.words;
  if (cmd0 === 'false') return 1;
  const found = sh.programStatus(cmd0);
  if (found) {
    sh.failedOn = cmd0;
    return found;
  }
  const cmd = cmd0.replace(/^.*\//, '');
  const out = c.redirects.filter((r) => r.op !== '<');
  if (isShell(cmd) && !out.length) {
    const inline = inlineScript(c.words);
    if (inline !== null) {
      script(sh, inline);
      return sh.status;
    }
    // `sh script.sh` runs a file the engine does not read.
    if (args.some((a) => !a.startsWith('-'))) sh.opaque(c.raw, c.words);
    return 0;
  }
  const done = fileCommand(sh, cmd, c, args, out);
  if (done === 'done') return 0;
  const handled = done === null ? (!sh.ctx.oracle && install(sh, c)) || tool(sh, cmd, args, c.raw) : done === 'handled';
  if (!handled) {
    if (sh.ctx.oracle && (ORACLE_NOOP.has(cmd) || NOOP.has(cmd))) {
      // In the stand-in image these programs are stubs that write nothing we model.
    } else if (!NOOP.has(cmd)) sh.opaque(c.raw, c.words);
  }
  if (out.length) {
    const text = FILTERS.has(cmd) && cmd !== 'find' ? sh.textOf(c.words, null) : null;
    const digest = text === null ? digestOf({ output: c.words, inputs: sh.inputsOf(args) }) : null;
    for (const r of out) sh.writeFile(r.target, text, digest, r.op === '>>');
  }
  return 0;
}
