/**
 * LL008: a package install with no `RUN --mount=type=cache`. When the step
 * reruns (a manifest changed, a base image was updated), every package is
 * downloaded again; a cache mount keeps the tool's download cache between
 * builds without putting it in the image. BuildKit only: Docker 20.10's legacy
 * builder rejects `--mount`, so the rule is silent there.
 */
import {
  installCommands,
  PACKAGE_MANAGERS,
  SYSTEM_PACKAGE_MANAGERS,
  type PackageManager
} from './package-managers';
import { commandsOf, type Invocation } from './run-commands';
import type { LintRule } from './rule-context';
import type { LintFinding, LintFix } from './types';

const ALL = [...PACKAGE_MANAGERS, ...SYSTEM_PACKAGE_MANAGERS];

/**
 * What makes a tool skip its cache directory, so a mount would stay empty: an
 * option of the install itself, or (pip) `PIP_NO_CACHE_DIR` set anywhere in the RUN.
 */
const DEFEATS_CACHE: Record<string, (install: Invocation, all: Invocation[]) => boolean> = {
  pip: (install, all) =>
    install.args.some((a) => /^--no-cache-dir(=|$)/.test(a)) ||
    all.some(
      (c) =>
        c.assigns.some(([k]) => k === 'PIP_NO_CACHE_DIR') ||
        (c.program === 'export' && c.args.some((a) => a.startsWith('PIP_NO_CACHE_DIR=')))
    ),
  apk: (install) => install.args.includes('--no-cache')
};

function mountsFor(pm: PackageManager): string[] {
  const sharing = pm.id === 'apt' ? ',sharing=locked' : '';
  return pm.cacheTargets.map((t) => `--mount=type=cache,target=${t}${sharing}`);
}

export const installWithoutCacheMount: LintRule = {
  id: 'LL008',
  name: 'install-without-cache-mount',
  severity: 'info',
  title: 'A package install would rerun faster with RUN --mount=type=cache',
  description:
    "When an install step misses the cache, the package manager starts from an empty download cache and fetches everything again. `RUN --mount=type=cache,target=<the tool's cache directory>` keeps that directory between builds, outside the image, so a rerun downloads only what changed. What the cache holds never enters the step's cache key (adding the mount changes the key once). BuildKit only.",
  docs: 'docs/rules/LL008.md',
  examples: {
    before: {
      dockerfile:
        'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\n',
      files: { 'requirements.txt': 'flask==3.0.3\n' }
    },
    after: {
      dockerfile:
        'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\nCOPY . .\n',
      files: { 'requirements.txt': 'flask==3.0.3\n' }
    }
  },
  check(ctx) {
    const out: LintFinding[] = [];
    if (ctx.builder !== 'buildkit') return out;
    for (const st of ctx.plan.stages) {
      for (const ins of st.instructions) {
        if (ins.keyword !== 'RUN' || ctx.hasCacheMount(ins)) continue;
        const command = ins.json ?? ins.args;
        const found = installCommands(command, ALL);
        const pms = [...new Set(found.map((f) => f.pm))];
        if (!pms.length) continue;
        const now = ctx.runEstimate(ins, false);
        const mounted = ctx.runEstimate(ins, true);
        const saving = now.seconds - mounted.seconds;
        const mounts = pms.flatMap(mountsFor);
        const all = commandsOf(command);
        const defeated = (pm: PackageManager) =>
          found.some((f) => f.pm === pm && (DEFEATS_CACHE[pm.id]?.(f.command, all) ?? false));
        // Notes that always apply (apt, dnf), and the ones for options this command uses.
        const notes = pms
          .filter((pm) => pm.cacheNote && (!DEFEATS_CACHE[pm.id] || defeated(pm)))
          .map((pm) => `${pm.label}: ${pm.cacheNote}`);
        const fix: LintFix = {
          description: `Add ${mounts.map((m) => `\`${m}\``).join(' ')} after RUN.${notes.length ? ` Also, ${notes.join('; ')}.` : ''}`
        };
        if (!notes.length) {
          const at = ins.range.from + ins.written.length;
          fix.edits = [{ file: ctx.dockerfilePath, from: at, to: at, text: ' ' + mounts.join(' ') }];
        }
        const labels = pms.map((pm) => pm.label).join(' and ');
        out.push(
          ctx.finding(
            this,
            ins.range,
            saving > 0
              ? `\`${labels}\` downloads everything again whenever this step reruns (~${Math.round(now.seconds)} s); with a cache mount for its downloads, about ${Math.round(mounted.seconds)} s.`
              : `\`${labels}\` downloads everything again whenever this step reruns; a cache mount for its downloads keeps them between builds.`,
            fix,
            saving > 0 ? saving : undefined
          )
        );
      }
    }
    return out;
  }
};
