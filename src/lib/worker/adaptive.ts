/**
 * The engine host the page uses: the worker, plus the same engine run on the
 * page's own thread when a run is known to be cheap.
 *
 * Why both: after a keystroke Chrome renders a frame before it delivers the
 * worker's reply, so a worker answer always lands one frame late (about 30 ms
 * from key to view). A small project's prediction takes a millisecond or two;
 * run in the keystroke's own task, it is on screen in the keystroke's frame.
 * Anything bigger, or any run that turned out slow, goes to the worker, so a
 * huge or hostile input can never freeze the page.
 */
import type { BuildInput } from '../engine/types';
import type { EngineHost, EngineOutcome } from './protocol';

/** A run may use the page's thread only if the last one took less than this, ms. */
export const INLINE_BUDGET_MS = 4;
/** ... and the input is this small. */
export const INLINE_MAX_FILES = 400;
export const INLINE_MAX_BYTES = 256 * 1024;

export type InlineRun = (input: BuildInput) => EngineOutcome;

/** Whether an input is small enough to consider running on the page's thread. */
export function smallInput(input: BuildInput): boolean {
  if (input.dockerfile.length > 32 * 1024) return false;
  let n = 0;
  let bytes = input.dockerfile.length;
  const files = input.context.files;
  for (const f of files instanceof Map ? files.values() : Object.values(files)) {
    if (++n > INLINE_MAX_FILES) return false;
    bytes += f.data?.length ?? 0;
    if (bytes > INLINE_MAX_BYTES) return false;
  }
  return true;
}

/** For timing edit-to-view in devtools and tests: when an answer arrived, and from where. */
function mark(name: string): void {
  globalThis.performance?.mark?.(name);
}

export class AdaptiveEngine implements EngineHost {
  private inline: InlineRun | null = null;
  /** How long the last run took (either thread), ms; unknown at first. */
  private lastMs = Infinity;
  /** Runs made on the page's thread, for tests and devtools. */
  inlineRuns = 0;

  constructor(
    private worker: EngineHost,
    load: () => Promise<InlineRun>
  ) {
    // The engine for the page's thread loads after the page is up, off the first paint's path.
    load().then(
      (run) => (this.inline = run),
      () => (this.inline = null)
    );
  }

  async run(input: BuildInput): Promise<EngineOutcome | null> {
    if (this.inline && this.lastMs < INLINE_BUDGET_MS && smallInput(input)) {
      const outcome = this.inline(input);
      this.inlineRuns++;
      mark('layerlab:reply-inline');
      // A failure or a slow run sends the next ones back to the worker.
      this.lastMs = outcome.ok ? outcome.ms : Infinity;
      return outcome;
    }
    const outcome = await this.worker.run(input);
    mark('layerlab:reply');
    if (outcome) this.lastMs = outcome.ok ? outcome.ms : Infinity;
    return outcome;
  }

  dispose(): void {
    this.worker.dispose?.();
  }
}
