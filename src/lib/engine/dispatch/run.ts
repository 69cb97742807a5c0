/**
 * RUN. BuildKit's key is the exec op: the argv (shell form: the shell plus the
 * command text as written, never expanded), the environment in order (every
 * ENV and every ARG with a value, even ones the command never mentions), the
 * working directory, the user and the mounts. Bind mounts and cache-mount seeds
 * are keyed on the content they select. The legacy builder keys on the command
 * prefixed with `|N K=v...` for the ARGs in scope, plus the config (ENV, USER),
 * and refuses `--mount` outright.
 */
import { absPath, lazyLayer, type Layer } from '../fs';
import { runEffects, type RunEffect } from '../run-model/interpreter';
import type { ParsedInstruction } from '../parse';
import { mountFields } from '../dockerfile-words';
import type { SourceRef } from '../plan';
import { processWord } from '../shell-lex';
import { shellOf, type ContentInput, type Dispatched, type DispatchEnv, type StageState } from './state';
import { selectFrom } from './select';
import { expansionEnv, legacyArgEnv, legacyRunPrefix } from '../rules/arg-scope';
import { userError } from './users';
import { uppercaseFirst } from './workdir';

interface Mount {
  type: string;
  target: string;
  source: string;
  readonly: boolean;
  from: SourceRef | null;
  fields: Map<string, string>;
}

function octalOr(v: string | undefined, d: number): number {
  return v && /^[0-7]+$/.test(v) ? parseInt(v, 8) : d;
}

const LEGACY_MOUNT_ERROR =
  'the --mount option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ to learn how to build images with BuildKit enabled';

