/**
 * build(): one prediction. Same input, deep-equal output; never throws on user input.
 */
import { DEFAULT_DOCKERFILE } from './build-files';
import { buildContext } from './context';
import { EngineMemo } from './memo';
import { applyFailure } from './rules/key-phase-failure';
import type { Digest } from './digest';
import { DEFAULT_COSTS } from './cost-defaults';
import { costModel } from './estimate';
import { nextCache, normalizeCache } from './cache-snapshot';
import { explainAll } from './explain';
import { imageKey } from './images';
import { parseDockerfile } from './parse';
import { makePlan, stageDeps } from './plan';
import { unconsumedBuildArgs } from './rules/arg-scope';
import { solve, type Solved } from './solve';
import { estimateSteps, totalsOf } from './timing';
import { collectTrees } from './tree';
import type {
  BuildInput,
  BuildResult,
  CostModel,
  Diagnostic,
  StageResult,
  StepResult,
  TreeNode
} from './types';

export { emptyCache, normalizeCache } from './cache-snapshot';

/**
 * Predicts what `docker build` does with this input against its cache. `memo`:
 * what the host keeps between its builds (a fresh one gives the same result, only slower).
 */
export function build(input: BuildInput, memo: EngineMemo = new EngineMemo()): BuildResult {
  try {
    return buildUnsafe(input, memo);
  } catch (e) {
    // A bug in the engine must not take the user's page down: report it as a diagnostic.
    const builder = input?.builder === 'legacy' ? 'legacy' : 'buildkit';
    const message = `Layer Lab could not simulate this build (${e instanceof Error ? e.message : String(e)}). Please report it with your Dockerfile.`;
    return {
      builder,
      outcome: 'failure',
      unknowns: [],
      steps: [],
      instructions: [],
      stages: [],
      images: [],
      diagnostics: [{ severity: 'error', message, range: null, code: 'engine' }],
      error: { message, stepId: null, range: null },
      target: null,
      context: { files: 0, bytes: 0, excluded: [], excludedCount: 0 },
      totals: {
        steps: 0,
        built: 0,
        cached: 0,
        skipped: 0,
        failed: 0,
        estimatedSeconds: 0,
        fullSeconds: 0,
        firstMiss: null,
        time: { overhead: 0, context: 0, steps: 0, stepsSum: 0, export: 0 }
      },
      cache: normalizeCache(input?.cache)
    };
  }
}

