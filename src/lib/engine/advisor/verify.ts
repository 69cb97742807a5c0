/**
 * The advisor's rule, enforced: a rewrite is proposed only if, in every state
 * of the day (the context before it and after each of its edits), the
 * rewritten Dockerfile's target image holds the same files, byte for byte,
 * with the same modes and owners, and the same config (env, user, workdir,
 * labels, ports, volumes, command, entrypoint, healthcheck, stop signal), as
 * the original's, in the engine's model of both. Left out of the comparison:
 * the cache directories a cache-mount rewrite takes out of the image on
 * purpose. The Dockerfile itself, when a COPY sends it into the image, is held
 * to the original's text on both sides: a rewrite changes it by definition.
 */
import type { Digest } from '../digest';
import type { DayStep } from '../day-edits';
import { imageContents, imageDifferences, type ImageContents } from '../image';
import type { Builder, ImageModel } from '../types';

export interface VerifyShared {
  builder?: Builder;
  dockerfilePath?: string;
  target?: string;
  imageModel?: ImageModel;
}

export interface SameImage {
  same: boolean;
  /** Day states compared. */
  states: number;
  /** What differed, in the first state that differed. */
  differences: string[];
}

function contentsIn(dockerfile: string, original: string, st: DayStep, shared: VerifyShared): ImageContents {
  const path = shared.dockerfilePath ?? 'Dockerfile';
  return imageContents({
    dockerfile,
    dockerfilePath: path,
    context: { files: { ...st.files, [path]: { data: original } } },
    builder: shared.builder,
    target: shared.target,
    buildArgs: st.buildArgs,
    images: st.images as Record<string, Digest>,
    imageModel: shared.imageModel
  });
}

/** Memoises the original's contents per state: every candidate is compared with them. */
export function originalContents(original: string, states: DayStep[], shared: VerifyShared): ImageContents[] {
  return states.map((st) => contentsIn(original, original, st, shared));
}

export function sameImage(
  original: string,
  rewrite: string,
  states: DayStep[],
  before: ImageContents[],
  shared: VerifyShared,
  ignore: string[]
): SameImage {
  for (let i = 0; i < states.length; i++) {
    const after = contentsIn(rewrite, original, states[i], shared);
    const diff = imageDifferences(before[i], after, ignore);
    if (diff.length)
      return { same: false, states: i + 1, differences: diff.map((d) => `${states[i].label}: ${d}`) };
  }
  return { same: true, states: states.length, differences: [] };
}
