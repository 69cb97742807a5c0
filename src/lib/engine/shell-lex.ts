/**
 * Variable expansion and word splitting the way the Dockerfile frontend does it
 * (BuildKit's `frontend/dockerfile/shell` lexer, as vendored in Docker 20.10).
 *
 * It is not a shell: it knows quotes, the escape character, `$V`, `${V}`,
 * `${V:-x}`, `${V:+x}` and `${V:?x}`, and nothing else. Docker applies it to
 * the arguments of FROM, COPY, ADD, ENV, ARG, LABEL, WORKDIR, USER, EXPOSE,
 * VOLUME and STOPSIGNAL when the Dockerfile is converted; RUN, CMD and
 * ENTRYPOINT are left for the shell in the container.
 */

/** Options of one expansion, named as BuildKit's `shell.Lex` fields. */
export interface LexOptions {
  /** The escape character (`\` unless the `escape` parser directive says otherwise). */
  escape?: string;
  /** Keep quote characters in the output (used for RUN step labels). */
  rawQuotes?: boolean;
  /** Keep escape characters in the output. */
  rawEscapes?: boolean;
  /** Leave `$UNSET` as written instead of expanding it to nothing (RUN labels). */
  skipUnsetEnv?: boolean;
}

/** Variables visible to an expansion; lookups are exact (Linux is case-sensitive). */
export type EnvLookup = (name: string) => string | undefined;

/** The result of processing one word: the text and its shell-style split. */
export interface LexResult {
  ok: boolean;
  /** The expanded text (the input unchanged when `ok` is false). */
  word: string;
  /** The expanded text split on unquoted white space (ProcessWords). */
  words: string[];
  /** What went wrong, in the daemon's words, when `ok` is false. */
  error?: string;
  /** The expansion passed MAX_EXPANSION (Layer Lab's cap, not a daemon error). */
  tooLong?: boolean;
}

class LexError extends Error {}

/**
 * The longest text one expansion may produce, in UTF-16 code units: 128 KiB,
 * Linux's limit on one argument or environment variable (MAX_ARG_STRLEN), so no
 * RUN could receive a longer value anyway. Docker has no such cap; Layer Lab
 * stops there so that variables doubling themselves line after line
 * (`ARG A1=${A0}${A0}`...) end in a clear error instead of freezing the page.
 */
export const MAX_EXPANSION = 128 * 1024;

class TooLong extends LexError {
  constructor() {
    super(
      `it expands to more than ${MAX_EXPANSION / 1024} KiB (${MAX_EXPANSION} characters), where Layer Lab stops: ` +
        'Linux cannot pass a longer value to a command, so a RUN could not receive it'
    );
  }
}

/** Appends an expansion's piece to its text, or stops when the text would pass the cap. */
function grown(text: string, piece: string): string {
  if (text.length + piece.length > MAX_EXPANSION) throw new TooLong();
  return text + piece;
}

const isSpace = (ch: string) => /\s/u.test(ch);
const isDigit = (ch: string) => ch >= '0' && ch <= '9';
const isNameChar = (ch: string) => /[\p{L}\p{N}_]/u.test(ch);
const SPECIAL_PARAMS = new Set(['@', '*', '#', '?', '-', '$', '!', '0']);

class Words {
  word = '';
  words: string[] = [];
  inWord = false;
  addChar(ch: string) {
    if (isSpace(ch)) {
      if (this.inWord && this.word.length) {
        this.words.push(this.word);
        this.word = '';
        this.inWord = false;
      }
    } else this.addRawChar(ch);
  }
  addRawChar(ch: string) {
    this.word += ch;
    this.inWord = true;
  }
  addString(s: string) {
    for (const ch of s) this.addChar(ch);
  }
  addRawString(s: string) {
    this.word += s;
    this.inWord = true;
  }
  get(): string[] {
    if (this.word.length) {
      this.words.push(this.word);
      this.word = '';
      this.inWord = false;
    }
    return this.words;
  }
}

class Lexer {
  private chars: string[];
  private pos = 0;
  constructor(
    source: string,
    private env: EnvLookup,
    private opts: Required<LexOptions>
  ) {
    this.chars = Array.from(source);
  }
  private peek(): string | null {
    return this.pos < this.chars.length ? this.chars[this.pos] : null;
  }
  private next(): string | null {
    return this.pos < this.chars.length ? this.chars[this.pos++] : null;
  }

  processStopOn(stop: string | null): { word: string; words: string[] } {
    let result = '';
    const words = new Words();
    while (this.peek() !== null) {
      const ch = this.peek() as string;
      if (stop !== null && ch === stop) {
        this.next();
        return { word: result, words: words.get() };
      }
      if (ch === '$') {
        const tmp = this.processDollar();
        result = grown(result, tmp);
        words.addString(tmp);
      } else if (ch === "'") {
        const tmp = this.processSingleQuote();
        result = grown(result, tmp);
        words.addRawString(tmp);
      } else if (ch === '"') {
        const tmp = this.processDoubleQuote();
        result = grown(result, tmp);
        words.addRawString(tmp);
      } else {
        let c = this.next() as string;
        if (c === this.opts.escape) {
          if (this.opts.rawEscapes) {
            words.addRawChar(c);
            result += c;
          }
          const n = this.next();
          if (n === null) break;
          c = n;
          words.addRawChar(c);
        } else words.addChar(c);
        result += c;
      }
    }
    if (stop !== null) throw new LexError(`unexpected end of statement while looking for matching ${stop}`);
    return { word: result, words: words.get() };
  }

