/**
 * Which context files a day's abstract edits pick: dependency manifests and
 * their lock files by ecosystem, and source files in the order source edits
 * take them. Separate from day.ts because this is knowledge of project
 * layouts (what counts as a manifest, a lock or code), not of the day format.
 *
 * - a source edit changes one source file: a file that is not a dependency
 *   manifest, not the Dockerfile or .dockerignore, and not excluded by
 *   .dockerignore; code files (by extension) first; successive source edits
 *   take the next file in path order;
 * - a dependency change edits one ecosystem's manifest and its lock files in
 *   the same directory (requirements.txt; package.json with package-lock.json;
 *   go.mod with go.sum; Cargo.toml with Cargo.lock; pom.xml...); successive
 *   changes take the next ecosystem found.
 */
import type { ContextFile } from './types';

/** Names of dependency manifests, by ecosystem: the first is what a dependency change edits, with the locks beside it. */
const ECOSYSTEMS: Array<{ name: string; manifests: RegExp; locks: RegExp }> = [
  {
    name: 'python',
    manifests: /^(requirements[\w.-]*\.txt|pyproject\.toml|Pipfile|setup\.cfg)$/,
    locks: /^(poetry\.lock|uv\.lock|Pipfile\.lock|constraints[\w.-]*\.txt)$/
  },
  {
    name: 'node',
    manifests: /^package\.json$/,
    locks: /^(package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb)$/
  },
  { name: 'go', manifests: /^go\.mod$/, locks: /^go\.sum$/ },
  { name: 'rust', manifests: /^Cargo\.toml$/, locks: /^Cargo\.lock$/ },
  { name: 'maven', manifests: /^pom\.xml$/, locks: /^$/ },
  {
    name: 'gradle',
    manifests: /^(build\.gradle(\.kts)?|settings\.gradle(\.kts)?)$/,
    locks: /^(gradle\.lockfile|libs\.versions\.toml)$/
  },
  { name: 'ruby', manifests: /^(Gemfile|[\w.-]+\.gemspec)$/, locks: /^Gemfile\.lock$/ },
  { name: 'php', manifests: /^composer\.json$/, locks: /^composer\.lock$/ },
  {
    name: 'dotnet',
    manifests: /^[\w.-]+\.(cs|fs|vb)proj$/,
    locks: /^(packages\.lock\.json|Directory\.Packages\.props)$/
  },
  { name: 'elixir', manifests: /^mix\.exs$/, locks: /^mix\.lock$/ }
];

/** Other files that only configure a package manager; neither source nor a dependency change. */
const PACKAGE_CONFIG =
  /^(\.npmrc|\.yarnrc(\.yml)?|pnpm-workspace\.yaml|go\.work(\.sum)?|gradle\.properties|nuget\.config|NuGet\.Config|global\.json|Directory\.Build\.props|\.python-version|\.nvmrc)$/;

// Code is what most edits of a day touch, so source edits take it before docs and data.
const CODE =
  /\.(py|js|mjs|cjs|ts|tsx|jsx|svelte|vue|go|rs|java|kt|scala|rb|php|cs|fs|c|cc|cpp|h|hpp|swift|ex|exs|erl|sh|html|css|scss|sql|tmpl|jinja|erb)$/;

/** The last part of a `/`-separated path (the whole path when it has no `/`). */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function dir(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** Whether a context path is a dependency manifest, a lock file or package-manager configuration. */
export function isManifest(path: string): boolean {
  const b = baseName(path);
  return PACKAGE_CONFIG.test(b) || ECOSYSTEMS.some((e) => e.manifests.test(b) || e.locks.test(b));
}

/** The ecosystems in a context: each primary manifest with the lock files in its directory. */
export function manifestGroups(paths: string[]): Array<{ ecosystem: string; files: string[] }> {
  const out: Array<{ ecosystem: string; files: string[] }> = [];
  const sorted = [...paths].sort(byDepthThenPath);
  for (const p of sorted) {
    const e = ECOSYSTEMS.find((x) => x.manifests.test(baseName(p)));
    if (!e) continue;
    const existing = out.find((g) => g.ecosystem === e.name && dir(g.files[0]) === dir(p));
    if (existing) continue;
    const locks = sorted.filter((q) => dir(q) === dir(p) && e.locks.test(baseName(q)));
    out.push({ ecosystem: e.name, files: [p, ...locks] });
  }
  return out;
}

function byDepthThenPath(a: string, b: string): number {
  const d = a.split('/').length - b.split('/').length;
  return d || (a < b ? -1 : a > b ? 1 : 0);
}

/** Source files as a source edit picks them: code first, then other files, each in path order. */
export function sourceFiles(
  files: Record<string, ContextFile>,
  excluded: (path: string) => boolean,
  dockerfilePaths: string[]
): string[] {
  const all = Object.keys(files)
    .filter((p) => (files[p].type ?? 'file') === 'file' && !isManifest(p) && !excluded(p))
    .filter(
      (p) =>
        !dockerfilePaths.includes(p) &&
        !/(^|\/)\.dockerignore$/.test(p) &&
        !/(^|\/)Dockerfile(\.[\w-]+)?$|\.dockerignore$/.test(p)
    )
    .sort();
  return [...all.filter((p) => CODE.test(p)), ...all.filter((p) => !CODE.test(p))];
}
