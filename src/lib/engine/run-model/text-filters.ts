/**
 * The common text filters of a RUN, evaluated on contents the engine knows, so
 * that `grep -v '^#' src > out` after a comment-only edit gives the same bytes
 * (and a `COPY --from` of `out` hits, as the daemon's does). Each filter maps
 * its input text to its output text, or to null when the model cannot tell
 * (unknown input, unsupported option); the caller then treats the output as
 * opaque.
 */

/** Reads a file's text, or null when unknown. */
export type ReadText = (path: string) => string | null;

/** Converts a POSIX regular expression (basic or extended) to a JS RegExp, or null. */
export function posixRegExp(pattern: string, extended: boolean, ignoreCase: boolean): RegExp | null {
  let p = pattern
    .replace(/\[\[:space:\]\]/g, '\\s')
    .replace(/\[\[:digit:\]\]/g, '\\d')
    .replace(/\[:alpha:\]/g, 'A-Za-z')
    .replace(/\[:alnum:\]/g, 'A-Za-z0-9')
    .replace(/\[:upper:\]/g, 'A-Z')
    .replace(/\[:lower:\]/g, 'a-z')
    .replace(/\[:digit:\]/g, '0-9')
    .replace(/\[:space:\]/g, ' \\t\\n\\r\\f\\v');
  if (!extended) {
    // In a basic RE, ( ) { } + ? | are literal and \( \) \{ \} \| are special.
    let out = '';
    for (let i = 0; i < p.length; i++) {
      const ch = p[i];
      if (ch === '\\' && i + 1 < p.length) {
        const n = p[++i];
        out += '(){}|+?'.includes(n) ? n : '\\' + n;
      } else out += '(){}|+?'.includes(ch) ? '\\' + ch : ch;
    }
    p = out;
  }
  try {
    return new RegExp(p, ignoreCase ? 'i' : '');
  } catch {
    return null;
  }
}

function lines(text: string): string[] {
  if (text === '') return [];
  const l = text.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}

const join = (l: string[]) => (l.length ? l.join('\n') + '\n' : '');

/** Input of a filter: its file arguments' texts concatenated, or stdin. */
function input(files: string[], stdin: string | null, read: ReadText): string | null {
  if (!files.length) return stdin;
  let out = '';
  for (const f of files) {
    const t = read(f);
    if (t === null) return null;
    out += t;
  }
  return out;
}

/**
 * Runs one filter (`words`: the program and its arguments) on `stdin` or the
 * files it names; `listFiles` lists a directory's files for `find`. The output
 * text, or null when an input is unknown or an option is one the model does
 * not follow.
 */
