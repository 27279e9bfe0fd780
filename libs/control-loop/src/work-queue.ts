export interface WorkQueueOptions {
  /** The work for one key; a throw retries the key with backoff, a return resets its backoff. */
  process: (key: string) => Promise<void>;
  /** How many keys are processed at once; one key is never processed twice at once. @default 4 */
  concurrency?: number;
  /** The wait before a failed key's first retry; it doubles after each failure. @default 500 */
  initialRetryDelayMs?: number;
  /** The longest wait before a retry. @default 60_000 */
  maxRetryDelayMs?: number;
  /** Every known key is added again this often once started; 0 for never. @default 0 */
  resyncMs?: number;
  /** A key's work threw; it runs again in `retryInMs`. */
  onError?: (key: string, error: unknown, retryInMs: number) => void;
}

/**
 * A keyed work queue after Kubernetes client-go's workqueue: a key added while queued is queued once; a
 * key added while processed runs once more after; at most `concurrency` keys run at once; a key whose
 * work throws is retried with exponential backoff (reset when its work succeeds); a periodic resync adds
 * every known key again, so work lost to a missed event is done at the next resync.
 */
export class WorkQueue {
  /** Keys waiting for a worker, in the order added. */
  private readonly ready: string[] = [];
  /** Keys that need processing: waiting in `ready`, or added again while being processed. */
  private readonly dirty = new Set<string>();
  private readonly processing = new Set<string>();
  /** Keys added and not forgotten: what a resync adds again. */
  private readonly known = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly delayed = new Map<string, { at: number; timer: NodeJS.Timeout }>();
  private readonly idleWaiters: (() => void)[] = [];
  private resyncTimer: NodeJS.Timeout | undefined;
  private shuttingDown = false;

  constructor(private readonly options: WorkQueueOptions) {}

  /** Queues `key` unless it is queued already; a key being processed runs once more after. */
  add(key: string): void {
    if (this.shuttingDown) return;
    this.known.add(key);
    if (this.dirty.has(key)) return;
    this.dirty.add(key);
    if (this.processing.has(key)) return;
    this.ready.push(key);
    this.pump();
  }

  /** Adds `key` in `delayMs`; an earlier delayed add of the same key stands. */
  addAfter(key: string, delayMs: number): void {
    if (this.shuttingDown) return;
    this.known.add(key);
    const at = Date.now() + delayMs;
    const pending = this.delayed.get(key);
    if (pending && pending.at <= at) return;
    if (pending) clearTimeout(pending.timer);
    const timer = setTimeout(() => {
      this.delayed.delete(key);
      this.add(key);
    }, delayMs);
    this.delayed.set(key, { at, timer });
  }

  /** Adds every known key. */
  resync(): void {
    for (const key of this.known) this.add(key);
  }

  /** Stops retrying and resyncing `key` (its object is gone); a run queued or in progress still happens. */
  forget(key: string): void {
    this.known.delete(key);
    this.failures.delete(key);
    const pending = this.delayed.get(key);
    if (pending) clearTimeout(pending.timer);
    this.delayed.delete(key);
  }

  /** How often in a row `key`'s work failed. */
  retries(key: string): number {
    return this.failures.get(key) ?? 0;
  }

  /** Keys queued or being processed. */
  get length(): number {
    return this.dirty.size + [...this.processing].filter((key) => !this.dirty.has(key)).length;
  }

  /** Starts the periodic resync. */
  start(): void {
    const { resyncMs = 0 } = this.options;
    if (resyncMs > 0 && !this.resyncTimer) this.resyncTimer = setInterval(() => this.resync(), resyncMs);
  }

  /**
   * Drains: accepts no more keys, drops delayed adds and the resync, finishes the keys queued or being
   * processed (and the re-runs asked for meanwhile), then resolves.
   */
  async shutDown(): Promise<void> {
    this.shuttingDown = true;
    clearInterval(this.resyncTimer);
    this.resyncTimer = undefined;
    for (const { timer } of this.delayed.values()) clearTimeout(timer);
    this.delayed.clear();
    await this.idle();
  }

  /** Resolves once nothing is queued or being processed. */
  idle(): Promise<void> {
    if (this.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    const concurrency = Math.max(1, this.options.concurrency ?? 4);
    while (this.processing.size < concurrency && this.ready.length > 0) {
      const key = this.ready.shift()!;
      this.dirty.delete(key);
      this.processing.add(key);
      void this.run(key);
    }
  }

  private async run(key: string): Promise<void> {
    try {
      await this.options.process(key);
      this.failures.delete(key);
    } catch (error) {
      this.retryLater(key, error);
    } finally {
      this.processing.delete(key);
      // Added again while it ran: it runs once more, behind the keys already waiting.
      if (this.dirty.has(key)) this.ready.push(key);
      this.pump();
      this.notifyIdle();
    }
  }

  private retryLater(key: string, error: unknown): void {
    const count = (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, count);
    const initial = this.options.initialRetryDelayMs ?? 500;
    const delay = Math.min(initial * 2 ** (count - 1), this.options.maxRetryDelayMs ?? 60_000);
    this.options.onError?.(key, error, delay);
    // A key added again while it ran has news: it runs at once, not after the backoff.
    if (!this.dirty.has(key)) this.addAfter(key, delay);
  }

  private notifyIdle(): void {
    if (this.length > 0) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
