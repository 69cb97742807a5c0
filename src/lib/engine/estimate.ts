/**
 * How long steps take: a cost model with a basis for every figure, so the page
 * can say why a rebuild costs what it costs. Defaults are typical figures for a
 * warm laptop on a decent network; `CostModel` overrides them, per command
 * pattern, per Dockerfile line (`# layerlab: 45s` annotations, calibration from
 * a real build log) or per image.
 */
import type { CostModel } from './types';

/** A recognised command: an id (for overrides), a pattern and default seconds. */
export interface CommandPattern {
  id: string;
  label: string;
  pattern: RegExp;
  seconds: number;
  /** Seconds when the RUN has a cache mount (package caches survive a rebuild). */
  withCacheMount?: number;
}

/** Default seconds per recognised command. Sources are listed in docs/cost-model.md. */
export const COMMAND_PATTERNS: CommandPattern[] = [
  { id: 'apt-get-install', label: 'apt-get update + install', pattern: /\bapt-get\b[^&|;]*\binstall\b|\bapt\s+install\b/, seconds: 25, withCacheMount: 12 },
  { id: 'apt-get-update', label: 'apt-get update', pattern: /\bapt-get\s+update\b/, seconds: 8 },
  { id: 'apk-add', label: 'apk add', pattern: /\bapk\s+(add|upgrade)\b/, seconds: 5, withCacheMount: 3 },
  { id: 'dnf-install', label: 'dnf/yum install', pattern: /\b(dnf|yum|microdnf)\s+install\b/, seconds: 30, withCacheMount: 15 },
  { id: 'pip-requirements', label: 'pip install -r', pattern: /\b(pip3?|uv\s+pip)\s+install\b[^&|;]*\s-r\s/, seconds: 45, withCacheMount: 12 },
  { id: 'uv-sync', label: 'uv sync', pattern: /\buv\s+sync\b/, seconds: 12, withCacheMount: 3 },
  { id: 'pip-install', label: 'pip install', pattern: /\bpip3?\s+install\b/, seconds: 20, withCacheMount: 6 },
  { id: 'npm-ci', label: 'npm ci / install', pattern: /\bnpm\s+(ci|install|i)\b/, seconds: 35, withCacheMount: 12 },
  { id: 'yarn-install', label: 'yarn install', pattern: /\byarn(\s+install)?\s*($|&&|;|--)/, seconds: 30, withCacheMount: 10 },
  { id: 'pnpm-install', label: 'pnpm install', pattern: /\bpnpm\s+(install|i)\b/, seconds: 20, withCacheMount: 6 },
  { id: 'js-build', label: 'npm/yarn/pnpm build', pattern: /\b(npm|yarn|pnpm)\s+(run\s+)?build\b/, seconds: 25 },
  { id: 'js-test', label: 'npm test', pattern: /\b(npm|yarn|pnpm)\s+(run\s+)?test\b/, seconds: 20 },
  { id: 'go-mod-download', label: 'go mod download', pattern: /\bgo\s+mod\s+download\b/, seconds: 20, withCacheMount: 4 },
  { id: 'go-build', label: 'go build', pattern: /\bgo\s+(build|install)\b/, seconds: 30, withCacheMount: 10 },
  { id: 'mvn-deps', label: 'mvn dependency:go-offline', pattern: /\bmvnw?\b.*dependency:(go-offline|resolve)/, seconds: 60, withCacheMount: 15 },
  { id: 'mvn-package', label: 'mvn package', pattern: /\bmvnw?\b/, seconds: 45, withCacheMount: 25 },
  { id: 'gradle', label: 'gradle build', pattern: /\bgradlew?\b/, seconds: 60, withCacheMount: 30 },
  { id: 'cargo-build', label: 'cargo build', pattern: /\bcargo\s+(build|install)\b/, seconds: 90, withCacheMount: 30 },
  { id: 'dotnet-restore', label: 'dotnet restore', pattern: /\bdotnet\s+restore\b/, seconds: 30, withCacheMount: 8 },
  { id: 'dotnet-publish', label: 'dotnet publish/build', pattern: /\bdotnet\s+(publish|build)\b/, seconds: 40 },
  { id: 'bundle-install', label: 'bundle install', pattern: /\bbundle\s+install\b/, seconds: 40, withCacheMount: 12 },
  { id: 'composer-install', label: 'composer install', pattern: /\bcomposer\s+install\b/, seconds: 25, withCacheMount: 8 },
  { id: 'sleep', label: 'sleep', pattern: /\bsleep\s+(\d+(\.\d+)?)/, seconds: 0 }
];

