/**
 * A step's status and reason in plain words, for the layer stack, the editor
 * hover and the summary. Pure: the texts of changed files come through `textOf`.
 */
import { describeTextChange } from '../engine/text-change';
import { describeAssumedOutput } from '../engine/run-model/run-output';
import type { Digest, FileChange, StepResult, StepStatus, VariableChange } from '../engine/types';
import type { ResultMode } from '../state/result-view.svelte';

export interface ReasonContext {
  /** The text of a file version, when it is known. */
  textOf(digest: Digest | undefined): string | null;
}

/** Words for each status, shown next to the colour. */
export const STATUS_WORDS: Record<StepStatus, string> = {
  cached: 'cached',
  built: 'rebuilds',
  skipped: 'skipped',
  failed: 'fails'
};

/** Words for a build that has run (the results' "last build"): a step that was not cached ran. */
export const RAN_WORDS: Record<StepStatus, string> = {
  cached: 'cached',
  built: 'ran',
  skipped: 'skipped',
  failed: 'failed'
};

/** The status words for what the results show: the next build's prediction or the build that ran. */
export function statusWords(mode: ResultMode = 'prediction'): Record<StepStatus, string> {
  return mode === 'last-build' ? RAN_WORDS : STATUS_WORDS;
}

/** How the results name what they show: a tag and its gloss ("Last build — what docker build just did"). */
export const MODE_LABELS: Record<ResultMode, readonly [tag: string, gloss: string]> = {
  'last-build': ['Last build', 'what docker build just did'],
  prediction: ['Next build', 'prediction']
};

export const STATUS_ICONS: Record<StepStatus, string> = {
  cached: '✓',
  built: '↻',
  skipped: '–',
  failed: '✕'
};

const MAX_LISTED = 3;

function short(d: Digest | null | undefined): string {
  return d ? d.replace(/^sha256:/, '').slice(0, 12) : 'none';
}

function value(v: string | null): string {
  return v === null ? '(unset)' : v === '' ? '""' : v;
}

function mode(n: number | undefined): string {
  return n === undefined ? '?' : n.toString(8).padStart(3, '0');
}

/** "requirements.txt changed: 1 line added". */
export function describeFileChange(c: FileChange, ctx: ReasonContext): string {
  switch (c.change) {
    case 'added':
      return `${c.path} added`;
    case 'removed':
      return `${c.path} removed`;
    case 'mode':
      return `${c.path} mode changed ${mode(c.beforeMode)} → ${mode(c.afterMode)}`;
    case 'modified': {
      // ADD keys a download on what the URL serves, not on the URL.
      if (/^https?:\/\//i.test(c.path)) return `${c.path} now serves different content`;
      const before = ctx.textOf(c.before);
      const after = ctx.textOf(c.after);
      const how = before !== null && after !== null ? describeTextChange(before, after) : null;
      return how ? `${c.path} changed: ${how}` : `${c.path} changed`;
    }
  }
}

function listChanges(changes: FileChange[], total: number, ctx: ReasonContext): string {
  const shown = changes.slice(0, MAX_LISTED).map((c) => describeFileChange(c, ctx));
  const more = total - shown.length;
  return shown.join('; ') + (more > 0 ? `; and ${more} more file${more === 1 ? '' : 's'}` : '');
}

function vars(kind: 'ARG' | 'ENV', changes: VariableChange[]): string {
  return changes.map((c) => `${kind} ${c.name} changed ${value(c.before)} → ${value(c.after)}`).join('; ');
}

/**
 * Why a step has its status, in a sentence. `mode` sets the tense where it
 * shows: a prediction says what will happen, a last build what did.
 */
export function describeReason(
  step: StepResult,
  ctx: ReasonContext,
  mode: ResultMode = 'prediction'
): string {
  const r = step.reason;
  const ran = mode === 'last-build';
  switch (r.kind) {
    case 'cache-hit':
      if (r.via === 'identical-output') return `cached: ${r.detail ?? 'the copied files are byte-identical'}`;
      return r.detail ? `cached: ${r.detail}` : 'cached: same instruction, same parent, same inputs';
    case 'cold':
      return ran
        ? 'was not in the cache (the daemon had never built it)'
        : 'not in the cache yet (the daemon has never built it)';
    case 'new-step':
      return 'no cached step matches: new or changed since the last build';
    case 'no-cache':
      return ran ? '--no-cache: every step ran' : '--no-cache: every step runs';
    case 'instruction-changed':
      return `instruction changed: was "${r.before}"`;
    case 'files-changed':
      return listChanges(r.changes, r.total, ctx);
    case 'source-output-changed':
      return `stage ${r.stage} produced different output: ${listChanges(r.changes, r.total, ctx)}${r.assumed ? `; ${describeAssumedOutput(r.assumed)}` : ''}`;
    case 'arg-changed':
      return (
        vars('ARG', r.changes) +
        (step.keyword === 'RUN'
          ? `; every RUN after the ARG uses ${r.changes.length === 1 ? 'it' : 'them'}`
          : '')
      );
    case 'env-changed':
      return vars('ENV', r.changes);
    case 'user-changed':
      return `USER changed ${r.before || 'root'} → ${r.after || 'root'}`;
    case 'workdir-changed':
      return `WORKDIR changed ${r.before} → ${r.after}`;
    case 'shell-changed':
      return `SHELL changed ${JSON.stringify(r.before)} → ${JSON.stringify(r.after)}`;
    case 'base-image-changed':
      return `base image ${r.ref} updated upstream (digest ${short(r.before)} → ${short(r.after)})`;
    case 'parent-built':
      return `parent step rebuilt (line ${r.line})`;
    case 'legacy-config-changed':
      return `${r.keyword} changed: was "${r.before}"`;
    case 'always-runs':
      return r.detail;
    case 'not-needed':
      return `not needed for target ${r.target}`;
    case 'merged':
      return `same work as line ${r.line}: BuildKit runs it once`;
    case 'after-error':
      if (!r.line) return ran ? 'not run: the build could not start' : 'not run: the build cannot start';
      return `not run: the build ${ran ? 'stopped' : 'stops'} at line ${r.line}`;
    case 'printed-cached-before-error':
      return `shown as CACHED: the build failed at line ${r.line} before running it`;
    case 'error':
      return r.message;
  }
}

/** The step a miss traces back to (itself when it is the root cause), by id. */
export function rootCauseOf(step: StepResult): string | null {
  if (step.status !== 'built') return null;
  return step.reason.kind === 'parent-built' ? step.reason.rootStepId : step.id;
}

/** "1.3 s", "45 s", "2 min 5 s", "2 min". */
export function formatSeconds(s: number): string {
  if (s < 10) return `${Math.round(s * 10) / 10} s`;
  if (s < 90) return `${Math.round(s)} s`;
  // Whole seconds first, so 119.7 s reads "2 min", never "1 min 60 s".
  const whole = Math.round(s);
  const m = Math.floor(whole / 60);
  return whole % 60 ? `${m} min ${whole % 60} s` : `${m} min`;
}
