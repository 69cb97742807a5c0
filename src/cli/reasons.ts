/** A step's reason (the engine's StepReason) in a few words, for the table and the JSON `why`. */
import { describeAssumedOutput, type FileChange, type StepReason, type VariableChange } from '../lib/engine/index';

const octal = (m: number | undefined) => (m === undefined ? '?' : (m & 0o7777).toString(8));

function fileChange(c: FileChange): string {
  if (c.change === 'mode') return `${c.path} mode ${octal(c.beforeMode)}→${octal(c.afterMode)}`;
  return `${c.path} ${c.change}`;
}

function files(changes: FileChange[], total: number, limit = 3): string {
  const shown = changes.slice(0, limit).map(fileChange).join(', ');
  return total > limit ? `${shown} (+${total - limit} more)` : shown;
}

const value = (v: string | null) => (v === null ? 'unset' : JSON.stringify(v));
const vars = (kind: string, cs: VariableChange[]) =>
  cs.map((c) => `${kind} ${c.name} ${value(c.before)} → ${value(c.after)}`).join(', ');

export function describeReason(r: StepReason): string {
  switch (r.kind) {
    case 'cache-hit':
      return r.via === 'identical-output' ? 'cached: what it copies came out identical' : '';
    case 'cold':
      return 'not in the cache yet';
    case 'new-step':
      return 'new step: no earlier build ran it';
    case 'no-cache':
      return '--no-cache';
    case 'instruction-changed':
      return `instruction changed (was: ${r.before})`;
    case 'files-changed':
      return files(r.changes, r.total);
    case 'source-output-changed':
      return `output of stage ${r.stage} changed: ${files(r.changes, r.total)}${r.assumed ? ` (${describeAssumedOutput(r.assumed)})` : ''}`;
    case 'arg-changed':
      return vars('build arg', r.changes);
    case 'env-changed':
      return vars('ENV', r.changes);
    case 'user-changed':
      return `USER ${r.before} → ${r.after}`;
    case 'workdir-changed':
      return `WORKDIR ${r.before} → ${r.after}`;
    case 'shell-changed':
      return `SHELL ${JSON.stringify(r.before)} → ${JSON.stringify(r.after)}`;
    case 'base-image-changed':
      return `base image ${r.ref} changed`;
    case 'parent-built':
      return `after line ${r.rootLine}`;
    case 'legacy-config-changed':
      return `${r.keyword} changed (legacy builder compares image config)`;
    case 'always-runs':
      return r.detail;
    case 'not-needed':
      return `not needed for target ${r.target}`;
    case 'merged':
      return `same step as line ${r.line}`;
    case 'after-error':
      return r.line ? `not run: line ${r.line} fails` : 'not run: the build fails';
    case 'printed-cached-before-error':
      return `shown as cached before line ${r.line} fails`;
    case 'error':
      return r.message;
  }
}
