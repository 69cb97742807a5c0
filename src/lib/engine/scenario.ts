/**
 * Replays an oracle scenario (see tests/oracle/FORMAT.md) and returns what the
 * engine predicts for each build, in the recording's shape, so `compare.mjs`
 * and our tests can score it against what a real daemon did.
 *
 * The replay reproduces the oracle harness: every image named in the first
 * Dockerfile (FROM and --from) is the busybox stand-in, variant 1; `images`
 * re-points names to other variants; the daemon has no network; files are
 * written with mode 0644 unless `modes` says otherwise, and keep their mode
 * when rewritten; each scenario starts from an empty daemon.
 */
import { build, emptyCache } from './build';
import { oracleVariantDigest } from './images';
import type { Builder, BuildResult, CacheSnapshot, ContextFile, CostModel } from './types';
import { EngineMemo } from './memo';

export interface Scenario {
  description?: string;
  files: Record<string, string>;
  modes?: Record<string, string>;
  images?: Record<string, string>;
  builders?: Builder[];
  builds?: ScenarioBuild[];
}

export interface ScenarioBuild {
  label?: string;
  edit?: Record<string, string | null>;
  modes?: Record<string, string>;
  images?: Record<string, string>;
  args?: Record<string, string>;
  target?: string;
  noCache?: boolean;
  dockerfile?: string;
}

/** One step as a recording lists it. */
export interface PredictedStep {
  stage: string | null;
  pos: number;
  of: number;
  instruction: string;
  cached: boolean;
}

export interface PredictedBuild {
  label: string;
  steps: PredictedStep[];
  error?: string;
}

export interface Prediction {
  builds: PredictedBuild[];
}

/** The images the oracle harness tags before the first build: names in FROM and --from. */
export function imagesNamedIn(dockerfile: string): Record<string, string> {
  const stages = new Set<string>();
  const images: Record<string, string> = {};
  for (const line of dockerfile.split('\n')) {
    const m = /^\s*FROM\s+(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (!m) continue;
    const ref = m[1];
    if (!ref.includes('$') && ref !== 'scratch' && !stages.has(ref.toLowerCase())) images[ref] = '1';
    if (m[2]) stages.add(m[2].toLowerCase());
  }
  for (const m of dockerfile.matchAll(/--from=([^\s$]+)/g)) {
    if (!stages.has(m[1].toLowerCase()) && !/^\d+$/.test(m[1])) images[m[1]] = '1';
  }
  return images;
}

export interface ReplayStep {
  label: string;
  result: BuildResult;
}

/** Runs every build of a scenario with one builder; returns each build's full result. `costs` goes to every build. */
export function replayScenario(
  scenario: Scenario,
  builder: Builder,
  options: { costs?: Partial<CostModel> } = {}
): ReplayStep[] {
  const files = new Map<string, ContextFile>();
  const modes = new Map<string, number>();
  for (const [p, text] of Object.entries(scenario.files ?? {})) files.set(p, { data: text });
  for (const [p, m] of Object.entries(scenario.modes ?? {})) modes.set(p, parseInt(m, 8));
  const variants: Record<string, string> = {
    ...imagesNamedIn(scenario.files?.Dockerfile ?? ''),
    ...(scenario.images ?? {})
  };
  let cache: CacheSnapshot = emptyCache();
  const memo = new EngineMemo();
  const out: ReplayStep[] = [];
  for (const [i, b] of (scenario.builds ?? [{}]).entries()) {
    for (const [p, text] of Object.entries(b.edit ?? {})) {
      if (text === null) {
        for (const k of [...files.keys()]) if (k === p || k.startsWith(p + '/')) files.delete(k);
        for (const k of [...modes.keys()]) if (k === p || k.startsWith(p + '/')) modes.delete(k);
      } else files.set(p, { data: text });
    }
    for (const [p, m] of Object.entries(b.modes ?? {})) modes.set(p, parseInt(m, 8));
    Object.assign(variants, b.images ?? {});
    const dockerfilePath = b.dockerfile ?? 'Dockerfile';
    const context: Record<string, ContextFile> = {};
    for (const [p, f] of files) context[p] = { ...f, mode: modes.get(p) ?? 0o644 };
    // A mode set on a directory applies to that directory.
    for (const [p, m] of modes)
      if (!files.has(p) && [...files.keys()].some((k) => k.startsWith(p + '/')))
        context[p] = { type: 'dir', mode: m };
    const images: Record<string, string> = {};
    for (const [ref, v] of Object.entries(variants)) images[ref] = oracleVariantDigest(v);
    const result = build(
      {
        dockerfile: String(files.get(dockerfilePath)?.data ?? ''),
        dockerfilePath,
        context: { files: context },
        cache,
        builder,
        target: b.target,
        buildArgs: b.args,
        noCache: b.noCache,
        images,
        imageModel: 'oracle',
        offline: true,
        costs: options.costs
      },
      memo
    );
    cache = result.cache;
    out.push({ label: b.label ?? `build ${i + 1}`, result });
  }
  return out;
}

/** The steps a result shows, in a recording's shape. */
export function toRecordingSteps(r: BuildResult): PredictedStep[] {
  const printed = r.steps.filter((s) => s.printed && s.status !== 'skipped' && s.label);
  const rank = (s: (typeof printed)[number]) => (r.builder === 'buildkit' ? s.stage : 0);
  return printed
    .slice()
    .sort((a, b) => rank(a) - rank(b) || (a.label?.pos ?? 0) - (b.label?.pos ?? 0))
    .map((s) => ({
      stage: s.label?.stage ?? null,
      pos: s.label?.pos ?? 0,
      of: s.label?.of ?? 0,
      instruction: s.instruction,
      cached: s.status === 'cached'
    }));
}

/** Predicts a whole scenario for one builder, in the format compare.mjs reads. */
export function predictScenario(scenario: Scenario, builder: Builder): Prediction {
  return {
    builds: replayScenario(scenario, builder).map(({ label, result }) => {
      const b: PredictedBuild = { label, steps: toRecordingSteps(result) };
      if (result.error) b.error = result.error.message;
      return b;
    })
  };
}
