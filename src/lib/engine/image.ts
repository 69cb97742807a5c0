/**
 * What an image contains, as the engine models it: the target stage's file
 * system (every path with its type, content digest, mode and owner) and its
 * config (env, user, workdir, labels, ports, command...). Used to check that
 * two Dockerfiles build the same image (the advisor's rule).
 *
 * Content follows the engine's file-system model (fs.ts, run-model/): files
 * copied from the context and other stages exactly; the outputs of the build
 * tools it knows as functions of the files they read; the outputs of other
 * commands as functions of the command, its working directory and the files
 * it names. Base images are opaque unless they are the oracle's stand-in.
 */
import { buildContext } from './context';
import { emptyCache } from './build';
import type { Digest } from './digest';
import { imageKey } from './images';
import { parseDockerfile } from './parse';
import { makePlan } from './plan';
import { solve } from './solve';
import { EngineMemo } from './memo';
import { walk } from './tree';
import type { BuildInput } from './types';

export interface ImageFile {
  path: string;
  type: 'f' | 'd' | 'l';
  digest: Digest;
  mode: number;
  owner: string;
}

export interface ImageConfig {
  env: string[];
  user: string;
  workdir: string;
  shell: string[] | null;
  labels: Record<string, string>;
  expose: string[];
  volumes: string[];
  cmd: unknown;
  entrypoint: unknown;
  healthcheck: unknown;
  stopsignal: string | null;
  onbuild: string[];
}

export interface ImageContents {
  /** Why the image could not be modelled, or null. */
  error: string | null;
  files: ImageFile[];
  config: ImageConfig;
}

function emptyConfig(): ImageConfig {
  return {
    env: [],
    user: '',
    workdir: '',
    shell: null,
    labels: {},
    expose: [],
    volumes: [],
    cmd: null,
    entrypoint: null,
    healthcheck: null,
    stopsignal: null,
    onbuild: []
  };
}

/** The target stage's files and config, from the Dockerfile and context alone (the cache plays no part). */
export function imageContents(input: BuildInput, memo: EngineMemo = new EngineMemo()): ImageContents {
  // The same preparation as build(), without a cache: content does not depend on one.
  const builder = input.builder === 'legacy' ? 'legacy' : 'buildkit';
  const dockerfile = typeof input.dockerfile === 'string' ? input.dockerfile : '';
  const buildArgs: Record<string, string> = {};
  for (const [k, v] of Object.entries(input.buildArgs ?? {})) if (typeof v === 'string') buildArgs[k] = v;
  const images = new Map<string, Digest>();
  for (const [k, v] of Object.entries(input.images ?? {}))
    if (typeof v === 'string') images.set(imageKey(k), v);
  try {
    const parsed = parseDockerfile(dockerfile, memo);
    const plan = makePlan(parsed, builder, buildArgs, input.target || undefined);
    const context = buildContext(
      input.context ?? { files: {} },
      input.dockerfilePath ?? 'Dockerfile',
      dockerfile,
      builder,
      memo
    );
    const solved = solve(parsed, plan, context, {
      builder,
      buildArgs,
      noCache: false,
      images,
      imageModel: input.imageModel === 'oracle' ? 'oracle' : 'generic',
      offline: input.offline === true,
      remote: input.remote ?? {},
      cache: emptyCache(),
      serial: 1
    });
    const target = plan.target;
    if (solved.failure || target === null)
      return {
        error: solved.failure?.message ?? plan.fatal?.message ?? 'no stage to build',
        files: [],
        config: emptyConfig()
      };
    const state = solved.stageStates.get(target);
    if (!state) return { error: 'the target stage was not built', files: [], config: emptyConfig() };

    const files: ImageFile[] = [];
    const root = state.fs.tree('/');
    if (root?.children) {
      for (const [rel, n] of walk(root))
        files.push({
          path: `/${rel}`,
          type: n.entry.type,
          digest: n.entry.digest,
          mode: n.entry.mode & 0o7777,
          owner: n.entry.owner
        });
    }
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

    // A stage built FROM another inherits that stage's config first.
    const chain: number[] = [];
    for (let s: number | null = target; s !== null; s = plan.stages[s].baseStage) chain.unshift(s);
    const config = emptyConfig();
    config.env = state.env.filter(([, , origin]) => origin !== 'arg').map(([n, v]) => `${n}=${v}`);
    config.user = state.user;
    config.workdir = state.workdir;
    config.shell = state.shell;
    config.onbuild = state.onbuild;
    for (const s of chain) {
      let cmdSet = false;
      for (const c of solved.configs.filter((x) => x.stage === s)) {
        const v = c.value;
        if (c.keyword === 'LABEL' && Array.isArray(v)) {
          for (const kv of v as string[])
            config.labels[kv.slice(0, kv.indexOf('='))] = kv.slice(kv.indexOf('=') + 1);
        } else if (c.keyword === 'EXPOSE' && Array.isArray(v))
          config.expose = [...new Set([...config.expose, ...(v as string[])])].sort();
        else if (c.keyword === 'VOLUME' && Array.isArray(v))
          config.volumes = [...new Set([...config.volumes, ...(v as string[])])].sort();
        else if (c.keyword === 'CMD') {
          config.cmd = v;
          cmdSet = true;
        } else if (c.keyword === 'ENTRYPOINT') {
          config.entrypoint = v;
          // Docker drops a CMD inherited from the base when ENTRYPOINT is set, not one set in this stage.
          if (!cmdSet) config.cmd = null;
        } else if (c.keyword === 'HEALTHCHECK') config.healthcheck = v;
        else if (c.keyword === 'STOPSIGNAL') config.stopsignal = String(v);
      }
    }
    return { error: null, files, config };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e), files: [], config: emptyConfig() };
  }
}

/** Where two images differ: paths, and config fields. `ignore` lists directories left out (cache-mount targets). */
export function imageDifferences(a: ImageContents, b: ImageContents, ignore: string[] = []): string[] {
  const skip = (p: string) => ignore.some((d) => p === d || p.startsWith(d.replace(/\/$/, '') + '/'));
  const out: string[] = [];
  if (a.error || b.error) out.push(`build: ${a.error ?? 'ok'} / ${b.error ?? 'ok'}`);
  const bm = new Map(b.files.filter((f) => !skip(f.path)).map((f) => [f.path, f]));
  for (const f of a.files) {
    if (skip(f.path)) continue;
    const g = bm.get(f.path);
    if (!g) out.push(`${f.path}: only in the original`);
    else if (g.type !== f.type || g.digest !== f.digest || g.mode !== f.mode || g.owner !== f.owner)
      out.push(`${f.path}: content, mode or owner differ`);
    bm.delete(f.path);
  }
  for (const p of bm.keys()) out.push(`${p}: only in the rewrite`);
  for (const k of Object.keys(a.config) as Array<keyof ImageConfig>) {
    if (JSON.stringify(a.config[k]) !== JSON.stringify(b.config[k])) out.push(`config ${k} differs`);
  }
  return out;
}
