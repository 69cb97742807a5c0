/**
 * Rule: the legacy builder's cache lookup and its cascade.
 *
 * The legacy builder's image prober asks, for each step, whether the current
 * parent image has a child whose config compares equal (the probe); of several,
 * it takes the most recently created one. On the first miss in a stage it sets
 * `cacheBusted` and probes nothing more until the next FROM: every later step
 * of that stage runs, even one whose config has a cached match elsewhere. A
 * rebuilt step always gets a new image id (its config carries a creation time),
 * which is why one miss ends all hits below it.
 *
 * Oracle scenarios: run-edit-cascades, lesson-order-matters,
 * npm-source-before-install, arg-default-edited (an edited ARG default misses
 * at the ARG and cascades), no-cache-flag (`--no-cache` busts from the start).
 */
import { legacyImageId } from '../cache-key';
import type { Digest } from '../digest';
import type { LegacyImage, StepFacts } from '../types';

/** What the prober needs of a step to look it up, or to record the image it creates. */
export interface LegacyStep {
  id: string;
  probe: Digest;
  keyword: string;
  line: number;
  stage: number;
  facts: StepFacts;
}

/** The images a legacy build can reuse, and the ones it creates. */
export class LegacyProber {
  /** Per parent image and probe, the most recently created image: the one the prober picks. */
  private readonly index = new Map<string, LegacyImage>();
  readonly created: LegacyImage[] = [];

  /** `serial`: this build's number, which makes new image ids unique and orders them after older ones. */
  constructor(
    images: readonly LegacyImage[],
    private readonly serial: number
  ) {
    for (const img of images) this.add(img);
  }

  /**
   * Looks a step up under `parent` (unless the stage's cache is already busted),
   * or creates its new image. Returns the image the step ends with.
   */
  step(parent: Digest, s: LegacyStep, busted: boolean): { hit: boolean; image: Digest } {
    const hit = busted ? undefined : this.index.get(`${parent}\u0000${s.probe}`);
    if (hit) return { hit: true, image: hit.id };
    const image: LegacyImage = {
      id: legacyImageId(this.serial, s.id, s.probe),
      parent,
      probe: s.probe,
      keyword: s.keyword,
      line: s.line,
      stage: s.stage,
      facts: s.facts,
      created: this.serial * 100000 + this.created.length
    };
    this.created.push(image);
    this.add(image);
    return { hit: false, image: image.id };
  }

  private add(img: LegacyImage): void {
    const key = `${img.parent}\u0000${img.probe}`;
    const had = this.index.get(key);
    if (!had || img.created > had.created) this.index.set(key, img);
  }
}
