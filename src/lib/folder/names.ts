/**
 * Which files of an opened folder matter before anything else is read: the
 * Dockerfile(s) a build could use and the ignore files that decide what the
 * walk may skip.
 */

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
