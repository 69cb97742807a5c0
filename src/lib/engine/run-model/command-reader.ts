/**
 * The one reader of a RUN's shell script: splits it into simple commands the
 * way busybox ash (the oracle's shell) and any POSIX sh do, with quotes
 * removed, `\` escapes applied, `$VAR` substituted, assignments and redirects
 * set apart, and the operator that joins each command to the next.
 *
 * The engine's interpreter (interpreter.ts), the advisor (advisor/installers.ts,
 * advisor/caches.ts) and the lint rules (lint/package-managers.ts) all read a
 * RUN through it, so `RUN echo "a && npm ci"` is one `echo` for all of them and
 * `RUN 'npm' ci` is an `npm ci`.
 *
 * What it does not follow (loops and conditionals are words like any other;
 * the interpreter stops at them): command substitution and backquotes, which
 * make `tokenize` give up (null), and which `readCommands` keeps as literal
 * text instead. A heredoc (`cat <<EOF`) is read as redirects and plain words,
 * line by line, as it always was.
 */
import { MAX_EXPANSION } from '../shell-lex';

/** One simple command of a script: `A=1 prog args >file`, with the operator after it. */
export interface SimpleCommand {
  /** `NAME=value` words before the program, in order, values expanded. */
  assigns: Array<[string, string]>;
  /** The program and its arguments, expanded and unquoted; empty for a bare assignment or redirect. */
  words: string[];
  /** For each word, whether it holds a wildcard outside quotes (the shell expands it). */
  globs?: boolean[];
  /** File redirects in order; fd duplications (`2>&1`) are left out. */
  redirects: Array<{ op: '>' | '>>' | '<'; target: string }>;
  /** The operator that joins it to the next command; null for the last one. */
  next: '&&' | '||' | ';' | '|' | null;
  /** Its text as written, trimmed (for notes and explanations). */
  raw: string;
}

/** Looks a variable up; undefined when it is not set. */
export type EnvLookup = (name: string) => string | undefined;

/**
 * Splits a shell script into simple commands with their words expanded
 * (quotes removed, `$VAR` substituted from `env`). Returns null when the
 * script uses syntax this model does not follow (command substitution,
 * backquotes, an unterminated quote) or when an expansion would grow past
 * Linux's MAX_ARG_STRLEN.
 */
export function tokenize(text: string, env: EnvLookup): SimpleCommand[] | null {
  return read(text, env, false);
}

/**
 * The commands of a script as a reader that never gives up sees them: as
 * `tokenize` with no variable set, except that a command substitution or a
 * backquoted command stays in its word as written and an unterminated quote
 * runs to the end. For lint, which must say something about every RUN.
 */
export function readCommands(text: string): SimpleCommand[] {
  return read(text, () => undefined, true) ?? [];
}

const SHELLS = /(^|\/)(sh|bash|ash|dash|zsh)$/;

/** Whether a program is a POSIX-style shell (`sh`, `/bin/bash`...). */
export function isShell(program: string): boolean {
  return SHELLS.test(program);
}

/**
 * The script of a `sh -c 'script'` command (any flag cluster holding `c`,
 * `-ec`, `-xc`), or null when the words run no inline script.
 */
export function inlineScript(words: string[]): string | null {
  if (!words.length || !isShell(words[0])) return null;
  const flag = words.findIndex((a, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(a));
  return flag >= 0 && words[flag + 1] !== undefined ? words[flag + 1] : null;
}

function read(text: string, env: EnvLookup, lenient: boolean): SimpleCommand[] | null {
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
  /** A `$(...)` or backquoted command at text[i], as written; null when the reader gives up on it. */
  const substitution = (): string | null => {
    if (!lenient) return null;
    const from = i;
    if (text[i] === '`') {
      i++;
      while (i < text.length && text[i] !== '`') i += text[i] === '\\' ? 2 : 1;
    } else {
      let depth = 0;
      for (i++; i < text.length; i++) {
        if (text[i] === '(') depth++;
        else if (text[i] === ')' && --depth === 0) break;
      }
    }
    i = Math.min(i + 1, text.length);
    return text.slice(from, i);
  };
  // A word longer than the expansion cap cannot reach a command (Linux's
  // MAX_ARG_STRLEN); the script is then left opaque instead of growing it.
  const expandVar = (): string | null => {
    const v = expandVarAt();
    return v !== null && word.length + v.length > MAX_EXPANSION ? null : v;
  };
  const expandVarAt = (): string | null => {
    // at text[i] === '$'
    const rest = text.slice(i + 1);
    if (rest.startsWith('(')) return substitution();
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
    if (ch === '$' || ch === '`') {
      const v = ch === '$' ? expandVar() : substitution();
      if (v === null) return null;
      word += v;
      inWord = true;
      continue;
    }
    if (ch === "'") {
      let end = text.indexOf("'", i + 1);
      if (end < 0 && !lenient) return null;
      if (end < 0) end = text.length;
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
        } else if (text[i] === '$' || text[i] === '`') {
          const v = text[i] === '$' ? expandVar() : substitution();
          if (v === null) return null;
          word += v;
        } else word += text[i++];
      }
      if (i >= text.length && !lenient) return null;
      i++;
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
    if ((ch === '(' || ch === ')' || ch === '{' || ch === '}') && !inWord) {
      word = ch;
      inWord = true;
      endWord();
      i++;
      continue;
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