  private processSingleQuote(): string {
    let result = '';
    const open = this.next() as string;
    if (this.opts.rawQuotes) result += open;
    for (;;) {
      const ch = this.next();
      if (ch === null) throw new LexError('unexpected end of statement while looking for matching single-quote');
      if (ch === "'") {
        if (this.opts.rawQuotes) result += ch;
        return result;
      }
      result += ch;
    }
  }

  private processDoubleQuote(): string {
    let result = '';
    const open = this.next() as string;
    if (this.opts.rawQuotes) result += open;
    for (;;) {
      const p = this.peek();
      if (p === null) throw new LexError('unexpected end of statement while looking for matching double-quote');
      if (p === '"') {
        const ch = this.next() as string;
        if (this.opts.rawQuotes) result += ch;
        return result;
      }
      if (p === '$') {
        result = grown(result, this.processDollar());
        continue;
      }
      let ch = this.next() as string;
      if (ch === this.opts.escape) {
        if (this.opts.rawEscapes) result += ch;
        const q = this.peek();
        if (q === null) continue;
        if (q === '"' || q === '$' || q === this.opts.escape) ch = this.next() as string;
      }
      result += ch;
    }
  }

  private processName(): string {
    let name = '';
    while (this.peek() !== null) {
      const ch = this.peek() as string;
      if (name.length === 0 && isDigit(ch)) {
        while (this.peek() !== null && isDigit(this.peek() as string)) name += this.next();
        return name;
      }
      if (name.length === 0 && SPECIAL_PARAMS.has(ch)) return this.next() as string;
      if (!isNameChar(ch)) break;
      name += this.next();
    }
    return name;
  }

  private processDollar(): string {
    this.next(); // the $
    if (this.peek() !== '{') {
      const name = this.processName();
      if (name === '') return '$';
      const value = this.env(name);
      if (value === undefined && this.opts.skipUnsetEnv) return '$' + name;
      return value ?? '';
    }
    this.next(); // the {
    const first = this.peek();
    if (first === null) throw new LexError("syntax error: missing '}'");
    if (first === '{' || first === '}' || first === ':') throw new LexError('syntax error: bad substitution');
    const name = this.processName();
    const ch = this.next();
    if (ch === '}') {
      const value = this.env(name);
      if (value === undefined && this.opts.skipUnsetEnv) return '${' + name + '}';
      return value ?? '';
    }
    if (ch === ':') {
      const modifier = this.next();
      let word: string;
      try {
        word = this.processStopOn('}').word;
      } catch (e) {
        if (this.peek() === null) throw new LexError("syntax error: missing '}'");
        throw e;
      }
      const value = this.env(name);
      const found = value !== undefined;
      switch (modifier) {
        case '+': {
          if (!found && this.opts.skipUnsetEnv) return '${' + name + ':+' + word + '}';
          return value ? word : '';
        }
        case '-': {
          if (!found && this.opts.skipUnsetEnv) return '${' + name + ':-' + word + '}';
          return value ? value : word;
        }
        case '?': {
          if (!found) throw new LexError(`${name}: ${word || 'is not allowed to be unset'}`);
          if (!value) throw new LexError(`${name}: ${word || 'is not allowed to be empty'}`);
          return value;
        }
        default:
          throw new LexError(`unsupported modifier (${modifier ?? ''}) in substitution`);
      }
    }
    throw new LexError("missing ':' in substitution");
  }
}

function run(source: string, env: EnvLookup, opts: LexOptions): LexResult {
  const full: Required<LexOptions> = {
    escape: opts.escape ?? '\\',
    rawQuotes: opts.rawQuotes ?? false,
    rawEscapes: opts.rawEscapes ?? false,
    skipUnsetEnv: opts.skipUnsetEnv ?? false
  };
  try {
    const { word, words } = new Lexer(source, env, full).processStopOn(null);
    return { ok: true, word, words };
  } catch (e) {
    const message = e instanceof LexError ? e.message : String(e);
    return { ok: false, word: source, words: [source], error: `failed to process "${source}": ${message}`, tooLong: e instanceof TooLong || undefined };
  }
}

/** Expands one word (BuildKit's ProcessWord): quotes removed, variables substituted. */
export function processWord(source: string, env: EnvLookup, opts: LexOptions = {}): LexResult {
  return run(source, env, opts);
}

/** Expands and splits on unquoted white space (BuildKit's ProcessWords). */
export function processWords(source: string, env: EnvLookup, opts: LexOptions = {}): LexResult {
  return run(source, env, opts);
}

/** An EnvLookup over an ordered list of [name, value] pairs (later entries win). */
export function lookupIn(pairs: ReadonlyArray<readonly [string, string]>): EnvLookup {
  return (name) => {
    for (let i = pairs.length - 1; i >= 0; i--) if (pairs[i][0] === name) return pairs[i][1];
    return undefined;
  };
}

/** An EnvLookup over a plain record. */
export function lookupRecord(record: Readonly<Record<string, string>>): EnvLookup {
  return (name) => (Object.prototype.hasOwnProperty.call(record, name) ? record[name] : undefined);
}

/** Whether a text references a variable at all (cheap pre-check). */
export function mentionsVariable(text: string): boolean {
  return text.includes('$');
}