export function filter(words: string[], stdin: string | null, read: ReadText, listFiles: (dir: string) => string[] | null): string | null {
  const [cmd, ...args] = words;
  switch (cmd) {
    case 'cat':
      return args.some((a) => a.startsWith('-') && a !== '-') ? null : input(args.filter((a) => a !== '-'), stdin, read);
    case 'grep':
    case 'egrep':
    case 'fgrep': {
      let invert = false;
      let extended = cmd === 'egrep';
      let fixed = cmd === 'fgrep';
      let icase = false;
      let whole = false;
      let pattern: string | null = null;
      const files: string[] = [];
      for (let i = 0; i < args.length; i++) {
        const a = args[i];
        if (a === '-e' && i + 1 < args.length) pattern = args[++i];
        else if (/^-[vEFixh]+$/.test(a)) {
          if (a.includes('v')) invert = true;
          if (a.includes('E')) extended = true;
          if (a.includes('F')) fixed = true;
          if (a.includes('i')) icase = true;
          if (a.includes('x')) whole = true;
        } else if (a.startsWith('-')) return null;
        else if (pattern === null) pattern = a;
        else files.push(a);
      }
      if (pattern === null) return null;
      const text = input(files, stdin, read);
      if (text === null) return null;
      const re = fixed ? null : posixRegExp(whole ? `^(${pattern})$` : pattern, extended || whole, icase);
      if (!fixed && !re) return null;
      const test = (line: string) =>
        fixed ? (icase ? line.toLowerCase().includes(pattern.toLowerCase()) : whole ? line === pattern : line.includes(pattern)) : (re as RegExp).test(line);
      return join(lines(text).filter((l) => test(l) !== invert));
    }
    case 'sed': {
      const scripts: string[] = [];
      const files: string[] = [];
      for (let i = 0; i < args.length; i++) {
        if (args[i] === '-e' && i + 1 < args.length) scripts.push(args[++i]);
        else if (args[i] === '-E' || args[i] === '-r') return null;
        else if (args[i].startsWith('-')) return null;
        else if (!scripts.length) scripts.push(args[i]);
        else files.push(args[i]);
      }
      const text = input(files, stdin, read);
      if (text === null) return null;
      let out = lines(text);
      for (const script of scripts.flatMap((s) => s.split(';').map((x) => x.trim()).filter(Boolean))) {
        const sub = /^s(.)(.*?)\1(.*?)\1(g?)$/.exec(script);
        const del = /^\/(.*)\/d$/.exec(script);
        if (sub) {
          const re = posixRegExp(sub[2], false, false);
          if (!re) return null;
          const g = new RegExp(re.source, sub[4] ? 'g' : '');
          const repl = sub[3].replace(/\\\//g, '/').replace(/&/g, '$&');
          out = out.map((l) => l.replace(g, repl));
        } else if (del) {
          const re = posixRegExp(del[1], false, false);
          if (!re) return null;
          out = out.filter((l) => !re.test(l));
        } else return null;
      }
      return join(out);
    }
    case 'sort': {
      const opts = args.filter((a) => a.startsWith('-'));
      if (opts.some((o) => !/^-[ru]+$/.test(o))) return null;
      const text = input(args.filter((a) => !a.startsWith('-')), stdin, read);
      if (text === null) return null;
      let l = lines(text).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      if (opts.some((o) => o.includes('u'))) l = l.filter((x, i) => i === 0 || x !== l[i - 1]);
      if (opts.some((o) => o.includes('r'))) l.reverse();
      return join(l);
    }
    case 'uniq': {
      if (args.some((a) => a.startsWith('-'))) return null;
      const text = input(args, stdin, read);
      if (text === null) return null;
      const l = lines(text);
      return join(l.filter((x, i) => i === 0 || x !== l[i - 1]));
    }
    case 'head':
    case 'tail': {
      let n = 10;
      const files: string[] = [];
      for (let i = 0; i < args.length; i++) {
        const a = args[i];
        if (a === '-n' && i + 1 < args.length) n = Number(args[++i]);
        else if (/^-\d+$/.test(a)) n = Number(a.slice(1));
        else if (/^-n\d+$/.test(a)) n = Number(a.slice(2));
        else if (a.startsWith('-')) return null;
        else files.push(a);
      }
      if (!Number.isFinite(n)) return null;
      const text = input(files, stdin, read);
      if (text === null) return null;
      const l = lines(text);
      return join(cmd === 'head' ? l.slice(0, n) : l.slice(Math.max(0, l.length - n)));
    }
    case 'wc': {
      if (args.filter((a) => a.startsWith('-')).join() !== '-l') return null;
      const files = args.filter((a) => !a.startsWith('-'));
      const text = input(files, stdin, read);
      if (text === null || files.length > 1) return null;
      const count = lines(text).length;
      return files.length ? `${count} ${files[0]}\n` : `${count}\n`;
    }
    case 'find': {
      // Only `find DIR... [-type f]`: the order of an unsorted find is the file system's,
      // which nobody can predict, so the caller accepts it only before `sort`.
      const dirs: string[] = [];
      for (let i = 0; i < args.length; i++) {
        if (args[i] === '-type' && args[i + 1] === 'f') i++;
        else if (args[i].startsWith('-')) return null;
        else dirs.push(args[i]);
      }
      const all: string[] = [];
      for (const d of dirs.length ? dirs : ['.']) {
        const l = listFiles(d);
        if (l === null) return null;
        all.push(...l);
      }
      return join(all);
    }
    default:
      return null;
  }
}
