/**
 * Dependency installs as reproducible tools, for base images the engine does
 * not know: the advisor's reading of an install (advisor/installers.ts: which
 * files `npm ci`, `uv sync`, `mvn dependency:go-offline`, `dotnet restore`...
 * read) decides what the install's output follows, so the engine and the
 * advisor agree on what a RUN depends on. Where it writes: its working
 * directory, what the analysis says it writes there (`.venv`, `obj`), and its
 * ecosystem's shared directories (`~/.m2`, the Go module cache...).
 */
import { analyseRun, type FileLookup } from '../advisor/installers';

/** Where a dependency install's output comes from and goes. */
export interface InstallOutput {
  /** Files it reads, relative to its working directory. */
  reads: string[];
  /** Paths it writes, relative to its working directory or absolute. */
  writes: string[];
}

/** Where each ecosystem's tools keep what they download, outside the working directory. */
const ECOSYSTEM_DIRS: Record<string, string[]> = {
  java: ['/root/.m2'],
  go: ['/go/pkg/mod', '/root/go/pkg/mod'],
  rust: ['/usr/local/cargo/registry', '/root/.cargo/registry'],
  ruby: ['/usr/local/bundle'],
  dotnet: ['/root/.nuget'],
  python: ['/usr/local/lib/python*/site-packages', '/usr/lib/python3*/site-packages', '/usr/local/bin']
};

/** Flags that change how an install runs but not what it installs (the advisor drops some of them). */
const NEUTRAL_FLAG = /^--?(no-cache(-dir)?|prefer-offline|no-progress|progress(=.*)?|quiet|q+|verbose|v+|no-audit|no-fund|disable-pip-version-check|root-user-action(=.*)?)$/;

/** Words as a shell command line the advisor's reader accepts. */
function quoted(words: string[]): string {
  return words.map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** What an install reads and writes, or null when it is not a dependency install the advisor understands. */
export function installOutput(words: string[], file: FileLookup): InstallOutput | null {
  const a = analyseRun(quoted(words), file);
  if (!a.understood || !a.ecosystems.length) return null;
  const named = destinations(words);
  return {
    reads: a.reads,
    // Told where to install, it writes there instead of its ecosystem's usual places.
    writes: [...a.writes, ...(named.length ? named : a.ecosystems.flatMap((e) => ECOSYSTEM_DIRS[e] ?? []))]
  };
}

/** Flags that name where an install puts what it installs. */
const DESTINATION_FLAGS = new Set(['--prefix', '--target', '-t', '--root', '--install-dir', '--path', '--packages', '-o', '--output']);

/** The destinations an install's flags name (`--prefix=/install`, `-t /deps`, `--user`). */
function destinations(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const m = /^(--?[\w-]+)=(.+)$/.exec(words[i]);
    if (m && DESTINATION_FLAGS.has(m[1])) out.push(m[2]);
    else if (DESTINATION_FLAGS.has(words[i]) && i + 1 < words.length) out.push(words[++i]);
    else if (words[i] === '--user') out.push('/root/.local');
  }
  return out;
}

/** A command's words without the flags that change only how it runs (caches, verbosity): what its output follows. */
export function outputIdentity(words: string[]): string[] {
  return words.filter((w) => !NEUTRAL_FLAG.test(w));
}
