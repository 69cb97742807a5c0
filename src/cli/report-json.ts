/**
 * `--format json`: the whole prediction and the lint findings as one object,
 * stable enough for scripts. `steps[].reason` is the engine's StepReason as is;
 * `why` is the same in words.
 */
import pkg from '../../package.json' with { type: 'json' };
import type { Report } from './check';
import { describeReason } from './reasons';

export function renderJson(r: Report): string {
  const steps = r.result.steps.filter((s) => s.status !== 'skipped');
  const t = r.result.totals;
  const out = {
    tool: { name: 'layerlab', version: pkg.version },
    command: r.options.command,
    context: r.options.dir,
    dockerfile: r.dockerfileShown,
    builder: r.result.builder,
    target: r.options.target ?? null,
    since: r.since ? { ref: r.since.ref, commit: r.since.commit } : null,
    coldBecause: r.coldBecause,
    baselineError: r.baselineError,
    outcome: r.result.outcome,
    unknowns: r.result.unknowns.map((u) => ({ stepId: u.stepId, line: u.range.line, message: u.message })),
    ...(r.options.command === 'check'
      ? {
          steps: steps.map((s) => ({
            id: s.id,
            stage: s.stage,
            stageName: s.stageName,
            line: s.range.line,
            endLine: s.range.endLine,
            instruction: s.instruction,
            status: s.status,
            rebuild: s.status === 'built',
            why: describeReason(s.reason),
            reason: s.reason,
            estimatedSeconds: s.estimatedSeconds,
            fullSeconds: s.fullSeconds,
            estimateBasis: s.estimateBasis
          })),
          rebuild: {
            steps: steps.filter((s) => s.status === 'built').length,
            of: steps.length,
            seconds: t.estimatedSeconds,
            coldSeconds: t.fullSeconds,
            firstLine: steps.find((s) => s.id === t.firstMiss)?.range.line ?? null
          },
          budget:
            r.options.maxRebuild === null
              ? null
              : { maxRebuildSeconds: r.options.maxRebuild, exceeded: r.overBudget },
          timings: r.timings
            ? {
                log: r.timings.log,
                format: r.timings.calibration.format,
                builder: r.timings.calibration.builder,
                steps: r.timings.calibration.steps,
                uncalibratedLines: r.timings.calibration.uncalibratedLines,
                notes: r.timings.calibration.notes,
                costs: r.timings.calibration.costs
              }
            : null
        }
      : {}),
    contextSummary: {
      files: r.result.context.files,
      bytes: r.result.context.bytes,
      excluded: r.result.context.excludedCount,
      hashedFiles: r.read.hashed,
      hashedBytes: r.read.bytesHashed
    },
    lint: { findings: r.lint.findings, suppressed: r.lint.suppressed, configFile: r.lint.configFile },
    diagnostics: [...r.result.diagnostics, ...r.lint.diagnostics],
    failOn: r.options.failOn,
    exitCode: r.exitCode
  };
  return JSON.stringify(out, null, 2) + '\n';
}
