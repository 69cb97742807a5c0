/**
 * The package-manager caches a RUN uses, for cache-mount proposals: where each
 * tool keeps its cache as root in the official images, and whether later steps
 * may need the content in the image (a package store rather than downloads).
 */
import { tokenize } from '../run-model/command-reader';

/** A package-manager cache a RUN uses, where the tool keeps it as root in the official images. */
export interface CacheUse {
  tool: string;
  dir: string;
  /** Later steps may need the content in the image (a package store, not just downloads). */
  store: boolean;
  /** The flag in the command that turns the cache off (a mount makes it unnecessary). */
  disabledBy?: string;
}

/** The caches a RUN's commands use, by command (whatever else the RUN does). */
export function cacheUses(command: string): CacheUse[] {
  const out: CacheUse[] = [];
  const add = (c: CacheUse) => {
    if (!out.some((x) => x.dir === c.dir)) out.push(c);
  };
  for (const c of tokenize(command, () => undefined) ?? []) {
    let w = c.words;
    if (/^python[\d.]*$/.test(w[0] ?? '') && w[1] === '-m' && w[2] === 'pip') w = ['pip', ...w.slice(3)];
    const cmd = (w[0] ?? '').replace(/^.*\//, '');
    const args = w.slice(1);
    const off = (flags: string[]) => args.find((a) => flags.includes(a));
    const sub = args.find((a) => !a.startsWith('-'));
    if ((cmd === 'pip' || cmd === 'pip3') && sub === 'install')
      add({ tool: 'pip', dir: '/root/.cache/pip', store: false, ...opt(off(['--no-cache-dir'])) });
    else if (cmd === 'uv' && (sub === 'sync' || (args[0] === 'pip' && args[1] === 'install')))
      add({ tool: 'uv', dir: '/root/.cache/uv', store: false, ...opt(off(['--no-cache'])) });
    else if (cmd === 'npm' && ['ci', 'install', 'i'].includes(sub ?? ''))
      add({ tool: 'npm', dir: '/root/.npm', store: false });
    else if (cmd === 'yarn' && (sub === undefined || sub === 'install'))
      add({ tool: 'yarn', dir: '/usr/local/share/.cache/yarn', store: false });
    else if (cmd === 'pnpm' && (sub === 'install' || sub === 'i'))
      add({ tool: 'pnpm', dir: '/root/.local/share/pnpm/store', store: false });
    else if (cmd === 'go' && ['build', 'install', 'test'].includes(sub ?? ''))
      add({ tool: 'go', dir: '/root/.cache/go-build', store: false });
    else if (cmd === 'go' && sub === 'mod' && args.includes('download'))
      add({ tool: 'go', dir: '/go/pkg/mod', store: true });
    else if (cmd === 'cargo' && ['build', 'fetch', 'install'].includes(sub ?? ''))
      add({ tool: 'cargo', dir: '/usr/local/cargo/registry', store: true });
    else if (/^(mvn|mvnw)$/.test(cmd)) add({ tool: 'mvn', dir: '/root/.m2', store: true });
    else if (/^(gradle|gradlew)$/.test(cmd)) add({ tool: 'gradle', dir: '/root/.gradle', store: true });
    else if (cmd === 'dotnet' && ['restore', 'build', 'publish', 'test'].includes(sub ?? ''))
      add({ tool: 'dotnet', dir: '/root/.nuget/packages', store: true });
  }
  return out;
}

function opt(flag: string | undefined): { disabledBy?: string } {
  return flag ? { disabledBy: flag } : {};
}

/** The tool a cache belongs to appears in a command (to find later steps that need a store). */
export function usesTool(command: string, tool: string): boolean {
  const names: Record<string, RegExp> = {
    go: /(^|[\s;&|/])go\s/,
    cargo: /(^|[\s;&|/])cargo\s/,
    mvn: /(^|[\s;&|/])mvnw?(\s|$)/,
    gradle: /(^|[\s;&|/])gradlew?(\s|$)/,
    dotnet: /(^|[\s;&|/])dotnet\s/
  };
  return (names[tool] ?? new RegExp(`(^|[\\s;&|/])${tool}(\\s|$)`)).test(command);
}
