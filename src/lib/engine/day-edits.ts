/**
 * A day made concrete: the context, images and build args before the day and
 * after each of its builds, every abstract edit turned into changed bytes.
 * Separate from day.ts (the format a user saves and edits) because this is
 * the machinery that applies a day to one project; which files the edits pick
 * is in day-files.ts.
 *
 * A base-image update gives every image the Dockerfiles name (or `ref`) new content.
 */
import { buildContext } from './context';
import { contextFiles } from './context-files';
import { baseName, manifestGroups, sourceFiles } from './day-files';
import { normalizeDay, type Day, type DayEdit } from './day';
import { digestOf, sha256Text, utf8, type Digest } from './digest';
import { imagesNamedIn } from './scenario';
import type { BuildContext, ContextFile } from './types';

/** One build of the day, its edits made concrete. */
export interface DayStep {
  /** 1-based number of the build in the day. */
  n: number;
  /** The build's label, or its edits in words. */
  label: string;
  /** The kinds of the build's edits, in order. */
  kinds: Array<DayEdit['kind']>;
  /** What the edits changed, in words (`app.py`, `python:3.12-slim updated`, `GIT_SHA=sha-3`). */
  changed: string[];
  /** The whole context this build sees. */
  files: Record<string, ContextFile>;
  /** Image digests by reference, updated ones included. */
  images: Record<string, Digest>;
  /** The build args this build passes, `{n}` replaced. */
  buildArgs: Record<string, string>;
}

/** What a day starts from: the project as it is before the warm-up build. */
export interface DayStart {
  context: BuildContext;
  /** Every Dockerfile the day is simulated with (their images are updated, their paths are not source). */
  dockerfiles: Array<{ path: string; text: string }>;
  images?: Record<string, Digest>;
  buildArgs?: Record<string, string>;
}

/** An edit a tool could have made: a comment in the file's own syntax, or a JSON field. */
export function editedText(path: string, text: string, n: number): string {
  const mark = `layerlab edit ${n}`;
  const b = baseName(path);
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