export function dispatchRun(ins: ParsedInstruction, s: StageState, env: DispatchEnv): Dispatched {
  const shell = shellOf(s);
  const argv = ins.json ?? [...shell, ins.args];
  const lookup = expansionEnv(s, env.builder);
  const printed = uppercaseFirst(processWord(ins.original, lookup, { escape: env.escape, rawQuotes: true, skipUnsetEnv: true }).word);
  const sources = env.plan.stages[env.stageIndex].sources.get(ins.index) ?? [];
  const mounts = parseMounts(ins, s, sources);

  const legacyCmd = [...legacyRunPrefix(s, env.buildArgs), ...argv];

  const content: ContentInput[] = [];
  const mountLayers: Layer[] = [];
  let error: Dispatched['error'];
  let unknown: string | undefined;
  const opMounts = [];
  for (const m of mounts) {
    const spec: Record<string, unknown> = { type: m.type, target: m.target, readonly: m.readonly };
    const f = m.fields;
    if (m.type === 'cache') {
      // BuildKit's default id is the target; the namespace (BUILDKIT_CACHE_MOUNT_NS) prefixes it.
      spec.id = (env.buildArgs.BUILDKIT_CACHE_MOUNT_NS ?? '') + '/' + (f.get('id') || absPath(m.target));
      spec.sharing = f.get('sharing') || 'shared';
      if (f.has('mode') || f.has('uid') || f.has('gid')) spec.perms = [f.get('mode') ?? '0755', f.get('uid') ?? '0', f.get('gid') ?? '0'];
    } else if (m.type === 'secret' || m.type === 'ssh') {
      // Defaults written out are the same op: `required=false` hits (oracle scenario run-mount-tmpfs-and-secret).
      spec.id = f.get('id') || (m.type === 'ssh' ? 'default' : m.target.split('/').pop());
      spec.perms = [octalOr(f.get('mode'), m.type === 'secret' ? 0o400 : 0o600), Number(f.get('uid') ?? 0), Number(f.get('gid') ?? 0)];
      spec.required = ['true', '1', ''].includes(f.get('required') ?? 'false') && f.has('required');
    }
    // Bind mounts, and cache mounts seeded from somewhere, are keyed on what they select.
    const seeded = m.type === 'bind' || (m.type === 'cache' && m.from && m.from.written !== 'scratch');
    if (seeded) {
      const sel = selectFrom(m.from, m.source, env);
      if ('error' in sel) {
        error = error ?? { message: sel.error, phase: sel.phase ?? 'key' };
      } else {
        content.push({ ...sel.input, label: `--mount ${m.type} ${m.source || '.'} → ${m.target}` });
        unknown ??= sel.unknown ?? undefined;
        if (sel.input.node) mountLayers.push({ kind: 'tree', dest: m.target, node: sel.input.node });
        spec.source = m.source ? absPath(m.source).split('/').pop() : '/';
      }
    }
    opMounts.push(spec);
  }

  // What the command writes matters only to stages that copy from this one, so it is
  // computed when something reads it.
  const fsWithMounts = mountLayers.length ? s.fs.with(...mountLayers) : s.fs;
  const envPairs = env.builder === 'buildkit' ? s.env.map(([n, v]) => [n, v] as [string, string]) : legacyArgEnv(s).map(([n, v]) => [n, v] as [string, string]);
  let memo: RunEffect | null = null;
  const effect = (): RunEffect =>
    (memo ??= runEffects({
      script: ins.json ? null : ins.args,
      argv: ins.json,
      shell,
      env: envPairs,
      cwd: s.cwd || '/',
      user: s.user,
      fs: fsWithMounts,
      oracle: env.imageModel === 'oracle',
      line: ins.range.line
    }));
  // Mounts are not part of the result: keep only what the command added after them.
  const nextFs = s.fs.with(lazyLayer(() => effect().fs.layersSince(fsWithMounts)));

  const out: Dispatched = {
    vertex: true,
    printed,
    op: {
      exec: argv,
      env: s.env.map(([n, v]) => `${n}=${v}`),
      cwd: s.cwd || '/',
      user: s.user || null,
      mounts: opMounts,
      network: 'default'
    },
    legacyOp: { run: legacyCmd, env: s.env.map(([n, v]) => `${n}=${v}`), user: s.user },
    content,
    unknown,
    facts: {
      text: ins.json ? JSON.stringify(ins.json) : ins.args,
      env: env.builder === 'buildkit' ? s.env.map(([n, v, o]) => [n, v, o]) : legacyArgEnv(s),
      cwd: s.cwd || '/',
      user: s.user,
      shell: ins.json ? undefined : shell,
      sources: content.map((c) => ({
        label: c.label,
        root: c.bk,
        kind: c.node?.children ? 'tree' : 'file',
        file: c.node && !c.node.children ? { digest: c.node.entry.digest, mode: c.node.entry.mode & 0o7777 } : undefined
      }))
    },
    next: { ...s, fs: nextFs }
  };
  if (env.builder === 'legacy' && ins.flags.some((f) => f.name === 'mount')) {
    return { ...out, error: { message: LEGACY_MOUNT_ERROR, phase: 'legacy' } };
  }
  if (error) return { ...out, error };
  const u = userError(s.user, s.fs, env.imageModel);
  if (u) return { ...out, error: { message: u, phase: 'exec' } };
  // Only the stand-in image's programs are known: there a missing program fails the RUN.
  if (env.imageModel === 'oracle') {
    const { status } = effect();
    if (status !== 0) {
      const cmd = ins.json ? `[${ins.json.join(' ')}]` : `[${[...shell, ins.args].join(' ')}]`;
      const message =
        env.builder === 'buildkit'
          ? `executor failed running ${cmd}: exit code: ${status}`
          : `The command '${(ins.json ?? [...shell, ins.args]).join(' ')}' returned a non-zero code: ${status}`;
      return { ...out, error: { message, phase: 'exec' } };
    }
  }
  return out;
}

function parseMounts(ins: ParsedInstruction, s: StageState, sources: SourceRef[]): Mount[] {
  const out: Mount[] = [];
  let srcIndex = 0;
  for (const flag of ins.flags) {
    if (flag.name !== 'mount') continue;
    const fields = new Map(mountFields(flag.value ?? ''));
    const type = fields.get('type') || 'bind';
    const rawTarget = fields.get('target') ?? fields.get('dst') ?? fields.get('destination') ?? '';
    const target = rawTarget.startsWith('/') ? absPath(rawTarget) : absPath(s.cwd || '/', rawTarget);
    const fromValue = fields.get('from') ?? (type === 'cache' ? 'scratch' : '');
    let from: SourceRef | null = null;
    if (fromValue && type !== 'tmpfs') from = sources[srcIndex++] ?? null;
    const ro = fields.has('readonly') || fields.has('ro') ? true : fields.has('readwrite') || fields.has('rw') ? false : type === 'bind';
    out.push({ type, target, source: fields.get('source') ?? fields.get('src') ?? '', readonly: ro, from, fields });
  }
  return out;
}
