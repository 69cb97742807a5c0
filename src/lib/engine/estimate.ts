/**
 * How long a step takes when it runs, with the basis of every figure, so the
 * page can say why a rebuild costs what it costs. The figures come from the
 * cost model (cost-defaults.ts, command-patterns.ts and image-sizes.ts,
 * overridable through `CostModel`); a step's own seconds can be set by its
 * first line (`# layerlab: 45s` annotations, the page, calibration from a
 * real log) or by its instruction text.
 */
import { COMMAND_PATTERNS } from './command-patterns';
import { IMAGE_SIZES, UNKNOWN_IMAGE_MB, type ImageFlavour } from './image-sizes';
import { parseImageRef } from './images';
import { splitCommand } from './parse';
import { mountFields } from './dockerfile-words';
import type { Builder, CostModel } from './types';
import { readCommands } from './run-model/command-reader';

export { COMMAND_PATTERNS } from './command-patterns';
export { DEFAULT_COSTS } from './cost-defaults';
export { IMAGE_SIZES } from './image-sizes';

export interface Estimate {
  seconds: number;
  basis: string;
}

export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/** Seconds as people read them: `2 s`, `0.3 s`, `1.5 min`. */
export function formatSeconds(n: number): string {
  if (n >= 120) return `${round1(n / 60)} min`;
  return `${round1(n)} s`;
}

/**
 * The key of an instruction in `CostModel.instructions`: the instruction as
 * written, continuation lines joined, white space folded, keyword upper-cased.
 */
export function instructionKey(source: string): string {
  const folded = source.replace(/\s+/g, ' ').trim();
  return folded.replace(/^\S+/, (k) => k.toUpperCase());
}

/** The cache mount targets of a RUN, from its flags (`--mount=type=cache,target=/root/.npm`). */
export function cacheMountTargets(source: string): string[] {
  const out: string[] = [];
  for (const f of splitCommand(source).flags) {
    if (f.name !== 'mount' || !f.value) continue;
    const fields = new Map(mountFields(f.value));
    if ((fields.get('type') ?? 'bind') !== 'cache') continue;
    const target = fields.get('target') ?? fields.get('dst') ?? fields.get('destination');
    if (target) out.push(target.replace(/\/+$/, '') || '/');
  }
  return out;
}

/** Whether a cache mount at `path` covers `dir`. `*` stands for "a mount wherever the tool caches" (what-if estimates). */
function under(path: string, dir: string): boolean {
  return path === '*' || path === dir || path.startsWith(dir + '/') || dir.startsWith(path + '/');
}

/**
 * The seconds a RUN's command takes. A RUN chains commands (`&&`, `;`, `||`);
 * each recognised command adds its figure once. A cache mount over the tool's
 * cache directory lowers the figure of a rebuild, once an earlier build has
 * filled the cache (`warmCache`).
 */
export function estimateRun(
  command: string,
  mounts: string[],
  costs: CostModel,
  warmCache: boolean,
  builder: Builder = 'buildkit'
): Estimate {
  let total = 0;
  const parts: string[] = [];
  const seen = new Set<string>();
  // The same reading of a RUN as the interpreter, lint and the advisor (run-model/command-reader.ts).
  for (const { raw: segment } of readCommands(command)) {
    for (const p of COMMAND_PATTERNS) {
      const m = p.pattern.exec(segment);
      if (!m) continue;
      if (p.id === 'sleep') {
        const s = Number(m[1]);
        total += s;
        parts.push(`sleep ${formatSeconds(s)}`);
        break;
      }
      if (seen.has(p.id)) break;
      seen.add(p.id);
      const set = costs.commands[p.id];
      const mounted =
        p.withCacheMount !== undefined &&
        mounts.some((t) => !p.cacheDirs || p.cacheDirs.some((d) => under(t, d)));
      let s: number;
      let note: string;
      if (set !== undefined) {
        s = set;
        note = 'set';
      } else if (mounted && warmCache) {
        s = p.withCacheMount as number;
        note = 'with a warm cache mount';
      } else {
        s = p.seconds;
        note = mounted ? 'default; the cache mount is still empty' : 'default';
      }
      total += s;
      parts.push(`${p.label} ${formatSeconds(s)} (${note})`);
      break;
    }
  }
  const overhead = builder === 'legacy' ? costs.legacyStepOverhead : costs.stepOverhead;
  if (!parts.length) {
    return {
      seconds: round1(costs.runDefault + overhead),
      basis: `a command Layer Lab does not recognise: ${formatSeconds(costs.runDefault)} default + ${formatSeconds(overhead)} step overhead`
    };
  }
  return {
    seconds: round1(total + overhead),
    basis: `${parts.join(' + ')} + ${formatSeconds(overhead)} step overhead`
  };
}

