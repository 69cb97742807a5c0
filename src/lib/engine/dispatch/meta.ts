/**
 * ENV, ARG, LABEL, USER, SHELL, EXPOSE, CMD, ENTRYPOINT, VOLUME, STOPSIGNAL,
 * HEALTHCHECK, ONBUILD and MAINTAINER.
 *
 * BuildKit makes no step for any of them: they change the image config and the
 * state later RUNs and WORKDIRs see (ENV and ARG values reach every later RUN's
 * environment, USER later RUNs and WORKDIRs, SHELL later shell-form RUNs).
 * The legacy builder commits an image for each, keyed on a `#(nop)` command
 * that embeds the expanded instruction and the current shell, so changing any
 * of them misses that step and everything after it in the stage.
 */
import { processWord } from '../shell-lex';
import type { ParsedInstruction } from '../parse';
import { argPairs, splitWords } from '../dockerfile-words';
import { declareArgs, expansionEnv } from '../rules/arg-scope';
import { addEnv, shellOf, type Dispatched, type DispatchEnv, type StageState } from './state';

interface Pair {
  key: string;
  value: string;
}

/** ENV and LABEL arguments: `k=v k2=v2` or the old `key value` form, values expanded. */
function keyValues(ins: ParsedInstruction, s: StageState, env: DispatchEnv): { pairs: Pair[]; error?: string } {
  const words = splitWords(ins.args, env.escape);
  const lookup = expansionEnv(s, env.builder);
  const raw: Array<[string, string]> = [];
  if (words.length && !words[0].includes('=')) {
    const rest = ins.args.slice(ins.args.indexOf(words[0]) + words[0].length).trim();
    raw.push([words[0], rest]);
  } else {
    for (const w of words) {
      const eq = w.indexOf('=');
      if (eq < 0) return { pairs: [], error: `${ins.keyword} names can not be blank` };
      raw.push([w.slice(0, eq), w.slice(eq + 1)]);
    }
  }
  const pairs: Pair[] = [];
  for (const [k, v] of raw) {
    if (!k) return { pairs: [], error: `${ins.keyword} names can not be blank` };
    const key = ins.keyword === 'LABEL' ? processWord(k, lookup, { escape: env.escape }) : { ok: true, word: k };
    const value = processWord(v, lookup, { escape: env.escape });
    if (!value.ok) return { pairs: [], error: value.error };
    pairs.push({ key: key.word, value: value.word });
  }
  return { pairs };
}

function config(ins: ParsedInstruction, s: StageState, next: StageState, legacyText: unknown): Dispatched {
  return {
    vertex: false,
    printed: ins.original,
    op: null,
    legacyOp: { nop: ins.keyword, shell: shellOf(s), value: legacyText, env: next.env.map(([n, v]) => `${n}=${v}`), user: next.user },
    content: [],
    facts: { text: ins.original },
    next
  };
}

function failed(ins: ParsedInstruction, s: StageState, message: string): Dispatched {
  return { ...config(ins, s, s, null), error: { message, phase: 'convert' } };
}

function commandArgs(ins: ParsedInstruction, s: StageState): string[] {
  return ins.json ?? [...shellOf(s), ins.args];
}

export function dispatchMeta(ins: ParsedInstruction, s: StageState, env: DispatchEnv): Dispatched {
  const lookup = expansionEnv(s, env.builder);
  const word = (text: string) => processWord(text, lookup, { escape: env.escape });
  switch (ins.keyword) {
    case 'ENV': {
      const { pairs, error } = keyValues(ins, s, env);
      if (error) return failed(ins, s, error);
      let next = s.env;
      for (const { key, value } of pairs) {
        next =
          env.builder === 'buildkit'
            ? addEnv(next, key, value, 'env')
            : next.some(([n]) => n === key)
              ? next.map((e) => (e[0] === key ? [key, value, 'env'] : e))
              : [...next, [key, value, 'env']];
      }
      return config(ins, s, { ...s, env: next }, pairs.map((p) => `${p.key}=${p.value}`));
    }
    case 'ARG': {
      const r = declareArgs(argPairs(ins, env.escape), s, env, word);
      if ('error' in r) return failed(ins, s, r.error);
      return config(ins, s, { ...s, env: r.env, args: r.args }, r.texts);
    }
    case 'LABEL': {
      const { pairs, error } = keyValues(ins, s, env);
      if (error) return failed(ins, s, error);
      return config(ins, s, s, pairs.map((p) => `${p.key}=${p.value}`));
    }
    case 'USER': {
      const r = word(ins.args);
      if (!r.ok) return failed(ins, s, r.error ?? 'bad USER');
      return config(ins, s, { ...s, user: r.word }, r.word);
    }
    case 'SHELL':
      return config(ins, s, { ...s, shell: ins.json ?? s.shell }, ins.json);
    case 'EXPOSE': {
      const ports: string[] = [];
      for (const w of splitWords(ins.args, env.escape)) {
        const r = processWord(w, lookup, { escape: env.escape });
        if (!r.ok) return failed(ins, s, r.error ?? 'bad EXPOSE');
        ports.push(...r.words);
      }
      const bad = ports.find((p) => !/^\d+(-\d+)?(\/(tcp|udp|sctp))?$/i.test(p));
      if (bad) return failed(ins, s, `Invalid containerPort: ${bad}`);
      return config(ins, s, s, ports);
    }
    case 'CMD':
    case 'ENTRYPOINT':
      return config(ins, s, s, commandArgs(ins, s));
    case 'VOLUME': {
      const vols = ins.json ?? splitWords(ins.args, env.escape).map((w) => word(w).word);
      if (vols.some((v) => v.trim() === '')) return failed(ins, s, 'VOLUME specified can not be an empty string');
      return config(ins, s, s, vols);
    }
    case 'STOPSIGNAL': {
      const sig = word(ins.args).word;
      if (!/^(\d+|(SIG)?[A-Z0-9+-]+)$/i.test(sig)) return failed(ins, s, `Invalid signal: ${sig}`);
      return config(ins, s, s, sig);
    }
    case 'HEALTHCHECK':
      return config(ins, s, s, { flags: ins.flags, args: ins.json ?? ins.args });
    case 'ONBUILD': {
      const trigger = ins.args.replace(/^(\S+)/, (k) => k.toUpperCase());
      return config(ins, s, { ...s, onbuild: [...s.onbuild, trigger] }, trigger);
    }
    case 'MAINTAINER':
      return config(ins, s, s, ins.args);
    default:
      return failed(ins, s, `unknown instruction: ${ins.keyword}`);
  }
}
