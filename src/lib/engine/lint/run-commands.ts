/**
 * A RUN's commands as the lint rules read them: with the engine's one shell
 * reader (run-model/command-reader.ts), which the interpreter and the advisor
 * use too, so quotes, escapes, `&&`, `;` and `|` mean what they mean to the
 * shell (`RUN echo "a && npm install"` is one `echo`; `RUN 'npm' ci` is an
 * `npm ci`). On top of the reader: wrappers that run the next command (`sudo`,
 * `env`...) are looked through, `sh -c '...'` is read as its script (as the
 * interpreter runs it), and an exec-form RUN is its argv.
 */
import { inlineScript, readCommands } from '../run-model/command-reader';

/** A RUN's command: the shell-form text, or the exec-form argv. */
export type RunCommand = string | readonly string[];

/** One command as lint reads it. */
export interface Invocation {
  /** The program's base name (`/usr/bin/npm` is `npm`), wrappers like `sudo` and `env` dropped. */
  program: string;
  /** The words after the program. */
  args: string[];
  /** Variables set for it: `A=1 cmd` and `env A=1 cmd`. */
  assigns: Array<[string, string]>;
}

/**
 * Programs that run the command after them: `sudo -u app npm ci` is an
 * `npm ci`. The values are their options that take a value. (`command` is
 * left out: `command -v yarn` runs nothing.)
 */
const WRAPPERS: Record<string, string[]> = {
  sudo: ['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U'],
  env: ['-u', '-C', '-S'],
  nice: ['-n'],
  nohup: [],
  time: ['-f', '-o'],
  exec: ['-a']
};

const baseName = (w: string) => w.replace(/^.*\//, '');

/** The words from the program on, wrappers and their options dropped; `env`'s assignments go to `assigns`. */
function unwrap(words: string[], assigns: Array<[string, string]>): string[] {
  let w = words;
  while (w.length && Object.hasOwn(WRAPPERS, baseName(w[0]))) {
    const valued = WRAPPERS[baseName(w[0])];
    let i = 1;
    for (; i < w.length; i++) {
      const eq = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(w[i]);
      if (eq && baseName(w[0]) === 'env') assigns.push([eq[1], eq[2]]);
      else if (w[i] === '--') {
        i++;
        break;
      } else if (!w[i].startsWith('-')) break;
      else if (valued.includes(w[i])) i++;
    }
    w = w.slice(i);
  }
  return w;
}

/**
 * The commands a RUN runs, in order, as the engine's reader reads them;
 * `sh -c` scripts are replaced by their commands (up to a few levels deep).
 */
export function commandsOf(command: RunCommand, depth = 0): Invocation[] {
  const read = typeof command === 'string' ? readCommands(command) : [{ assigns: [], words: [...command] }];
  const out: Invocation[] = [];
  for (const c of read) {
    const assigns: Array<[string, string]> = [...c.assigns];
    const words = unwrap(c.words, assigns);
    const inline = depth < 3 ? inlineScript(words) : null;
    if (inline !== null) out.push(...commandsOf(inline, depth + 1));
    else if (words.length) out.push({ program: baseName(words[0]), args: words.slice(1), assigns });
  }
  return out;
}

/** A command's subcommand: its first word that is not an option (`apt-get -y install` is `install`). */
export function subcommand(c: Invocation): string | undefined {
  return c.args.find((a) => !a.startsWith('-'));
}

/** `<one of tools> [options] <one of subs>`: a system package manager's subcommand after its options. */
export function runsSubcommand(c: Invocation, tools: string[], subs: string[]): boolean {
  return tools.includes(c.program) && subs.includes(subcommand(c) ?? '');
}
