/**
 * The folder worker's work list: hashes queued files a few at a time (reading
 * one file while another is being hashed) and reports outcomes in batches, so
 * 10,000 small files cost a few dozen messages to the page, not 10,000.
 * It also decides which files keep their text, in the order they came (the
 * walk's order), so the same folder always loads the same way; that needs each
 * file's size, which only this thread may ask for cheaply (see walk.ts).
 */
import { hashBlob, TEXT_BUDGET, TEXT_LIMIT, WHOLE_LIMIT, type HashOutcome, type HashRequest } from './hash';

/** Files read at once: enough to overlap disk and hashing, few enough to bound memory. */
const CONCURRENCY = 8;
const FLUSH_MS = 80;
const FLUSH_COUNT = 500;

export interface QueueItem {
  id: number;
  blob: Blob;
  /** Its text is needed whatever its size or the budget (a Dockerfile, an ignore file). */
  always: boolean;
}

export interface QueueReport {
  outcomes: HashOutcome[];
  /** Bytes of every file queued so far. */
  queuedBytes: number;
  /** Bytes read so far of files still in progress (big files report as they go). */
  partialBytes: number;
}

export interface QueueOptions {
  /** Bytes of editable text in all (default TEXT_BUDGET). */
  textBudget?: number;
  clock?: () => number;
}

export class HashQueue {
  private waiting: HashRequest[] = [];
  private active = 0;
  private done: HashOutcome[] = [];
  private partial = new Map<number, number>();
  private queuedBytes = 0;
  private budget: number;
  private lastFlush = 0;
  private ended = false;
  private drained: (() => void) | null = null;
  private clock: () => number;

  constructor(
    private report: (r: QueueReport) => void,
    opts: QueueOptions = {}
  ) {
    this.budget = opts.textBudget ?? TEXT_BUDGET;
    this.clock = opts.clock ?? (() => Date.now());
  }

  add(items: QueueItem[]): void {
    for (const { id, blob, always } of items) {
      const size = blob.size;
      this.queuedBytes += size;
      let textLimit = 0;
      if (always) textLimit = WHOLE_LIMIT;
      else if (size <= TEXT_LIMIT && size <= this.budget) {
        textLimit = TEXT_LIMIT;
        this.budget -= size;
      }
      this.waiting.push({ id, blob, textLimit });
    }
    this.pump();
  }

  /** No more files will come; resolves once every queued file has been reported. */
  end(): Promise<void> {
    this.ended = true;
    return new Promise((resolve) => {
      this.drained = resolve;
      this.checkDrained();
    });
  }

  private pump(): void {
    while (this.active < CONCURRENCY && this.waiting.length) {
      const req = this.waiting.shift() as HashRequest;
      this.active++;
      void hashBlob(req, (n) => {
        this.partial.set(req.id, n);
        this.flush(false);
      }).then((o) => {
        this.active--;
        this.partial.delete(req.id);
        this.done.push(o);
        this.flush(false);
        this.pump();
        this.checkDrained();
      });
    }
  }

  private flush(force: boolean): void {
    const now = this.clock();
    if (!force && this.done.length < FLUSH_COUNT && now - this.lastFlush < FLUSH_MS) return;
    this.lastFlush = now;
    let partialBytes = 0;
    for (const n of this.partial.values()) partialBytes += n;
    const outcomes = this.done;
    this.done = [];
    this.report({ outcomes, queuedBytes: this.queuedBytes, partialBytes });
  }

  private checkDrained(): void {
    if (!this.ended || this.active || this.waiting.length || !this.drained) return;
    this.flush(true);
    const d = this.drained;
    this.drained = null;
    d();
  }
}
