/**
 * The checks that make the daemon refuse a Dockerfile before it runs any step:
 * unknown flags, wrong argument counts, ONBUILD and HEALTHCHECK forms, and
 * malformed RUN `--mount` values (BuildKit's dispatchers and parser).
 */
import { mountFields, splitWords } from './dockerfile-words';
import type { ParsedInstruction } from './parse';
import type { SourceRange } from './types';

const KNOWN_FLAGS: Record<string, string[]> = {
  FROM: ['platform'],
  RUN: ['mount'],
  COPY: ['from', 'chown', 'chmod'],
  ADD: ['chown', 'chmod'],
  HEALTHCHECK: ['interval', 'timeout', 'start-period', 'retries']
};

/** The automatic platform ARGs BuildKit defines (amd64 Linux daemon). */
/** Reports, through `fail`, the first reason the daemon refuses an instruction. */
export function validate(
  ins: ParsedInstruction,
  escape: string,
  fail: (m: string, r: SourceRange | null) => void
): void {
  const kw = ins.keyword;
  const allowed = KNOWN_FLAGS[kw] ?? [];
  for (const f of ins.flags) {
    if (!allowed.includes(f.name)) {
      fail(`Unknown flag: ${f.name}`, ins.range);
      return;
    }
  }
  const words = splitWords(ins.args, escape);
  const need = (ok: boolean, message: string) => {
    if (!ok) fail(message, ins.range);
  };
  switch (kw) {
    case 'COPY':
    case 'ADD':
      need(
        (ins.json ?? words).length >= 2,
        `${kw} requires at least two arguments, but only one was provided. Destination could not be determined.`
      );
      break;
    case 'WORKDIR':
      need(words.length === 1, 'WORKDIR requires exactly one argument');
      break;
    case 'USER':
      need(words.length === 1, 'USER requires exactly one argument');
      break;
    case 'STOPSIGNAL':
      need(words.length === 1, 'STOPSIGNAL requires exactly one argument');
      break;
    case 'ENV':
    case 'LABEL':
      need(words.length >= 1, `${kw} requires at least one argument`);
      break;
    case 'EXPOSE':
    case 'VOLUME':
    case 'ARG':
    case 'RUN':
      need(ins.args.length > 0, `${kw} requires at least one argument`);
      break;
    case 'SHELL':
      need(ins.json !== null && ins.json.length > 0, 'SHELL requires the arguments to be in JSON form');
      break;
    case 'MAINTAINER':
      need(ins.args.length > 0, 'MAINTAINER requires exactly one argument');
      break;
    case 'ONBUILD': {
      const inner = (words[0] ?? '').toUpperCase();
      need(inner.length > 0, 'ONBUILD requires at least one argument');
      if (inner === 'ONBUILD') fail("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed", ins.range);
      if (inner === 'FROM' || inner === 'MAINTAINER')
        fail(`${inner} isn't allowed as an ONBUILD trigger`, ins.range);
      break;
    }
    case 'HEALTHCHECK': {
      const t = (words[0] ?? '').toUpperCase();
      need(t === 'NONE' || t === 'CMD', 'Unknown type for HEALTHCHECK: expected CMD or NONE');
      break;
    }
  }
  if (kw === 'RUN') {
    for (const f of ins.flags) {
      if (f.name !== 'mount') continue;
      const err = mountError(f.value ?? '');
      if (err) fail(err, ins.range);
    }
  }
}

const MOUNT_KEYS = new Set([
  'type',
  'from',
  'source',
  'src',
  'target',
  'dst',
  'destination',
  'readonly',
  'ro',
  'readwrite',
  'rw',
  'id',
  'sharing',
  'mode',
  'uid',
  'gid',
  'required'
]);

function mountError(value: string): string | null {
  const fields = mountFields(value);
  const type = new Map(fields).get('type') ?? 'bind';
  if (!['bind', 'cache', 'tmpfs', 'secret', 'ssh'].includes(type)) return `unsupported mount type "${type}"`;
  for (const [k] of fields) if (!MOUNT_KEYS.has(k)) return `unexpected key '${k}' in '${value}'`;
  const m = new Map(fields);
  const target = m.get('target') ?? m.get('dst') ?? m.get('destination');
  if (!target && (type === 'bind' || type === 'cache' || type === 'tmpfs')) return 'mount target is required';
  const sharing = m.get('sharing');
  if (sharing && !['shared', 'private', 'locked'].includes(sharing))
    return `unsupported sharing value "${sharing}"`;
  return null;
}
