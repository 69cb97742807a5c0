/**
 * From parsed instructions to stages: global ARGs, FROM resolution, stage
 * references (`FROM <stage>`, `COPY --from`, `RUN --mount from=`), the target
 * and which stages each builder builds. Also the checks that make the daemon
 * refuse a Dockerfile before running any step (unknown instructions and flags,
 * wrong argument counts, bad stage names, circular stage references).
 */
import { parseImageRef, type ImageRef } from './images';
import type { ParsedInstruction, ParsedDockerfile } from './parse';
import { argPairs, mountFields, splitWords } from './dockerfile-words';
import { validate } from './plan-validate';
import { lookupRecord, processWord } from './shell-lex';
import type { Builder, Diagnostic, SourceRange } from './types';

/** A reference to another stage or to an image, from COPY --from or a RUN mount. */
export interface SourceRef {
  /** As written (`build`, `0`, `busybox:1.36`). */
  written: string;
  stage: number | null;
  image: ImageRef | null;
  /** Why the daemon rejects it, when it does. */
  error: string | null;
}

export interface StagePlan {
  index: number;
  /** The `AS` name, lower-cased as BuildKit stores it, or null. */
  name: string | null;
  from: ParsedInstruction;
  /** The base as written after expanding global ARGs. */
  baseName: string;
  baseError: string | null;
  platform: string | null;
  /** An earlier stage this one starts from, or null. */
  baseStage: number | null;
  image: ImageRef | null;
  scratch: boolean;
  instructions: ParsedInstruction[];
  /** Stages and images read by COPY --from and RUN --mount from=, by instruction index. */
  sources: Map<number, SourceRef[]>;
}

export interface Plan {
  metaArgs: ParsedInstruction[];
  /** Global ARG values after build args (undefined: declared without a value). */
  meta: Map<string, string | undefined>;
  stages: StagePlan[];
  target: number | null;
  /** An error that stops the whole build before any step (both builders unless builder-specific). */
  fatal: { message: string; range: SourceRange | null } | null;
  diagnostics: Diagnostic[];
  /** BuildKit's count of dispatch states: stages plus images named by --from and mounts. */
  stateCount: number;
}

/** Flags each instruction accepts in Docker 20.10's built-in frontend. */
export const PLATFORM_ARGS: Array<[string, string]> = [
  ['TARGETPLATFORM', 'linux/amd64'],
  ['TARGETOS', 'linux'],
  ['TARGETARCH', 'amd64'],
  ['TARGETVARIANT', ''],
  ['BUILDPLATFORM', 'linux/amd64'],
  ['BUILDOS', 'linux'],
  ['BUILDARCH', 'amd64'],
  ['BUILDVARIANT', '']
];

const STAGE_NAME = /^[a-z][a-z0-9-_.]*$/;

