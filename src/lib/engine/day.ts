/**
 * A "day": the sequence of edits between builds that rebuild times are
 * compared on (e.g. 10 source edits, 1 dependency change, 1 base-image
 * update). Plain JSON, so a session can save it and a user can edit it.
 *
 * Abstract edits pick their files from the context deterministically:
 * - a source edit changes one source file: a file that is not a dependency
 *   manifest, not the Dockerfile or .dockerignore, and not excluded by
 *   .dockerignore; code files (by extension) first; successive source edits
 *   take the next file in path order;
 * - a dependency change edits one ecosystem's manifest and its lock files in
 *   the same directory (requirements.txt; package.json with package-lock.json;
 *   go.mod with go.sum; Cargo.toml with Cargo.lock; pom.xml...); successive
 *   changes take the next ecosystem found;
 * - a base-image update gives every image the Dockerfiles name (or `ref`) new content.
 */
import { buildContext } from './context';
import { digestOf, sha256Text, utf8, type Digest } from './digest';
import { imagesNamedIn } from './scenario';
import type { BuildContext, ContextFile } from './types';

export type DayEdit =
  /** Change one source file (`path`, or the next one the rule picks). */
  | { kind: 'source'; path?: string }
  /** Change one ecosystem's manifests (the one holding `path`, or the next one found). */
  | { kind: 'dependency'; path?: string }
  /** The base images (or `ref` only) are updated upstream. */
  | { kind: 'base-image'; ref?: string }
  /** Pass a new value for a build arg from this build on. */
  | { kind: 'build-arg'; name: string; value: string }
  /** Write (or with `data: null`, delete) a file. */
  | { kind: 'file'; path: string; data: string | null };

export interface DayBuild {
  label?: string;
  edits: DayEdit[];
  /** This build, with the same edits made afresh, this many times (default 1). */
  repeat?: number;
}

export interface Day {
  version: 1;
  label?: string;
  /**
   * Build args every build passes. `{n}` in a value becomes the build's number
   * (1, 2, ...; the warm-up build before the day is 0), as CI passes a new commit
   * SHA each time.
   */
  buildArgs?: Record<string, string>;
  builds: DayBuild[];
}

/** One build of the day, its edits made concrete. */
export interface DayStep {
  /** 1-based number of the build in the day. */
  n: number;
  label: string;
  kinds: Array<DayEdit['kind']>;
  /** What the edits changed, in words (`app.py`, `python:3.12-slim updated`, `GIT_SHA=sha-3`). */
  changed: string[];
  files: Record<string, ContextFile>;
  images: Record<string, Digest>;
  buildArgs: Record<string, string>;
}

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

const CODE =
  /\.(py|js|mjs|cjs|ts|tsx|jsx|svelte|vue|go|rs|java|kt|scala|rb|php|cs|fs|c|cc|cpp|h|hpp|swift|ex|exs|erl|sh|html|css|scss|sql|tmpl|jinja|erb)$/;