function buildUnsafe(input: BuildInput, memo: EngineMemo): BuildResult {
  const builder = input.builder === 'legacy' ? 'legacy' : 'buildkit';
  const dockerfile = typeof input.dockerfile === 'string' ? input.dockerfile : '';
  const cache = normalizeCache(input.cache);
  const buildArgs: Record<string, string> = {};
  for (const [k, v] of Object.entries(input.buildArgs ?? {})) if (typeof v === 'string') buildArgs[k] = v;
  const images = new Map<string, Digest>();
  for (const [k, v] of Object.entries(input.images ?? {}))
    if (typeof v === 'string') images.set(imageKey(k), v);
  const imageModel = input.imageModel === 'oracle' ? 'oracle' : 'generic';
  const offline = input.offline === true;
  const costs: CostModel = costModel(DEFAULT_COSTS, dockerfile, input.costs);

  const parsed = parseDockerfile(dockerfile, memo);
  const plan = makePlan(parsed, builder, buildArgs, input.target || undefined);
  const context = buildContext(
    input.context ?? { files: {} },
    input.dockerfilePath ?? DEFAULT_DOCKERFILE,
    dockerfile,
    builder,
    memo
  );
  // The legacy builder's CLI checks the .dockerignore patterns before it sends anything.
  if (builder === 'legacy' && context.ignoreError)
    plan.fatal = { message: context.ignoreError.message, range: null };
  const diagnostics: Diagnostic[] = [
    ...parsed.diagnostics.filter((d) => !plan.diagnostics.some((p) => p.message === d.message)),
    ...plan.diagnostics,
    ...context.diagnostics
  ];

  const syntax = parsed.directives.find((d) => d.name === 'syntax');
  if (syntax && builder === 'buildkit') {
    if (offline && !plan.fatal) {
      plan.fatal = {
        message: `failed to resolve source metadata for ${syntax.value}: the daemon cannot pull the frontend image without a network`,
        range: syntax.range
      };
    } else {
      diagnostics.push({
        severity: 'info',
        message: `BuildKit will pull the ${syntax.value} frontend. Layer Lab predicts Docker 20.10's built-in frontend; features newer than it (COPY --link, heredocs) are not modelled.`,
        range: syntax.range,
        code: 'engine'
      });
    }
  }
  if (builder === 'legacy') {
    const unused = unconsumedBuildArgs(parsed, buildArgs);
    if (unused.length)
      diagnostics.push({
        severity: 'warning',
        message: `[Warning] One or more build-args [${unused.join(' ')}] were not consumed`,
        range: null,
        code: 'engine'
      });
  }

  const serial = cache.builds + 1;
  const solved = solve(parsed, plan, context, {
    builder,
    buildArgs,
    noCache: input.noCache === true,
    images,
    imageModel,
    offline,
    remote: input.remote ?? {},
    cache,
    serial
  });
  applyFailure(solved);

  const newTrees: Record<Digest, TreeNode> = {};
  for (const w of solved.work)
    for (const c of w.dispatched?.content ?? [])
      if (c.node?.children) collectTrees(c.node, newTrees, cache.trees);
  const trees = { ...cache.trees, ...newTrees };
  explainAll(solved.work, cache, builder, input.noCache === true, trees);
  estimateSteps(solved.work, { builder, costs, warmCache: cache.builds > 0 });

  const steps = solved.work.map((w) => w.result);
  const error = solved.failure
    ? {
        message: solved.failure.message,
        stepId: solved.failure.stepId,
        range:
          solved.failure.range ??
          (solved.failure.stepId
            ? (steps.find((s) => s.id === solved.failure?.stepId)?.range ?? null)
            : (plan.fatal?.range ?? null))
      }
    : null;
  if (error && !diagnostics.some((d) => d.message === error.message)) {
    diagnostics.push({ severity: 'error', message: error.message, range: error.range, code: 'build' });
  }

  const totals = totalsOf(solved.work, {
    builder,
    costs,
    contextBytes: context.summary.bytes,
    firstBuild: cache.builds === 0,
    images: builder === 'buildkit' ? solved.imagesUsed.length : 0
  });
  const unknowns = error
    ? []
    : solved.work
        .filter((w) => w.unknown && w.result.status !== 'skipped')
        .map((w) => ({ stepId: w.result.id, range: w.result.range, message: w.unknown as string }));
  return {
    builder,
    outcome: error ? 'failure' : unknowns.length ? 'unknown' : 'success',
    unknowns,
    steps,
    instructions: solved.instructions,
    stages: stageResults(plan, solved, steps),
    images: solved.imagesUsed.map((u) => ({ ref: u.ref, digest: u.digest, present: u.present })),
    diagnostics,
    error,
    target: plan.target,
    context: context.summary,
    totals,
    cache: nextCache(cache, solved, serial, trees, builder)
  };
}

function stageResults(plan: ReturnType<typeof makePlan>, solved: Solved, steps: StepResult[]): StageResult[] {
  return plan.stages.map((st) => {
    const mine = steps.filter((s) => s.stage === st.index && s.status !== 'skipped');
    let status: StageResult['status'] = 'not-built';
    if (solved.built.has(st.index) && mine.length) {
      if (mine.some((s) => s.status === 'failed')) status = 'failed';
      else if (mine.every((s) => s.status === 'cached')) status = 'cached';
      else if (mine.every((s) => s.status === 'built')) status = 'built';
      else status = 'partial';
    } else if (solved.built.has(st.index) && !solved.failure) status = 'cached';
    return {
      index: st.index,
      name: st.name,
      base: st.baseName,
      baseStage: st.baseStage,
      dependsOn: stageDeps(st),
      built: solved.built.has(st.index),
      status,
      range: {
        ...st.from.range,
        endLine: st.instructions.length
          ? st.instructions[st.instructions.length - 1].range.endLine
          : st.from.range.endLine
      }
    };
  });
}
