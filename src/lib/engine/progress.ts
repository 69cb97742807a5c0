/**
 * A build printed the way the daemon prints it: BuildKit's `--progress=plain`
 * (`#N [stage i/n] INSTRUCTION`, `#N CACHED`, `#N DONE 1.2s`) or the legacy
 * builder's `Step i/N : INSTRUCTION` with ` ---> Using cache`. Durations are the
 * engine's estimates; ids are derived from keys, so they are stable.
 */
import { digestOf, shortId } from './digest';
import { formatBytes } from './estimate';
import type { BuildResult, StepResult } from './types';

function seconds(n: number): string {
  return `${n.toFixed(1)}s`;
}

function label(s: StepResult): string {
  if (!s.label) return s.instruction;
  const width = String(s.label.of).length;
  const pos = String(s.label.pos).padStart(width, ' ');
  return `[${s.label.stage ? s.label.stage + ' ' : ''}${pos}/${s.label.of}] ${s.instruction}`;
}

/** Prints a build result as the daemon's plain progress output. */
export function renderProgress(r: BuildResult, opts: { dockerfilePath?: string } = {}): string {
  return r.builder === 'buildkit' ? renderBuildkit(r, opts.dockerfilePath ?? 'Dockerfile') : renderLegacy(r);
}

function renderBuildkit(r: BuildResult, dockerfilePath: string): string {
  const out: string[] = [];
  let n = 0;
  const vertex = (name: string, body: string[]) => {
    n++;
    out.push(`#${n} ${name}`, ...body.map((l) => `#${n} ${l}`), '');
  };
  vertex(`[internal] load build definition from ${dockerfilePath}`, ['transferring dockerfile: done', 'DONE 0.0s']);
  vertex('[internal] load .dockerignore', ['transferring context: done', 'DONE 0.0s']);
  const fatal = r.error && !r.error.stepId;
  for (const img of r.images) {
    vertex(`[internal] load metadata for ${img.ref}`, fatal ? [] : ['DONE 0.0s']);
  }
  if (fatal) {
    out.push(`error: failed to solve: ${r.error?.message ?? ''}`);
    return out.join('\n');
  }
  let contextShown = false;
  const printed = r.steps.filter((s) => s.printed && s.status !== 'skipped');
  for (const s of printed) {
    if (!contextShown && (s.keyword === 'COPY' || s.keyword === 'ADD') && !s.source.includes('--from')) {
      vertex('[internal] load build context', [`transferring context: ${formatBytes(r.context.bytes)} done`, 'DONE 0.0s']);
      contextShown = true;
    }
    if (s.status === 'cached') vertex(label(s), ['CACHED']);
    else if (s.status === 'failed') {
      vertex(label(s), [`ERROR: ${r.error?.message ?? 'failed'}`]);
      out.push('------', ` > ${label(s)}:`, '------', `error: failed to solve: ${r.error?.message ?? ''}`);
      return out.join('\n');
    } else vertex(label(s), [`DONE ${seconds(s.estimatedSeconds)}`]);
  }
  const id = shortId(digestOf({ image: r.steps.map((s) => s.cacheKey) }));
  vertex('exporting to image', ['exporting layers done', `writing image sha256:${id} done`, 'DONE 0.1s']);
  return out.join('\n');
}

function renderLegacy(r: BuildResult): string {
  const out: string[] = [`Sending build context to Docker daemon  ${formatBytes(r.context.bytes)}`];
  let last = '';
  if (r.error && !r.error.stepId) {
    out.push(`Error response from daemon: ${r.error.message}`);
    return out.join('\n');
  }
  for (const s of r.steps) {
    if (!s.printed || s.status === 'skipped') continue;
    out.push(`Step ${s.label?.pos}/${s.label?.of} : ${s.instruction}`);
    if (s.status === 'failed') {
      out.push(r.error?.message ?? 'failed');
      return out.join('\n');
    }
    if (s.keyword === 'ARG' && s.reason.kind === 'always-runs') continue;
    const id = shortId(s.cacheKey ?? digestOf({ step: s.id }));
    if (s.keyword === 'FROM') {
      out.push(` ---> ${id}`);
    } else if (s.status === 'cached') {
      out.push(' ---> Using cache', ` ---> ${id}`);
    } else if (s.keyword === 'COPY' || s.keyword === 'ADD') {
      out.push(` ---> ${id}`);
    } else {
      const container = shortId(digestOf({ container: s.id, key: s.cacheKey }));
      out.push(` ---> Running in ${container}`, `Removing intermediate container ${container}`, ` ---> ${id}`);
    }
    last = id;
  }
  if (last) out.push(`Successfully built ${last}`);
  return out.join('\n');
}
