/**
 * The human report: a table of steps (colour on a terminal), the predicted
 * rebuild, and lint findings as `path:line  severity  id  message`. With
 * `--progress plain` the table gives way to the daemon's own plain progress.
 */
import {
  LOG_FORMAT_NAMES,
  renderProgress,
  type Diagnostic,
  type LintFinding,
  type StepResult
} from '../lib/engine/index';
import type { Report } from './check';
import { painter, useColour, type Io, type Style } from './io';
import { describeReason } from './reasons';

const seconds = (n: number) => (n >= 100 ? `${Math.round(n)} s` : `${n.toFixed(1)} s`);

function clip(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length <= width ? flat : flat.slice(0, Math.max(1, width - 1)) + '…';
}

function stepLabel(s: StepResult): string {
  if (!s.label) return s.instruction;
  return `[${s.label.stage ? s.label.stage + ' ' : ''}${s.label.pos}/${s.label.of}] ${s.instruction}`;
}

function header(r: Report): string {
  const builder = r.result.builder === 'buildkit' ? 'BuildKit' : 'legacy builder';
  const against = r.since
    ? `against ${r.since.ref} (${r.since.commit.slice(0, 7)}${r.since.subject ? ` "${clip(r.since.subject, 50)}"` : ''})`
    : `cold build (${r.coldBecause ?? 'no baseline'})`;
  if (r.options.command === 'lint') return `layerlab lint · ${r.dockerfileShown} · ${builder}, Docker 20.10`;
  return `layerlab check · ${r.dockerfileShown} · ${builder}, Docker 20.10 · ${against}`;
}

function stepTable(r: Report, io: Io, paint: ReturnType<typeof painter>): string[] {
  const steps = r.result.steps.filter((s) => s.printed && s.status !== 'skipped');
  const width = io.isTTY && io.columns ? io.columns : 160;
  const stepWidth = Math.min(56, Math.max(24, ...steps.map((s) => stepLabel(s).length)));
  const out = [
    `  ${'LINE'.padStart(4)}  ${'STEP'.padEnd(stepWidth)}  ${'CACHE'.padEnd(7)}  ${'TIME'.padStart(7)}  WHY`
  ];
  const whyWidth = Math.max(20, width - (2 + 4 + 2 + stepWidth + 2 + 7 + 2 + 7 + 2));
  for (const s of steps) {
    const status = s.status === 'cached' ? 'cached' : s.status === 'failed' ? 'FAILS' : 'REBUILD';
    const style: Style[] =
      s.status === 'cached' ? ['dim'] : s.status === 'failed' ? ['red', 'bold'] : ['yellow', 'bold'];
    const time = s.status === 'built' ? seconds(s.estimatedSeconds) : '';
    const why = clip(describeReason(s.reason), whyWidth);
    out.push(
      `  ${String(s.range.line).padStart(4)}  ${paint(s.status === 'cached' ? 'dim' : [], clip(stepLabel(s), stepWidth).padEnd(stepWidth))}  ${paint(style, status.padEnd(7))}  ${time.padStart(7)}  ${why}`.trimEnd()
    );
  }
  return out;
}

function summary(r: Report, paint: ReturnType<typeof painter>): string[] {
  const t = r.result.totals;
  const out: string[] = [];
  const counted = r.result.steps.filter((s) => s.printed && s.status !== 'skipped');
  const rebuilt = counted.filter((s) => s.status === 'built').length;
  if (r.since) {
    const what = rebuilt
      ? `${rebuilt} of ${counted.length} steps rebuild, about ${paint('bold', seconds(t.estimatedSeconds))} (export included)`
      : paint('green', `nothing rebuilds: all ${counted.length} steps come from the cache`);
    out.push(`  Next build: ${what}. A cold build takes about ${seconds(t.fullSeconds)}.`);
  } else
    out.push(
      `  Cold build: ${counted.length} steps, about ${paint('bold', seconds(t.estimatedSeconds))} (export included).`
    );
  if (r.baselineError)
    out.push(`  Note: the build at ${r.since?.ref} fails (${r.baselineError}), so less of it is cached.`);
  // What the engine cannot see: the build succeeds only if these hold (BuildResult.unknowns).
  for (const u of r.result.unknowns)
    out.push(paint('yellow', `  May fail at line ${u.range.line}: ${u.message}`));
  if (r.options.maxRebuild !== null) {
    out.push(
      r.overBudget
        ? paint(
            ['red', 'bold'],
            `  Over budget: ${seconds(t.estimatedSeconds)} predicted, --max-rebuild ${r.options.maxRebuild} s.`
          )
        : `  Within budget: ${seconds(t.estimatedSeconds)} of ${r.options.maxRebuild} s.`
    );
  }
  return out;
}

const STATUS_WORDS = {
  calibrated: 'measured',
  cached: 'cached in that build, so no time',
  'no-duration': 'no time in the log',
  failed: 'failed in that build',
  unmatched: 'matches no instruction'
} as const;