/** The seconds a COPY or ADD of `bytes` takes. */
export function estimateCopy(bytes: number, costs: CostModel, builder: Builder = 'buildkit'): Estimate {
  const overhead = builder === 'legacy' ? costs.legacyStepOverhead : costs.stepOverhead;
  const mb = bytes / 1e6;
  return {
    seconds: round1(overhead + mb * costs.copyPerMB),
    basis: `copy ${formatBytes(bytes)} at ${costs.copyPerMB} s/MB + ${formatSeconds(overhead)} step overhead`
  };
}

/** Size class of an image from its tag: `3.12-slim` is slim, `3.19-alpine3.19` alpine. */
function flavourOf(tag: string | null): ImageFlavour {
  if (!tag) return 'full';
  if (/alpine/.test(tag)) return 'alpine';
  if (/slim|minimal|distroless/.test(tag)) return 'slim';
  return 'full';
}

/** The download size of a base image, MB, and where the figure came from. */
export function imageSizeMB(ref: string, costs: CostModel): { mb: number; known: boolean } {
  const p = parseImageRef(ref);
  const repo = p.ok ? p.ref.repo : ref;
  const tag = p.ok ? p.ref.tag : null;
  const short = repo.replace(/^(gcr\.io|mcr\.microsoft\.com|ghcr\.io|quay\.io)\//, '');
  for (const key of [ref, `${repo}:${tag ?? 'latest'}`, repo, short]) {
    const v = costs.imageSizes[key];
    if (typeof v === 'number') return { mb: v, known: true };
  }
  const row =
    IMAGE_SIZES[short] ??
    IMAGE_SIZES[short.replace(/^library\//, '')] ??
    IMAGE_SIZES[short.split('/').pop() ?? ''];
  if (row) {
    const f = flavourOf(tag);
    const mb = row[f] ?? row.slim ?? row.full;
    if (mb !== undefined) return { mb, known: true };
  }
  return { mb: UNKNOWN_IMAGE_MB, known: false };
}

/** The seconds pulling a base image takes. */
export function estimatePull(ref: string, costs: CostModel): Estimate {
  const { mb, known } = imageSizeMB(ref, costs);
  return {
    seconds: round1(mb * costs.pullPerMB),
    basis: `pull ${ref}: ~${mb} MB${known ? '' : ' (size unknown, assumed)'} at ${costs.pullPerMB} s/MB`
  };
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

const ANNOTATION = /^\s*#\s*layerlab:\s*(\d+(?:\.\d+)?)\s*(ms|s|sec|m|min)?\s*$/i;

/**
 * `# layerlab: 45s` (also `1.5m`, `800ms`) on the line above an instruction
 * sets its seconds: line (1-based) of the instruction -> seconds. Blank and
 * comment lines between the annotation and the instruction are skipped.
 */
export function annotationSeconds(dockerfile: string): Record<number, number> {
  const out: Record<number, number> = {};
  const lines = dockerfile.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = ANNOTATION.exec(lines[i]);
    if (!m) continue;
    const unit = (m[2] ?? 's').toLowerCase();
    const v = Number(m[1]) * (unit.startsWith('m') && unit !== 'ms' ? 60 : unit === 'ms' ? 0.001 : 1);
    let j = i + 1;
    while (j < lines.length && (/^\s*$/.test(lines[j]) || /^\s*#/.test(lines[j]))) j++;
    if (j < lines.length) out[j + 1] = v;
  }
  return out;
}

/** Merges overrides over the defaults; annotations in the Dockerfile count as line overrides below explicit ones. */
export function costModel(
  defaults: CostModel,
  dockerfile: string,
  given: Partial<CostModel> | undefined
): CostModel {
  const annotated = annotationSeconds(dockerfile);
  const notes: Record<number, string> = {};
  for (const line of Object.keys(annotated)) notes[Number(line)] = 'from the # layerlab annotation';
  const g = given ?? {};
  for (const line of Object.keys(g.lines ?? {})) delete notes[Number(line)];
  return {
    ...defaults,
    ...g,
    commands: { ...defaults.commands, ...(g.commands ?? {}) },
    lines: { ...annotated, ...(g.lines ?? {}) },
    lineNotes: { ...notes, ...(g.lineNotes ?? {}) },
    instructions: { ...defaults.instructions, ...(g.instructions ?? {}) },
    imageSizes: { ...defaults.imageSizes, ...(g.imageSizes ?? {}) }
  };
}
