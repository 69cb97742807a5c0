/**
 * The base images a build resolves: what each reference resolves to, which the
 * daemon already holds, and the check BuildKit makes before anything runs.
 *
 * BuildKit loads the metadata of every base image the target needs before it
 * starts a single step, so an unknown image fails the whole build up front; the
 * legacy builder pulls each one when its FROM comes up (oracle scenarios
 * base-image-updated-upstream, runtime-base-updated-only, lesson-base-images).
 */
import type { Digest } from '../digest';
import { defaultImageDigest, imageKey, imageModelSpec, type ImageModelSpec } from '../images';
import type { StagePlan } from '../plan';
import type { ImageModel } from '../types';

export interface ImageUse {
  ref: string;
  key: string;
  digest: Digest;
  /** Whether the daemon held the image before this build. */
  present: boolean;
}

export class BaseImages {
  readonly used: ImageUse[] = [];
  private readonly held: Set<Digest>;

  constructor(
    private readonly o: { images: Map<string, Digest>; offline: boolean; imageModel: ImageModel },
    held: readonly Digest[]
  ) {
    this.held = new Set(held);
  }

  /** What a reference resolves to, or null when the daemon cannot get it (offline and not given). */
  resolve(ref: string): { key: string; digest: Digest } | null {
    const key = imageKey(ref);
    const d = this.o.images.get(key);
    if (d) return { key, digest: d };
    if (this.o.offline) return null;
    return { key, digest: defaultImageDigest(key, this.o.imageModel) };
  }

  /** The modelled contents of an image. */
  spec(digest: Digest): ImageModelSpec {
    return imageModelSpec(this.o.imageModel, digest);
  }

  /** Records that a step pulls or uses an image; returns whether it was held already. */
  use(ref: string, key: string, digest: Digest, once = false): boolean {
    const present = this.held.has(digest);
    if (!once || !this.used.some((u) => u.key === key)) this.used.push({ ref, key, digest, present });
    this.held.add(digest);
    return present;
  }

  /** An image a step reads from (COPY --from=<image>, a mount): its model, or null when it cannot be had. */
  read(ref: string): ImageModelSpec | null {
    const r = this.resolve(ref);
    if (!r) return null;
    this.use(ref, r.key, r.digest, true);
    return this.spec(r.digest);
  }

  /** BuildKit: why the build fails before any step because of a base image, or null. */
  metadataFailure(order: StagePlan[]): string | null {
    for (const st of order) {
      if (st.baseError) return st.baseError;
      if (st.image && !this.resolve(st.baseName)) {
        return `failed to load metadata for ${st.image.display}: pull access denied, repository does not exist or may require authorization`;
      }
    }
    return null;
  }
}
