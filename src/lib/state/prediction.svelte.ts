/**
 * The live prediction: the engine's answer for what `docker build` would do
 * now. Runs are coalesced to one per task and stamped, so a slow reply to an
 * older input never replaces a newer one.
 */
import type { BuildInput, BuildResult, Digest } from '../engine/types';
import { remoteSourcesOf } from '../model/build-input';
import type { EngineHost } from '../worker/protocol';

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

export class Prediction {
  /** The prediction for the current input against the cache. Replaced whole. */
  result = $state.raw<BuildResult | null>(null);
  /** Each context file's digest, by path, as the engine hashed it for `result`. */
  digests = $state.raw<Record<string, Digest>>({});
  /** The daemon's plain progress output for the prediction. */
  progress = $state('');
  /** Why the last run failed; the last good result stays. */
  error = $state<string | null>(null);
  running = $state(false);
  /** How long the engine took for `result`, ms. */
  ms = $state(0);

  readonly baseImages = $derived(unique((this.result?.images ?? []).map((i) => i.ref)));
  /** What `ADD <url>` downloads: content that can change upstream like a base image. */
  readonly remoteSources = $derived(remoteSourcesOf(this.result));

  private readonly engine: EngineHost;
  private readonly input: () => BuildInput;
  private scheduled = false;
  private seq = 0;
  private current: Promise<void> | null = null;

  constructor(engine: EngineHost, input: () => BuildInput) {
    this.engine = engine;
    this.input = input;
  }

  /** Asks for a new prediction once the current task's writes are done. */
  schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.current = this.runNow();
    });
  }

  /** Resolves when the prediction matches the current input. */
  async settled(): Promise<void> {
    for (let i = 0; i < 1000; i++) {
      if (this.scheduled) {
        await new Promise<void>((r) => queueMicrotask(r));
        continue;
      }
      const c = this.current;
      if (!c) return;
      await c;
      if (c === this.current && !this.scheduled) return;
    }
  }

  /** A new project has no prediction until its first run. */
  forget(): void {
    this.result = null;
    this.error = null;
  }

  private async runNow(): Promise<void> {
    const seq = ++this.seq;
    this.running = true;
    const outcome = await this.engine.run(this.input());
    if (seq !== this.seq || !outcome) return;
    this.running = false;
    if (outcome.ok) {
      this.result = outcome.result;
      this.digests = outcome.digests;
      this.progress = outcome.progress;
      this.ms = outcome.ms;
      this.error = null;
    } else {
      // Keep the last good result on screen; say what went wrong.
      this.error = outcome.message;
    }
  }
}