/** `--timings LOG`: what the log measured, what it could not, and why. */
function timingLines(r: Report, paint: ReturnType<typeof painter>): string[] {
  if (!r.timings) return [];
  const c = r.timings.calibration;
  const measured = c.steps.filter((s) => s.status === 'calibrated').length;
  const out = [
    `  Timings from ${r.timings.log} (${LOG_FORMAT_NAMES[c.format]}): ${paint('bold', `${measured} of ${c.steps.length}`)} logged steps measured.`
  ];
  const width = Math.min(56, Math.max(24, ...c.steps.map((s) => s.label.length)));
  for (const s of c.steps) {
    const time = s.status === 'calibrated' && s.seconds !== null ? seconds(s.seconds) : '';
    // An unmatched step's note is the reason; the others' notes say how it matched, which the status covers.
    const what = s.status === 'unmatched' ? s.note : STATUS_WORDS[s.status];
    out.push(
      `  ${String(s.line ?? '').padStart(4)}  ${clip(s.label, width).padEnd(width)}  ${time.padStart(7)}  ${what}`.trimEnd()
    );
  }
  if (c.uncalibratedLines.length)
    out.push(
      `  Not measured, default estimate kept: line${c.uncalibratedLines.length === 1 ? '' : 's'} ${c.uncalibratedLines.join(', ')}.`
    );
  const figures = (
    [
      ['buildOverhead', 'per build'],
      ['resolveImage', 'resolving a base image'],
      ['export', 'exporting'],
      ['pullPerMB', 'pulling per MB'],
      ['contextPerMB', 'context per MB']
    ] as const
  )
    .filter(([k]) => typeof c.costs[k] === 'number')
    .map(
      ([k, name]) => `${name} ${k.endsWith('PerMB') ? `${c.costs[k]} s/MB` : seconds(c.costs[k] as number)}`
    );
  if (figures.length) out.push(`  Measured per build: ${figures.join(', ')}.`);
  for (const n of c.notes) out.push(`  Note: ${n}`);
  return out;
}

const SEVERITY_STYLE: Record<string, Style[]> = {
  error: ['red', 'bold'],
  warning: ['yellow'],
  info: ['cyan']
};

function diagnosticLines(r: Report, paint: ReturnType<typeof painter>): string[] {
  const shown = [...r.result.diagnostics.filter((d) => d.severity !== 'info'), ...r.lint.diagnostics];
  return shown.map((d: Diagnostic) => {
    const where = d.range ? `${r.dockerfileShown}:${d.range.line}: ` : '';
    return `  ${where}${paint(SEVERITY_STYLE[d.severity], d.severity)}: ${d.message}`;
  });
}

function findingLines(r: Report, paint: ReturnType<typeof painter>): string[] {
  const f = r.lint.findings;
  const counts = (['error', 'warning', 'info'] as const)
    .map((s) => [s, f.filter((x) => x.severity === s).length] as const)
    .filter(([, n]) => n);
  const out = [
    `  Lint: ${f.length ? `${f.length} finding${f.length === 1 ? '' : 's'} (${counts.map(([s, n]) => `${n} ${s}`).join(', ')})` : 'no findings'}${r.lint.suppressed.length ? `, ${r.lint.suppressed.length} suppressed` : ''}`
  ];
  for (const x of f as LintFinding[]) {
    out.push(
      '',
      `  ${r.dockerfileShown}:${x.range.line}  ${paint(SEVERITY_STYLE[x.severity], x.severity.padEnd(7))}  ${paint('bold', x.code)}  ${x.message}`
    );
    const fix = x.fix.description.split('\n');
    out.push(
      `      fix: ${fix[0]}`,
      ...fix.slice(1).map((l) => `           ${l}`),
      paint('dim', `      ${x.docs}`)
    );
  }
  return out;
}

export function renderTable(r: Report, io: Io): string {
  const paint = painter(useColour(io));
  const out: string[] = [paint('bold', header(r)), ''];
  if (r.options.command === 'check') {
    if (r.options.progress === 'plain')
      out.push(renderProgress(r.result, { dockerfilePath: r.dockerfilePath }), '');
    else out.push(...stepTable(r, io, paint), '');
    out.push(...summary(r, paint), '');
    const timings = timingLines(r, paint);
    if (timings.length) out.push(...timings, '');
  }
  const diags = diagnosticLines(r, paint);
  if (diags.length) out.push(...diags, '');
  out.push(...findingLines(r, paint));
  if (r.exitCode) {
    const why = [
      r.failing
        ? `${r.failing} finding${r.failing === 1 ? '' : 's'} at --fail-on ${r.options.failOn} or above`
        : '',
      r.overBudget ? 'rebuild over --max-rebuild' : ''
    ].filter(Boolean);
    out.push('', paint(['red', 'bold'], `  Exit 1: ${why.join('; ')}.`));
  }
  return out.join('\n') + '\n';
}
