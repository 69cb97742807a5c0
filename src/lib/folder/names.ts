/**
 * Which files of an opened folder matter before anything else is read: the
 * Dockerfile(s) a build could use and the ignore files that decide what the
 * walk may skip.
 */

/**
 * Files whose text the build or Layer Lab always needs, excluded or not: the
 * ignore file and the lint config (the engine's CONFIG_FILES; the CLI's BUILD_FILES).
 */
export const ALWAYS_READ = ['.dockerignore', '.layerlab.json', 'layerlab.config.json'];

/**
 * Whether a file name looks like a Dockerfile: `Dockerfile`, `dockerfile`,
 * `*.Dockerfile` or `Dockerfile.*` (any case). `Dockerfile.dockerignore` is an
 * ignore file and notes (`Dockerfile.md`) are documentation, not Dockerfiles.
 */
export function isDockerfileName(name: string): boolean {
  const n = name.toLowerCase();
  if (n.endsWith('.dockerignore') || n.endsWith('.md')) return false;
  return n === 'dockerfile' || n.endsWith('.dockerfile') || n.startsWith('dockerfile.');
}

/**
 * The Dockerfiles at the root of a folder a build would use, best first. A root
 * `Dockerfile` is what `docker build .` reads, so it wins alone; otherwise every
 * root name that looks like one is a candidate (a person chooses among several).
 */
export function rootCandidates(names: string[]): string[] {
  if (names.includes('Dockerfile')) return ['Dockerfile'];
  return names.filter(isDockerfileName).sort(byName);
}

/** Sorts Dockerfile candidates: shallower first, then by path. */
export function sortCandidates(paths: string[]): string[] {
  return [...paths].sort((a, b) => depth(a) - depth(b) || byName(a, b));
}

function depth(p: string): number {
  return p.split('/').length;
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** BuildKit's Dockerfile-specific ignore file: `<Dockerfile path>.dockerignore`. */
export function specificIgnoreFile(dockerfilePath: string): string {
  return `${dockerfilePath}.dockerignore`;
}

/**
 * The docker CLI's archiver enters an excluded directory only when an exception
 * pattern (`!x`) starts inside it; otherwise the whole tree is skipped unread.
 * Mirrors the same rule in the CLI's reader (src/cli/read-context.ts).
 */
export function mustWalk(patterns: string[], dir: string): boolean {
  return patterns.some((p) => p.startsWith('!') && (p.slice(1) + '/').startsWith(dir + '/'));
}
