/**
 * Dockerfile-level word splitting: the words of ARG, ENV, LABEL, FROM and
 * friends, split the way BuildKit's parser does (`parseWords`: white space
 * outside quotes, the escape character kept with what it escapes), and the
 * key/value fields of a RUN `--mount`. This is not shell splitting: RUN
 * commands are read by run-model/, and variables are expanded by shell-lex.ts.
 */
import type { ParsedInstruction } from './parse';

/** Splits `ARG`/`ENV`-style words, honouring quotes, as BuildKit's parseWords does. */
export function splitWords(text: string, escape: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: string | null = null;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (!quote && /\s/.test(ch)) {
      if (inWord) {
        words.push(word);
        word = '';
        inWord = false;
      }
      continue;
    }
    inWord = true;
    if (ch === escape && i + 1 < text.length && quote !== "'") {
      word += ch + text[++i];
      continue;
    }
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    word += ch;
  }
  if (inWord) words.push(word);
  return words;
}

/** `KEY=VALUE` pairs of an ARG, raw (values unexpanded, quotes kept). */
export function argPairs(
  ins: ParsedInstruction,
  escape: string
): Array<{ key: string; value: string | null }> {
  return splitWords(ins.args, escape).map((w) => {
    const eq = w.indexOf('=');
    return eq < 0 ? { key: w, value: null } : { key: w.slice(0, eq), value: w.slice(eq + 1) };
  });
}

/** Parses the flags of a RUN --mount value into key/value pairs. */
export function mountFields(value: string): Array<[string, string]> {
  return value
    .split(',')
    .filter(Boolean)
    .map((f) => {
      const eq = f.indexOf('=');
      return eq < 0 ? [f.trim().toLowerCase(), ''] : [f.slice(0, eq).trim().toLowerCase(), f.slice(eq + 1)];
    });
}
