/**
 * The names of the files a build reads besides what its COPY and ADD select,
 * in one place: the engine, the CLI and the folder reader all use these.
 */

/** The Dockerfile `docker build .` reads when no `-f` is given. */
export const DEFAULT_DOCKERFILE = 'Dockerfile';

/** The ignore file both builders read at the context root. */
export const DOCKERIGNORE = '.dockerignore';

/** Layer Lab's own config at the context root (lint rule settings), in the order they are looked for. */
export const CONFIG_FILES = ['.layerlab.json', 'layerlab.config.json'];

/** Files whose text the build or Layer Lab always needs, excluded by `.dockerignore` or not. */
export const ALWAYS_READ: readonly string[] = [DOCKERIGNORE, ...CONFIG_FILES];

/** BuildKit's Dockerfile-specific ignore file, read instead of `.dockerignore` when it exists: `<Dockerfile path>.dockerignore`. */
export function dockerfileIgnoreName(dockerfilePath: string): string {
  return `${dockerfilePath}${DOCKERIGNORE}`;
}
