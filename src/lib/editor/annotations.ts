/**
 * What the editor shows per Dockerfile line, computed from a build result:
 * the gutter marker and the hover text. Plain data; the CodeMirror extensions
 * in this folder render it.
 */
import type { BuildResult, StepResult } from '../engine/types';
import type { ResultMode } from '../state/result-view.svelte';
import { describeReason, formatSeconds, statusWords, type ReasonContext } from '../visualizer/reason-text';

export type MarkerKind = 'cached' | 'built' | 'skipped' | 'failed' | 'config';

export interface LineInfo {
  /** First line of the instruction, 1-based. */
  line: number;
  endLine: number;
  marker: MarkerKind;
  /** Short words for the marker's title and the hover's heading. */
  title: string;
  /** Lines of the hover, plain text. */
  details: Array<[label: string, value: string]>;
}

const CONFIG_NOTE = 'No layer: BuildKit records this in the image config; it never misses on its own.';

/** `mode` says whether `result` is the next build's prediction or the build that just ran (its words and tense). */
export function lineInfos(
  result: BuildResult | null,
  ctx: ReasonContext,
  mode: ResultMode = 'prediction'
): LineInfo[] {
  if (!result) return [];
  const words = statusWords(mode);
  const steps = new Map<string, StepResult>(result.steps.map((s) => [s.id, s]));
  const out: LineInfo[] = [];
  for (const ins of result.instructions) {
    const step = ins.stepId ? steps.get(ins.stepId) : undefined;
    const base = { line: ins.range.line, endLine: ins.range.endLine };
    if (step) {
      out.push({
        ...base,
        marker: step.status,
        title: `${ins.keyword}: ${words[step.status]}`,
        details: [
          [
            'status',
            `${words[step.status]}${step.status === 'built' ? ` (about ${formatSeconds(step.fullSeconds)})` : ''}`
          ],
          ['why', describeReason(step, ctx, mode)],
          ['cache key', step.cacheKey ?? 'none (not computed)'],
          ['estimate', step.estimateBasis || '—']
        ]
      });
    } else if (ins.role === 'config' || ins.role === 'global-arg') {
      out.push({
        ...base,
        marker: 'config',
        title: `${ins.keyword}: no layer`,
        details: [
          ['status', 'no layer'],
          [
            'why',
            ins.role === 'global-arg'
              ? 'An ARG before the first FROM: it only sets values FROM lines can use.'
              : CONFIG_NOTE
          ]
        ]
      });
    } else if (ins.role === 'not-built') {
      out.push({
        ...base,
        marker: 'skipped',
        title: `${ins.keyword}: not built`,
        details: [
          ['status', 'not built'],
          ['why', 'This stage is not needed for the target.']
        ]
      });
    } else if (ins.role === 'invalid') {
      out.push({
        ...base,
        marker: 'failed',
        title: `${ins.keyword}: invalid`,
        details: [
          ['status', 'invalid'],
          ['why', 'See the problems list.']
        ]
      });
    }
  }
  return out;
}
