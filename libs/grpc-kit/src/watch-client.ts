import { ApiError, StatusCode } from '@presage/errors';
import type { Logger } from '@presage/log';
import type { ServerStream } from './stream-client';

/**
 * One message of a watch (see "Watches" in protos/presage/internal/v1/deployment.proto): part or all of
 * a snapshot, or changes.
 */
export interface WatchBatch<T> {
  snapshot: boolean;
  /** More messages of this snapshot follow. */
  more: boolean;
  /** Added or changed items; in a snapshot, the whole set. */
  items: T[];
  /** Keys of the items removed. */
  removed: string[];
}

export interface WatchOptions<M, T> {
  /** Opens the stream; called again after it ends or fails. */
  open(): ServerStream<M>;
  /** The parts of one message. */
  batchOf(message: M): WatchBatch<T>;
  /** The whole set, from a complete snapshot: the first thing every stream sends, so also after a reconnect. */
  onResync(items: T[]): void;
  /** Items added or changed, and the keys of items removed, after the snapshot. */
  onChanges(items: T[], removed: string[]): void;
  /** The watch got a snapshot (true), or its stream broke or ended (false, with the error if any). */
  onConnection?: ((connected: boolean, error?: ApiError) => void) | undefined;
  /**
   * The server does not have the method (an older server): the watch stops and calls this instead of
   * retrying, so the caller can fall back to listing. @default retried like any failure
   */
  onUnimplemented?: ((error: ApiError) => void) | undefined;
  logger: Logger;
  /** The wait before the first reconnect; it doubles after each failure in a row. @default 100 */
  initialRetryMs?: number;
  /** @default 5_000 */
  maxRetryMs?: number;
}

export interface Watch {
  /** Whether the last stream delivered its snapshot and is still open. */
  readonly connected: boolean;
  /** Cancels the stream and stops reconnecting. */
  close(): void;
}

/** Opens the watch now, and again (with backoff and jitter) whenever its stream breaks or ends. */
export function startWatch<M, T>(options: WatchOptions<M, T>): Watch {
  const watch = new ReconnectingWatch(options);
  void watch.run();
  return watch;
}

class ReconnectingWatch<M, T> implements Watch {
  private state: boolean | undefined;
  private closed = false;
  private stream: ServerStream<M> | undefined;
  /** Snapshot messages received while `more` follow. */
  private partial: T[] | undefined;
  private wake: (() => void) | undefined;
  private readonly initialRetryMs: number;
  private readonly maxRetryMs: number;

  constructor(private readonly options: WatchOptions<M, T>) {
    this.initialRetryMs = options.initialRetryMs ?? 100;
    this.maxRetryMs = options.maxRetryMs ?? 5_000;
  }

  get connected(): boolean {
    return this.state === true;
  }

  close(): void {
    this.closed = true;
    this.stream?.cancel();
    this.wake?.();
  }

  async run(): Promise<void> {
    let failures = 0;
    while (!this.closed) {
      const error = await this.follow();
      if (this.closed) return;
      if (error?.code === StatusCode.UNIMPLEMENTED && this.options.onUnimplemented) {
        this.closed = true;
        this.call(() => this.options.onUnimplemented!(error));
        return;
      }
      if (this.state === true) failures = 0;
      this.setConnected(false, error);
      failures++;
      await this.sleep(this.retryDelay(failures));
    }
  }

  /** Reads one stream to its end; the error that ended it, if any. */
  private async follow(): Promise<ApiError | undefined> {
    this.partial = undefined;
    try {
      this.stream = this.options.open();
      for await (const message of this.stream) this.receive(this.options.batchOf(message));
      return undefined;
    } catch (error) {
      return ApiError.from(error);
    } finally {
      this.stream = undefined;
    }
  }

  private receive(batch: WatchBatch<T>): void {
    if (batch.snapshot) {
      this.partial = [...(this.partial ?? []), ...batch.items];
      if (batch.more) return;
      const items = this.partial;
      this.partial = undefined;
      this.call(() => this.options.onResync(items));
      this.setConnected(true);
      return;
    }
    if (this.state !== true) return; // changes before any snapshot: not a watch this client understands
    this.call(() => this.options.onChanges(batch.items, batch.removed));
  }

  private setConnected(connected: boolean, error?: ApiError): void {
    if (this.state === connected) return;
    this.state = connected;
    this.call(() => this.options.onConnection?.(connected, error));
  }

  /** Runs a callback of the caller: what it throws is logged, and the watch goes on. */
  private call(callback: () => void): void {
    try {
      callback();
    } catch (error) {
      this.options.logger.error('a watch callback failed', {
        error: error instanceof Error ? error : String(error),
      });
    }
  }

  private retryDelay(failures: number): number {
    const base = Math.min(this.initialRetryMs * 2 ** (failures - 1), this.maxRetryMs);
    return base * (0.8 + 0.4 * Math.random());
  }

  private async sleep(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.wake = undefined;
  }
}
