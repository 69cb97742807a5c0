/**
 * WORKDIR. BuildKit makes a `mkdir -p` vertex owned by the current USER (so a
 * USER change misses a later WORKDIR), unless the path is `/`. The path is
 * normalised in the mkdir (`/src/` hits `/src`), but later RUNs see the path as
 * written, so their keys change (oracle scenario workdir-change). The legacy
 * builder keys the step on `WORKDIR <absolute path as written>`.
 */
import { sha256Text } from '../digest';
import { absPath } from '../fs';
import type { ParsedInstruction } from '../parse';
import { processWord } from '../shell-lex';
import { expansionEnv } from '../rules/arg-scope';
import { shellOf, type Dispatched, type DispatchEnv, type StageState } from './state';

export function dispatchWorkdir(ins: ParsedInstruction, s: StageState, env: DispatchEnv): Dispatched {
  const lookup = expansionEnv(s, env.builder);
  const r = processWord(ins.args, lookup, { escape: env.escape });
  const path = r.word;
  const abs = path.startsWith('/');
  // The image config keeps the path as written when absolute, joined when relative.
  const workdir = abs ? path : absPath(s.workdir || '/', path);
  const cwd = abs ? path : absPath(s.cwd || '/', path);
  const clean = absPath(workdir);
  const printed = uppercaseFirst(processWord(ins.original, lookup, { escape: env.escape }).word);
  const next: StageState = {
    ...s,
    cwd,
    workdir,
    fs: s.fs.exists(clean) && s.fs.get(clean)?.type === 'd' ? s.fs : s.fs.with({ kind: 'put', path: clean, entry: { type: 'd', digest: sha256Text('dir'), mode: 0o755, size: 0, owner: s.user || '0:0' } })
  };
  const out: Dispatched = {
    vertex: workdir !== '/',
    printed,
    op: { mkdir: clean, mode: 0o755, parents: true, user: s.user || null },
    legacyOp: { nop: 'WORKDIR', shell: shellOf(s), path: workdir, env: s.env.map(([n, v]) => `${n}=${v}`), user: s.user },
    content: [],
    facts: { text: `WORKDIR ${clean}`, user: s.user, cwd: clean },
    next
  };
  // The daemon creates the directory even when USER names nobody in /etc/passwd
  // (oracle scenario user-missing-from-passwd): only a later RUN fails.
  if (!r.ok) return { ...out, error: { message: r.error ?? 'bad WORKDIR', phase: 'convert' } };
  return out;
}

/** BuildKit upper-cases the first word of a step's label. */
export function uppercaseFirst(text: string): string {
  const i = text.indexOf(' ');
  return i < 0 ? text.toUpperCase() : text.slice(0, i).toUpperCase() + text.slice(i);
}
