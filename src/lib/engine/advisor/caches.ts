/**
 * The package-manager caches a RUN uses, for cache-mount proposals: where each
 * tool keeps its cache as root in the official images, and whether later steps
 * may need the content in the image (a package store rather than downloads).
 *
 * Commands are read with the engine's shell reader in the form that never
 * gives up (run-model/command-reader.ts `readCommands`), the reader the lint
 * rules use, so quotes and operators mean the same to LL008 and to the
 * cache-mount proposal. Unlike lint (lint/run-commands.ts), this does not look
 * through `sudo`, `env` or `sh -c`: such an install gets no proposal.
 */
import { readCommands } from '../run-model/command-reader';

/** A package-manager cache a RUN uses, where the tool keeps it as root in the official images. */
export interface CacheUse {
  tool: string;
  dir: string;
  /** Later steps may need the content in the image (a package store, not just downloads). */
  store: boolean;
  /** The flag in the command that turns the cache off (a mount makes it unnecessary). */
  disabledBy?: string;
}

const programOf = (words: string[]) => (words[0] ?? '').replace(/^.*\//, '');

/** `python -m pip ...` (`python3`, `python3.12`) as the `pip ...` it is. */
function pipAsPip(w: string[]): string[] {
  return /^python[\d.]*$/.test(w[0] ?? '') && w[1] === '-m' && w[2] === 'pip' ? ['pip', ...w.slice(3)] : w;
}

/** The caches a RUN's commands use, by command (whatever else the RUN does). */
export function cacheUses(command: string): CacheUse[] {
  const out: CacheUse[] = [];
  const add = (c: CacheUse) => {
    if (!out.some((x) => x.dir === c.dir)) out.push(c);
  };
  for (const c of readCommands(command)) {
    const w = pipAsPip(c.words);
    const cmd = programOf(w);
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

/** The program names a cache's tool runs as (`./mvnw` is Maven). */
const TOOL_NAMES: Record<string, RegExp> = { mvn: /^mvnw?$/, gradle: /^gradlew?$/ };

/** Whether a command runs the tool a cache belongs to (to find later steps that need a store). */
export function usesTool(command: string, tool: string): boolean {
  const name = TOOL_NAMES[tool];
  return readCommands(command).some((c) =>
    name ? name.test(programOf(c.words)) : programOf(c.words) === tool
  );
}

/** Directories under a home that hold a package manager's cache. */
const CACHE_DIR = /\/(\.cache|\.npm|\.m2|\.gradle|\.nuget)/;

/**
 * Whether a command clears a package cache itself (`pip cache purge`, `npm
 * cache clean`, `go clean -modcache`, `rm -rf /root/.cache/pip`): a mount
 * would keep nothing.
 */
export function clearsCache(command: string): boolean {
  return readCommands(command).some((c) => {
    const words = pipAsPip(c.words);
    const [cmd, a, b] = [programOf(words), words[1], words[2]];
    if ((cmd === 'pip' || cmd === 'pip3') && a === 'cache') return b === 'purge' || b === 'remove';
    if (cmd === 'npm' || cmd === 'yarn' || cmd === 'pnpm') return a === 'cache' && b === 'clean';
    if (cmd === 'go') return a === 'clean' && (b === '-modcache' || b === '-cache');
    if (cmd !== 'rm') return false;
    return /^-\w*$/.test(a ?? '') && words.slice(2).some((w) => CACHE_DIR.test(w));
  });
}