/** Typical compressed sizes of common base images, MB. */
export const IMAGE_SIZES: Record<string, number> = {
  alpine: 4, busybox: 2, debian: 50, ubuntu: 30, python: 50, node: 60, golang: 250, rust: 500, maven: 200,
  'eclipse-temurin': 90, nginx: 20, postgres: 90, ruby: 60, php: 170, 'distroless/static-debian12': 2
};

export const DEFAULT_COSTS: CostModel = {
  stepOverhead: 0.3,
  pullPerMB: 0.08,
  copyPerMB: 0.05,
  runDefault: 3,
  export: 1,
  commands: {},
  lines: {},
  imageSizes: {}
};

export interface Estimate {
  seconds: number;
  basis: string;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** The seconds a RUN takes when it runs. */
export function estimateRun(command: string, hasCacheMount: boolean, costs: CostModel): Estimate {
  let total = 0;
  const parts: string[] = [];
  const seen = new Set<string>();
  // A RUN chains commands; each recognised one adds its cost once.
  for (const segment of command.split(/&&|;|\|\|/)) {
    for (const p of COMMAND_PATTERNS) {
      const m = p.pattern.exec(segment);
      if (!m || seen.has(p.id)) continue;
      if (p.id === 'apt-get-update' && seen.has('apt-get-install')) break;
      seen.add(p.id);
      let s = costs.commands[p.id] ?? (hasCacheMount && p.withCacheMount !== undefined ? p.withCacheMount : p.seconds);
      if (p.id === 'sleep') s = Number(m[1]);
      total += s;
      parts.push(`${p.label} ${round(s)} s${hasCacheMount && p.withCacheMount !== undefined && costs.commands[p.id] === undefined ? ' (cache mount)' : ''}`);
      break;
    }
  }
  if (!parts.length) return { seconds: costs.runDefault + costs.stepOverhead, basis: `unrecognised command: ${costs.runDefault} s default` };
  return { seconds: round(total + costs.stepOverhead), basis: parts.join(' + ') };
}

/** The seconds a COPY or ADD of `bytes` takes. */
export function estimateCopy(bytes: number, costs: CostModel): Estimate {
  const mb = bytes / 1e6;
  return { seconds: round(costs.stepOverhead + mb * costs.copyPerMB), basis: `copy ${formatBytes(bytes)}` };
}

/** The seconds pulling a base image takes. */
export function estimatePull(repo: string, costs: CostModel): Estimate {
  const mb = costs.imageSizes[repo] ?? IMAGE_SIZES[repo] ?? IMAGE_SIZES[repo.split('/').pop() ?? ''] ?? 100;
  return { seconds: round(mb * costs.pullPerMB), basis: `pull ${repo} (~${mb} MB)` };
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** `# layerlab: 45s` on the line above an instruction sets its seconds. */
export function annotationSeconds(dockerfile: string): Record<number, number> {
  const out: Record<number, number> = {};
  const lines = dockerfile.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*#\s*layerlab:\s*(\d+(?:\.\d+)?)\s*(s|m|ms)?\s*$/i.exec(lines[i]);
    if (!m) continue;
    const unit = (m[2] ?? 's').toLowerCase();
    const v = Number(m[1]) * (unit === 'm' ? 60 : unit === 'ms' ? 0.001 : 1);
    // The annotation applies to the next instruction line.
    let j = i + 1;
    while (j < lines.length && (/^\s*$/.test(lines[j]) || /^\s*#/.test(lines[j]))) j++;
    if (j < lines.length) out[j + 1] = v;
  }
  return out;
}