function base(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function dir(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** Whether a context path is a dependency manifest, a lock file or package-manager configuration. */
export function isManifest(path: string): boolean {
  const b = base(path);
  return PACKAGE_CONFIG.test(b) || ECOSYSTEMS.some((e) => e.manifests.test(b) || e.locks.test(b));
}

/** The ecosystems in a context: each primary manifest with the lock files in its directory. */
export function manifestGroups(paths: string[]): Array<{ ecosystem: string; files: string[] }> {
  const out: Array<{ ecosystem: string; files: string[] }> = [];
  const sorted = [...paths].sort(byDepthThenPath);
  for (const p of sorted) {
    const e = ECOSYSTEMS.find((x) => x.manifests.test(base(p)));
    if (!e) continue;
    const existing = out.find((g) => g.ecosystem === e.name && dir(g.files[0]) === dir(p));
    if (existing) continue;
    const locks = sorted.filter((q) => dir(q) === dir(p) && e.locks.test(base(q)));
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

/** An edit a tool could have made: a comment in the file's own syntax, or a JSON field. */
export function editedText(path: string, text: string, n: number): string {
  const mark = `layerlab edit ${n}`;
  const b = base(path);
  if (/\.json$/.test(b) && /^\s*\{/.test(text)) return text.replace('{', `{\n  "//": "${mark}",`);
  const nl = text === '' || text.endsWith('\n') ? '' : '\n';
  if (/\.(xml|html|csproj|fsproj|vbproj|props|md|svelte|vue)$/.test(b))
    return `${text}${nl}<!-- ${mark} -->\n`;
  if (
    /\.(js|mjs|cjs|ts|tsx|jsx|go|rs|java|kt|scala|php|cs|fs|c|cc|cpp|h|hpp|swift|css|scss)$|^go\.(mod|sum)$/.test(
      b
    )
  )
    return `${text}${nl}// ${mark}\n`;
  if (/\.sql$/.test(b)) return `${text}${nl}-- ${mark}\n`;
  return `${text}${nl}# ${mark}\n`;
}

function edited(f: ContextFile, path: string, n: number): ContextFile {
  const { digest: _digest, size: _size, ...rest } = f;
  if (typeof f.data === 'string') return { ...rest, data: editedText(path, f.data, n) };
  if (f.data instanceof Uint8Array) {
    const extra = utf8(`\n# layerlab edit ${n}\n`);
    const bytes = new Uint8Array(f.data.length + extra.length);
    bytes.set(f.data);
    bytes.set(extra, f.data.length);
    return { ...rest, data: bytes };
  }
  // Only a digest is known (the CLI hashes big files): a new one stands for new bytes.
  return { ...f, digest: digestOf({ edited: f.digest ?? null, path, n }) };
}

/** The default day: 10 source edits, one dependency change halfway, one base-image update at the end. */
export function defaultDay(opts: { dockerfiles?: string[] } = {}): Day {
  const day: Day = {
    version: 1,
    label: '10 source edits, 1 dependency change, 1 base-image update',
    builds: [
      { label: 'source edit', edits: [{ kind: 'source' }], repeat: 5 },
      { label: 'dependency change', edits: [{ kind: 'dependency' }] },
      { label: 'source edit', edits: [{ kind: 'source' }], repeat: 5 },
      { label: 'base-image update', edits: [{ kind: 'base-image' }] }
    ]
  };
  const volatile = volatileArgs(opts.dockerfiles ?? []);
  if (volatile.length) day.buildArgs = Object.fromEntries(volatile.map((a) => [a, `${a.toLowerCase()}-{n}`]));
  return day;
}

/**
 * ARGs that CI typically passes a new value for on every build (commit SHA,
 * build number, date): a judgement by name, so the default day shows what they cost.
 */
export function volatileArgs(dockerfiles: string[]): string[] {
  const names = new Set<string>();
  for (const text of dockerfiles) {
    for (const m of text.matchAll(/^\s*ARG\s+([^\n]+)/gim)) {
      for (const w of m[1].trim().split(/\s+/)) {
        const name = w.split('=')[0];
        if (
          /(^|_)(SHA|COMMIT|REVISION|REF)$|^BUILD_(DATE|TIME|ID|NUMBER|TIMESTAMP)$|^(SOURCE_DATE_EPOCH|CACHEBUST|CACHE_BUST|TIMESTAMP)$/i.test(
            name
          )
        )
          names.add(name);
      }
    }
  }
  return [...names].sort();
}

/** The most builds a day may have. */
export const MAX_DAY_BUILDS = 100;

/** Any value (a saved session, a hand-edited file) as a usable day; what cannot be read is dropped. */
export function normalizeDay(value: unknown): Day {
  const v = value as Partial<Day> | null;
  if (!v || typeof v !== 'object' || !Array.isArray(v.builds)) return defaultDay();
  const builds: DayBuild[] = [];
  let total = 0;
  for (const b of v.builds) {
    if (!b || typeof b !== 'object' || !Array.isArray(b.edits)) continue;
    const edits = b.edits.filter(validEdit);
    // A day is a day: at most MAX_DAY_BUILDS builds, so a simulation stays interactive.
    const repeat = Math.min(
      MAX_DAY_BUILDS - total,
      typeof b.repeat === 'number' && b.repeat >= 1 ? Math.floor(b.repeat) : 1
    );
    if (repeat <= 0) break;
    total += repeat;
    builds.push({
      ...(typeof b.label === 'string' ? { label: b.label } : {}),
      edits,
      ...(repeat > 1 ? { repeat } : {})
    });
  }
  const args: Record<string, string> = {};
  for (const [k, val] of Object.entries(v.buildArgs ?? {})) if (typeof val === 'string') args[k] = val;
  return {
    version: 1,
    ...(typeof v.label === 'string' ? { label: v.label } : {}),
    ...(Object.keys(args).length ? { buildArgs: args } : {}),
    builds
  };
}

function validEdit(e: unknown): e is DayEdit {
  const x = e as Record<string, unknown> | null;
  if (!x || typeof x !== 'object') return false;
  const optString = (k: string) => x[k] === undefined || typeof x[k] === 'string';
  switch (x.kind) {
    case 'source':
    case 'dependency':
      return optString('path');
    case 'base-image':
      return optString('ref');
    case 'build-arg':
      return typeof x.name === 'string' && typeof x.value === 'string';
    case 'file':
      return typeof x.path === 'string' && (typeof x.data === 'string' || x.data === null);
    default:
      return false;
  }
}

/** A context's files as a plain record (hosts may hand the engine a Map). */
export function contextFiles(ctx: BuildContext | undefined): Record<string, ContextFile> {
  const f = ctx?.files as unknown;
  if (f instanceof Map) return Object.fromEntries(f as Map<string, ContextFile>);
  return (f as Record<string, ContextFile> | undefined) ?? {};
}

export interface DayStart {
  context: BuildContext;
  /** Every Dockerfile the day is simulated with (their images are updated, their paths are not source). */
  dockerfiles: Array<{ path: string; text: string }>;
  images?: Record<string, Digest>;
  buildArgs?: Record<string, string>;
}

/** The state before the day (n = 0) and after each of its builds, edits applied. */
export function expandDay(dayIn: Day, start: DayStart): { warmup: DayStep; steps: DayStep[] } {
  const day = normalizeDay(dayIn);
  let files: Record<string, ContextFile> = { ...contextFiles(start.context) };
  const images: Record<string, Digest> = { ...(start.images ?? {}) };
  const refs = new Set<string>();
  for (const d of start.dockerfiles) for (const ref of Object.keys(imagesNamedIn(d.text))) refs.add(ref);
  const args: Record<string, string> = { ...(start.buildArgs ?? {}) };
  const ctx = buildContext(
    { files },
    start.dockerfiles[0]?.path ?? 'Dockerfile',
    start.dockerfiles[0]?.text ?? '',
    'buildkit'
  );
  const sources = sourceFiles(
    files,
    (p) => ctx.isExcluded(p),
    start.dockerfiles.map((d) => d.path)
  );
  const groups = manifestGroups(Object.keys(files).filter((p) => !ctx.isExcluded(p)));
  const counts = { source: 0, dependency: 0, base: 0 };
  const withArgs = (n: number) => {
    const out = { ...args };
    for (const [k, v] of Object.entries(day.buildArgs ?? {})) out[k] = v.replace(/\{n\}/g, String(n));
    return out;
  };
  const warmup: DayStep = {
    n: 0,
    label: 'warm-up build',
    kinds: [],
    changed: [],
    files,
    images: { ...images },
    buildArgs: withArgs(0)
  };
  const steps: DayStep[] = [];
  let n = 0;
  for (const b of day.builds) {
    for (let r = 0; r < (b.repeat ?? 1); r++) {
      n++;
      const changed: string[] = [];
      files = { ...files };
      for (const e of b.edits) {
        if (e.kind === 'source') {
          const path = e.path ?? (sources.length ? sources[counts.source++ % sources.length] : null);
          if (path && files[path]) {
            files[path] = edited(files[path], path, n);
            changed.push(path);
          } else changed.push(path ? `${path} (not in the context)` : 'no source file in the context');
        } else if (e.kind === 'dependency') {
          const group = e.path
            ? groups.find((g) => g.files.includes(e.path as string))
            : groups[counts.dependency++ % Math.max(1, groups.length)];
          if (group) {
            for (const p of group.files) files[p] = edited(files[p], p, n);
            changed.push(...group.files);
          } else changed.push('no dependency manifest in the context');
        } else if (e.kind === 'base-image') {
          counts.base++;
          for (const ref of e.ref ? [e.ref] : [...refs].sort()) {
            images[ref] = sha256Text(`layerlab day: ${ref} update ${counts.base}`);
            changed.push(`${ref} updated`);
          }
        } else if (e.kind === 'build-arg') {
          args[e.name] = e.value;
          changed.push(`${e.name}=${e.value}`);
        } else if (e.kind === 'file') {
          if (e.data === null) delete files[e.path];
          else files[e.path] = { ...(files[e.path] ?? {}), data: e.data, digest: undefined, size: undefined };
          changed.push(e.path);
        }
      }
      const built = withArgs(n);
      for (const k of Object.keys(day.buildArgs ?? {}))
        if (built[k] !== warmup.buildArgs[k]) changed.push(`${k}=${built[k]}`);
      steps.push({
        n,
        label: b.label ?? describe(b.edits),
        kinds: b.edits.map((e) => e.kind),
        changed,
        files,
        images: { ...images },
        buildArgs: built
      });
    }
  }
  return { warmup, steps };
}

function describe(edits: DayEdit[]): string {
  if (!edits.length) return 'nothing changed';
  return edits
    .map((e) =>
      e.kind === 'source'
        ? 'source edit'
        : e.kind === 'dependency'
          ? 'dependency change'
          : e.kind === 'base-image'
            ? 'base-image update'
            : e.kind === 'build-arg'
              ? `build arg ${e.name}`
              : `write ${e.path}`
    )
    .join(', ');
}
