/**
 * The only importer of dockerfile-ast. It turns Dockerfile text into plain
 * records: one per instruction, with the text the daemon sees.
 *
 * dockerfile-ast finds the instructions, their keywords, ranges and the parser
 * directives. The text of each instruction is then rebuilt the way BuildKit's
 * parser (`frontend/dockerfile/parser`) joins a logical line: comment lines and
 * empty lines inside a continuation are dropped, the escape character and the
 * blanks after it are removed, and each continuation line keeps its own leading
 * white space. That joined text is what the daemon prints and what RUN's cache
 * key is made of, so it must be exact.
 */
import { DockerfileParser } from 'dockerfile-ast';
import type { EngineMemo } from './memo';
import type { Diagnostic, SourceRange } from './types';

/** A `--name=value` (or bare `--name`) flag before an instruction's arguments. */
export interface ParsedFlag {
  name: string;
  /** null for a bare `--name`. */
  value: string | null;
}

/** One instruction, as plain data. */
export interface ParsedInstruction {
  /** Position in the file (0-based), counting every instruction. */
  index: number;
  /** The keyword, upper-cased (`RUN`). */
  keyword: string;
  /** The keyword as written (`run`). */
  written: string;
  /** The whole logical line, joined and trimmed: BuildKit's `Original`. */
  original: string;
  /** Everything after the flags, trimmed: the command of a shell-form RUN. */
  args: string;
  flags: ParsedFlag[];
  /** The arguments as a JSON string array (exec form), or null for shell form. */
  json: string[] | null;
  range: SourceRange;
  /** True when the instruction uses a heredoc (`<<EOF`), which Docker 20.10's frontend cannot parse. */
  heredoc: boolean;
}

export interface ParsedDirective {
  name: string;
  value: string;
  range: SourceRange;
}

export interface ParsedDockerfile {
  /** The escape character: `\` unless `# escape=` says otherwise. */
  escape: string;
  directives: ParsedDirective[];
  instructions: ParsedInstruction[];
  diagnostics: Diagnostic[];
}

/** The instructions Docker 20.10 knows. */
export const KNOWN_INSTRUCTIONS = new Set([
  'FROM',
  'RUN',
  'CMD',
  'LABEL',
  'MAINTAINER',
  'EXPOSE',
  'ENV',
  'ADD',
  'COPY',
  'ENTRYPOINT',
  'VOLUME',
  'USER',
  'WORKDIR',
  'ARG',
  'ONBUILD',
  'STOPSIGNAL',
  'HEALTHCHECK',
  'SHELL'
]);

/** Offsets of line starts, to turn {line, character} positions into offsets. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** A source range from 0-based {line, character} positions. */
function toRange(starts: number[], text: string, start: Pos, end: Pos): SourceRange {
  const off = (p: Pos) => Math.min(text.length, (starts[p.line] ?? text.length) + p.character);
  return { from: off(start), to: off(end), line: start.line + 1, endLine: end.line + 1 };
}

interface Pos {
  line: number;
  character: number;
}

const isBlank = (s: string) => /^\s*$/.test(s);
const isCommentLine = (s: string) => /^\s*#/.test(s);

/**
 * Joins the physical lines of one instruction the way BuildKit does, starting at
 * `startLine` (0-based). Returns the logical line and the last physical line used.
 */
