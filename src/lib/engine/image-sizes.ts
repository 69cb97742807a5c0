/**
 * Typical download sizes of common base images, which pull times are
 * estimated from. Separate from the command table and the per-build figures
 * because it is looked up by image reference, not by command or build.
 */

/** Base images by size class, as they appear in a tag (`3.12-slim`, `20-alpine`). */
export type ImageFlavour = 'full' | 'slim' | 'alpine';

/**
 * Typical compressed download sizes of common base images (linux/amd64), MB,
 * by repository and flavour. Rounded judgements; `CostModel.imageSizes`
 * overrides them by repository (`python`) or by reference (`python:3.12-slim`).
 */
export const IMAGE_SIZES: Record<string, Partial<Record<ImageFlavour, number>>> = {
  alpine: { full: 4 },
  busybox: { full: 2 },
  debian: { full: 50, slim: 30 },
  ubuntu: { full: 30 },
  python: { full: 380, slim: 45, alpine: 20 },
  node: { full: 390, slim: 75, alpine: 50 },
  golang: { full: 300, alpine: 90 },
  rust: { full: 540, slim: 280, alpine: 290 },
  maven: { full: 250 },
  gradle: { full: 300 },
  'eclipse-temurin': { full: 190, alpine: 150 },
  openjdk: { full: 330, slim: 220 },
  ruby: { full: 340, slim: 75, alpine: 40 },
  php: { full: 190, alpine: 35 },
  composer: { full: 70 },
  nginx: { full: 70, alpine: 20 },
  httpd: { full: 60, alpine: 20 },
  postgres: { full: 150, alpine: 100 },
  'dotnet/sdk': { full: 270, alpine: 200 },
  'dotnet/aspnet': { full: 90, alpine: 45 },
  'dotnet/runtime': { full: 75, alpine: 40 },
  'distroless/static-debian12': { full: 2 },
  'distroless/base-debian12': { full: 20 },
  'distroless/python3-debian12': { full: 20 },
  'distroless/nodejs20-debian12': { full: 45 },
  scratch: { full: 0 }
};

/** An image we have no figure for, MB. */
export const UNKNOWN_IMAGE_MB = 100;
