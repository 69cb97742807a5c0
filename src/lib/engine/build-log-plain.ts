/**
 * BuildKit's `--progress=plain` output: `#N [stage i/n] INSTRUCTION` ...
 * `#N DONE 12.3s` / `#N CACHED`. Vertices interleave and a header is printed
 * again when a vertex's output resumes, so lines are gathered by vertex id.
 * One file per log format: each reads its own kind of line.
 */
import { emptyInternal, logStep, parseSize, STEP_LABEL, type LogStep, type ParsedLog } from './parsed-log';

/** Reads BuildKit's `--progress=plain` lines (`#N ...`); other lines are ignored. */
export function parsePlain(lines: string[]): Omit<ParsedLog, 'totalSeconds'> {
  const internal = emptyInternal();
  const steps: LogStep[] = [];
  const byId = new Map<string, { kind: string; step?: LogStep; ref?: string }>();
  for (const line of lines) {
    const m = /^#(\d+) (.*)$/.exec(line);
    if (!m) continue;
    const [, id, rest] = m;
    const known = byId.get(id);
    if (!known || rest.startsWith('[')) {
      // A vertex header; BuildKit prints it again when its output resumes.
      const label = STEP_LABEL.exec(rest);
      if (label) {
        const key = `${label[1] ?? ''} ${label[2]}/${label[3]}`;
        const same =
          known?.step && `${known.step.stage ?? ''} ${known.step.pos}/${known.step.of}` === key
            ? known.step
            : null;
        if (!same) {
          const step = logStep(label[1], label[2], label[3], label[4], 'running', null);
          steps.push(step);
          byId.set(id, { kind: 'step', step });
        }
        continue;
      }
      const kind = /^\[internal\] load build definition/.test(rest)
        ? 'definition'
        : /^\[internal\] load \.dockerignore/.test(rest)
          ? 'dockerignore'
          : /^\[internal\] load metadata for /.test(rest)
            ? 'metadata'
            : /^\[internal\] load build context/.test(rest)
              ? 'context'
              : /^exporting to image/.test(rest)
                ? 'export'
                : null;
      if (kind && !known) {
        const ref =
          kind === 'metadata' ? rest.replace(/^\[internal\] load metadata for /, '').trim() : undefined;
        byId.set(id, { kind, ref });
        if (kind === 'metadata') internal.metadata.push({ ref: ref ?? '', seconds: null });
        if (kind === 'context') internal.context = { seconds: null, bytes: null };
      }
      if (kind || !known) continue;
    }
    const v = byId.get(id);
    if (!v) continue;
    const done = /^DONE (\d+(?:\.\d+)?)s$/.exec(rest);
    if (v.step) {
      if (done) {
        v.step.status = 'done';
        v.step.seconds = Number(done[1]);
      } else if (rest === 'CACHED') v.step.status = 'cached';
      else if (/^(ERROR|CANCELED)\b/.test(rest)) v.step.status = 'error';
      else {
        // Layers a FROM downloads: "sha256:abc... 12.5MB / 45.2MB 1.2s" (the last report of each layer wins).
        const dl = /^sha256:([0-9a-f]{12,}) (\S+) \/ (\S+)/.exec(rest);
        if (dl && v.step.instruction.startsWith('FROM ')) {
          const size = parseSize(dl[3]);
          if (size !== null) layerSizes(v.step).set(dl[1], size);
          v.step.downloadedBytes = [...layerSizes(v.step).values()].reduce((a, b) => a + b, 0);
          v.step.pulled = true;
        }
      }
      continue;
    }
    if (!done) {
      const t = /^transferring context: (\S+)/.exec(rest);
      if (t && internal.context) internal.context.bytes = parseSize(t[1]);
      continue;
    }
    const s = Number(done[1]);
    if (v.kind === 'definition') internal.definition = s;
    else if (v.kind === 'dockerignore') internal.dockerignore = s;
    else if (v.kind === 'export') internal.export = s;
    else if (v.kind === 'context' && internal.context) internal.context.seconds = s;
    else if (v.kind === 'metadata') {
      const entry = internal.metadata.find((e) => e.ref === v.ref && e.seconds === null);
      if (entry) entry.seconds = s;
    }
  }
  return { format: 'buildkit-plain', steps, internal, timestamped: false };
}

// Per-layer sizes of a FROM, kept off the step so the step stays plain JSON.
const layers = new WeakMap<LogStep, Map<string, number>>();
function layerSizes(step: LogStep): Map<string, number> {
  let m = layers.get(step);
  if (!m) {
    m = new Map();
    layers.set(step, m);
  }
  return m;
}