export function makePlan(
  parsed: ParsedDockerfile,
  builder: Builder,
  buildArgs: Record<string, string>,
  target: string | undefined
): Plan {
  const diagnostics: Diagnostic[] = [];
  let fatal: Plan['fatal'] = null;
  const fail = (message: string, range: SourceRange | null) => {
    if (!fatal) fatal = { message, range };
    diagnostics.push({ severity: 'error', message, range, code: 'parse' });
  };
  const fromParse = parsed.diagnostics.find((d) => d.severity === 'error');
  if (fromParse) fatal = { message: fromParse.message, range: fromParse.range };

  const metaArgs: ParsedInstruction[] = [];
  const stagesIns: Array<{ from: ParsedInstruction; body: ParsedInstruction[] }> = [];
  for (const ins of parsed.instructions) {
    if (ins.keyword === 'FROM') stagesIns.push({ from: ins, body: [] });
    else if (!stagesIns.length) {
      if (ins.keyword === 'ARG') metaArgs.push(ins);
      else
        fail(
          `no build stage in current context: ${ins.keyword} must come after a FROM instruction`,
          ins.range
        );
    } else stagesIns[stagesIns.length - 1].body.push(ins);
  }
  if (!parsed.instructions.length) fail('the Dockerfile has no instructions: nothing to build', null);
  else if (!stagesIns.length && !fatal)
    fail('the Dockerfile has no FROM instruction: nothing to build', null);

  for (const ins of parsed.instructions) validate(ins, parsed.escape, fail);

  // Global ARGs: their defaults are expanded with the ARGs before them; build args override.
  const meta = new Map<string, string | undefined>();
  if (builder === 'buildkit') for (const [k, v] of PLATFORM_ARGS) meta.set(k, buildArgs[k] ?? v);
  for (const ins of metaArgs) {
    for (const { key, value } of argPairs(ins, parsed.escape)) {
      let v: string | undefined;
      if (value !== null) {
        const r = processWord(value, metaLookup(meta), { escape: parsed.escape });
        if (r.tooLong) fail(`ARG ${key}: ${r.error}`, ins.range);
        v = r.word;
      }
      if (Object.prototype.hasOwnProperty.call(buildArgs, key)) v = buildArgs[key];
      meta.set(key, v);
    }
  }

  const stages: StagePlan[] = [];
  const byName = new Map<string, number>();
  for (const [i, { from, body }] of stagesIns.entries()) {
    const words = splitWords(from.args, parsed.escape);
    let baseWritten = words[0] ?? '';
    let name: string | null = null;
    if (words.length === 3 && words[1].toLowerCase() === 'as') {
      name = words[2].toLowerCase();
      if (!STAGE_NAME.test(name))
        fail(
          `invalid name for build stage: "${words[2]}", name can't start with a number or contain symbols`,
          from.range
        );
    } else if (words.length !== 1) {
      fail('FROM requires either one or three arguments', from.range);
      baseWritten = words[0] ?? '';
    }
    const expanded = processWord(baseWritten, metaLookup(meta), { escape: parsed.escape });
    let baseError: string | null = expanded.ok ? null : (expanded.error ?? 'invalid base name');
    const baseName = expanded.word;
    if (!baseError && !baseName) baseError = `base name (${baseWritten}) should not be blank`;
    const platformFlag = from.flags.find((f) => f.name === 'platform');
    let platform: string | null = null;
    if (platformFlag) {
      const p = processWord(platformFlag.value ?? '', metaLookup(meta), { escape: parsed.escape });
      platform = p.word;
      if (!/^[a-z0-9_-]+(\/[a-z0-9_-]+){0,2}$/i.test(platform))
        baseError = baseError ?? `failed to parse platform ${platform}`;
    }
    const baseStage = byName.get(baseName) ?? null;
    const scratch = baseStage === null && baseName === 'scratch';
    let image: ImageRef | null = null;
    if (baseStage === null && !scratch && !baseError) {
      const r = parseImageRef(baseName);
      if (r.ok) image = r.ref;
      else baseError = r.error;
    }
    stages.push({
      index: i,
      name,
      from,
      baseName,
      baseError,
      platform,
      baseStage,
      image,
      scratch,
      instructions: body,
      sources: new Map()
    });
    if (name !== null) byName.set(name, i);
  }

  // Stage references: BuildKit resolves names against every stage, even later ones.
  let stateCount = stages.length;
  for (const st of stages) {
    for (const ins of st.instructions) {
      const refs: SourceRef[] = [];
      if (ins.keyword === 'COPY') {
        const f = ins.flags.find((x) => x.name === 'from');
        if (f) refs.push(resolveSource(f.value ?? '', stages, byName));
      }
      if (ins.keyword === 'RUN') {
        for (const f of ins.flags.filter((x) => x.name === 'mount')) {
          const fields = new Map(mountFields(f.value ?? ''));
          const type = fields.get('type') ?? 'bind';
          const fromValue = fields.get('from') ?? (type === 'cache' ? 'scratch' : '');
          if (fromValue && type !== 'tmpfs') {
            if (fromValue === 'scratch' && !stages.some((s) => s.name === 'scratch')) {
              refs.push({ written: 'scratch', stage: null, image: null, error: null });
              stateCount++;
            } else refs.push(resolveSource(fromValue, stages, byName));
          }
        }
      }
      for (const r of refs) {
        if (r.stage === null && r.written !== 'scratch') stateCount++;
        if (r.error && builder === 'buildkit') fail(r.error, ins.range);
      }
      if (refs.length) st.sources.set(ins.index, refs);
    }
  }

  let targetIndex: number | null = stages.length ? stages.length - 1 : null;
  if (target) {
    const t = byName.get(target.toLowerCase());
    if (t === undefined) {
      fail(
        builder === 'buildkit'
          ? `target stage ${target} could not be found`
          : `failed to reach build target ${target} in Dockerfile`,
        null
      );
    } else targetIndex = t;
  }

  if (builder === 'buildkit' && stages.length) {
    const cycle = findCycle(stages);
    if (cycle !== null)
      fail(
        `circular dependency detected on stage: ${stages[cycle].name ?? `stage-${cycle}`}`,
        stages[cycle].from.range
      );
  }

  return { metaArgs, meta, stages, target: targetIndex, fatal, diagnostics, stateCount };
}

function metaLookup(meta: Map<string, string | undefined>) {
  // Declared without a value reads as empty, as BuildKit's metaArgsToMap does.
  const rec: Record<string, string> = {};
  for (const [k, v] of meta) rec[k] = v ?? '';
  return lookupRecord(rec);
}

function resolveSource(written: string, stages: StagePlan[], byName: Map<string, number>): SourceRef {
  if (/^\d+$/.test(written)) {
    const n = Number(written);
    if (n >= stages.length) return { written, stage: null, image: null, error: `invalid stage index ${n}` };
    return { written, stage: n, image: null, error: null };
  }
  const s = byName.get(written.toLowerCase());
  if (s !== undefined) return { written, stage: s, image: null, error: null };
  const r = parseImageRef(written);
  if (!r.ok) return { written, stage: null, image: null, error: r.error };
  return { written, stage: null, image: r.ref, error: null };
}

/** The stages a stage reads from: its base and its --from / mount sources. */
export function stageDeps(st: StagePlan): number[] {
  const deps = new Set<number>();
  if (st.baseStage !== null) deps.add(st.baseStage);
  for (const refs of st.sources.values()) for (const r of refs) if (r.stage !== null) deps.add(r.stage);
  return [...deps];
}

function findCycle(stages: StagePlan[]): number | null {
  const state = new Map<number, 'visiting' | 'done'>();
  const visit = (i: number): boolean => {
    const s = state.get(i);
    if (s === 'done') return false;
    if (s === 'visiting') return true;
    state.set(i, 'visiting');
    for (const d of stageDeps(stages[i])) if (visit(d)) return true;
    state.set(i, 'done');
    return false;
  };
  for (const st of stages) if (visit(st.index)) return st.index;
  return null;
}

/** The stages BuildKit builds for a target: the target and what it reads, transitively. */
export function reachableStages(plan: Plan): Set<number> {
  const out = new Set<number>();
  if (plan.target === null) return out;
  const visit = (i: number) => {
    if (out.has(i)) return;
    out.add(i);
    for (const d of stageDeps(plan.stages[i])) visit(d);
  };
  visit(plan.target);
  return out;
}