export function joinLogicalLine(
  lines: string[],
  startLine: number,
  escape: string
): { text: string; lastLine: number } {
  const cont = new RegExp(escapeRegExp(escape) + '[ \\t]*$');
  let first = (lines[startLine] ?? '').replace(/\r$/, '').replace(/^\s+/, '');
  let ended = !cont.test(first);
  if (!ended) first = first.replace(cont, '');
  let text = first;
  let i = startLine;
  while (!ended && i + 1 < lines.length) {
    i++;
    const raw = lines[i].replace(/\r$/, '');
    if (isCommentLine(raw)) continue;
    if (isBlank(raw)) continue;
    if (cont.test(raw)) text += raw.replace(cont, '');
    else {
      text += raw;
      ended = true;
    }
  }
  return { text, lastLine: i };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Splits a joined line into keyword, flags and arguments the way BuildKit's
 * `splitCommand` and `extractBuilderFlags` do.
 */
export function splitCommand(line: string): { written: string; flags: ParsedFlag[]; args: string } {
  const trimmed = line.trim();
  const m = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
  const written = m ? m[1] : trimmed;
  const rest = m ? m[2] : '';
  const { flags, remaining } = extractFlags(rest);
  return { written, flags, args: remaining.trim() };
}

function extractFlags(line: string): { flags: ParsedFlag[]; remaining: string } {
  const words: string[] = [];
  let pos = 0;
  for (;;) {
    while (pos < line.length && /\s/.test(line[pos])) pos++;
    if (pos >= line.length) return { flags: words.map(toFlag), remaining: '' };
    if (!(line[pos] === '-' && line[pos + 1] === '-'))
      return { flags: words.map(toFlag), remaining: line.slice(pos) };
    // one word, honouring quotes and backslash escapes as BuildKit does
    let word = '';
    let quote: string | null = null;
    let blankOk = false;
    while (pos < line.length) {
      const ch = line[pos];
      if (quote) {
        if (ch === quote) quote = null;
        else if (ch === '\\' && pos + 1 < line.length) word += line[++pos];
        else if (ch !== '\\') word += ch;
        pos++;
        continue;
      }
      if (/\s/.test(ch)) break;
      if (ch === "'" || ch === '"') {
        quote = ch;
        blankOk = true;
      } else if (ch === '\\') {
        if (pos + 1 < line.length) word += line[++pos];
      } else word += ch;
      pos++;
    }
    if (word === '--') return { flags: words.map(toFlag), remaining: line.slice(pos) };
    if (blankOk || word.length) words.push(word);
  }
}

function toFlag(word: string): ParsedFlag {
  const body = word.replace(/^--/, '');
  const eq = body.indexOf('=');
  return eq < 0 ? { name: body, value: null } : { name: body.slice(0, eq), value: body.slice(eq + 1) };
}

/** Parses `args` as a JSON string array (exec form), as BuildKit's parseJSON does. */
export function parseJsonArray(args: string): string[] | null {
  const t = args.trim();
  if (!t.startsWith('[')) return null;
  try {
    const v: unknown = JSON.parse(t);
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) return null;
    return v as string[];
  } catch {
    return null;
  }
}

const HEREDOC = /(^|\s)<<-?\s*["']?[A-Za-z_][A-Za-z0-9_]*["']?/;

/**
 * Parses a Dockerfile into plain records. Never throws: problems become
 * diagnostics. With a memo, an unchanged text is parsed once (the records are
 * immutable).
 */
export function parseDockerfile(text: string, memo?: EngineMemo): ParsedDockerfile {
  return memo ? memo.parse(text, parseUncached) : parseUncached(text);
}

function parseUncached(raw: string): ParsedDockerfile {
  // BuildKit strips a UTF-8 byte-order mark from the first line.
  const text = raw.startsWith('\uFEFF') ? ' ' + raw.slice(1) : raw;
  const diagnostics: Diagnostic[] = [];
  const starts = lineStarts(text);
  const lines = text.split('\n');
  let ast;
  try {
    ast = DockerfileParser.parse(text);
  } catch (e) {
    diagnostics.push({
      severity: 'error',
      message: `The Dockerfile could not be parsed: ${String(e)}`,
      range: null,
      code: 'parse'
    });
    return { escape: '\\', directives: [], instructions: [], diagnostics };
  }
  const escape = ast.getEscapeCharacter() === '`' ? '`' : '\\';
  const directives: ParsedDirective[] = ast.getDirectives().map((d) => {
    const r = d.getRange();
    return {
      name: d.getName().toLowerCase(),
      value: d.getValue(),
      range: toRange(starts, text, r.start, r.end)
    };
  });

  const instructions: ParsedInstruction[] = [];
  for (const ins of ast.getInstructions()) {
    const r = ins.getRange();
    const startLine = r.start.line;
    const { text: joined, lastLine } = joinLogicalLine(lines, startLine, escape);
    const original = joined.trim();
    const { written, flags, args } = splitCommand(original);
    const keyword = written.toUpperCase();
    const heredoc = (keyword === 'RUN' || keyword === 'COPY' || keyword === 'ADD') && HEREDOC.test(args);
    // The range ends where the daemon's logical line ends; dockerfile-ast's end
    // runs further only for heredocs, which Docker 20.10 does not have.
    const endLine = heredoc ? r.end.line : Math.max(lastLine, startLine);
    const endChar = heredoc ? r.end.character : (lines[endLine] ?? '').replace(/\r$/, '').length;
    const range = toRange(starts, text, r.start, { line: endLine, character: endChar });
    const takesJson = ['RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'COPY', 'ADD', 'VOLUME'].includes(keyword);
    instructions.push({
      index: instructions.length,
      keyword,
      written,
      original,
      args,
      flags,
      json: takesJson ? parseJsonArray(args) : null,
      range,
      heredoc
    });
    if (!KNOWN_INSTRUCTIONS.has(keyword)) {
      diagnostics.push({
        severity: 'error',
        message: `unknown instruction: ${written.toUpperCase()}`,
        range,
        code: 'parse'
      });
    }
    if (heredoc) {
      diagnostics.push({
        severity: 'error',
        message:
          'Heredocs (<<EOF) need the dockerfile:1.4 frontend; the parser built into Docker 20.10 reads the heredoc body as instructions and fails.',
        range,
        code: 'parse'
      });
    }
  }
  return { escape, directives, instructions, diagnostics };
}
