import type * as grpc from '@grpc/grpc-js';
import { StatusCode } from '@presage/errors';
import type { Logger } from '@presage/log';
import type { WatchBatch } from './watch-client';

/** Where a hub reads the items it watches. */
export interface WatchSource<T> {
  /** The key an item is removed by, e.g. a replica's name. */
  key: (item: T) => string;
  /** Every item now. */
  list: () => Promise<readonly T[]> | readonly T[];
  /**
   * The items of these keys now (a key it leaves out was removed), for changes that name their keys.
   * @default list() and compare everything
   */
  get?: (keys: readonly string[]) => Promise<readonly T[]> | readonly T[];
  /** Whether an item changed. @default their JSON differs */
  equal?: (a: T, b: T) => boolean;
}

export interface WatchHubOptions<T> {
  source: WatchSource<T>;
  logger: Logger;
  /** Items per message; a larger snapshot or change takes several. @default 500 */
  maxItemsPerMessage?: number;
  /** Messages a subscriber may leave unsent; beyond, its stream ends UNAVAILABLE (it resyncs). @default 1_000 */
  maxBacklog?: number;
  /** The wait after a failed read of the source; it doubles up to 5 s. @default 100 */
  retryMs?: number;
}

type Send<T> = (batch: WatchBatch<T>) => void;

interface Subscriber<T> {
  send: Send<T>;
  filter: ((item: T) => boolean) | undefined;
  /** Got its snapshot. */
  synced: boolean;
}

/**
 * The server side of a watch: keeps the last state it sent, and whenever told that something changed
 * (`changed()`, with the keys when known) reads the source again, one read at a time, and sends what
 * differs to every subscriber. A new subscriber gets the whole state first. With no subscriber it keeps
 * nothing and reads nothing.
 */
export class WatchHub<T> {
  private readonly subscribers = new Set<Subscriber<T>>();
  /** What every synced subscriber was sent, by key; undefined until the source was first read. */
  private known: Map<string, T> | undefined;
  private dirtyAll = true;
  private readonly dirtyKeys = new Set<string>();
  private reading = false;
  /** Counts forget()s: a read that started before one is stale. */
  private generation = 0;
  private failures = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly chunk: number;

  constructor(private readonly options: WatchHubOptions<T>) {
    this.chunk = options.maxItemsPerMessage ?? 500;
  }

  /** Something changed: these keys, or anything when none are given. */
  changed(keys?: Iterable<string>): void {
    if (this.subscribers.size === 0) return;
    if (keys === undefined) this.dirtyAll = true;
    else for (const key of keys) this.dirtyKeys.add(key);
    this.read();
  }

  /** Adds a subscriber: it gets the snapshot as soon as the hub knows the state, then changes. */
  subscribe(send: Send<T>, filter?: (item: T) => boolean): () => void {
    const subscriber: Subscriber<T> = { send, filter, synced: false };
    if (this.closed) return () => undefined;
    if (this.subscribers.size === 0) this.forget();
    this.subscribers.add(subscriber);
    if (this.known) this.sendSnapshot(subscriber);
    else this.read();
    return () => {
      if (this.subscribers.delete(subscriber) && this.subscribers.size === 0) this.forget();
    };
  }

  /**
   * Serves one watch call: its snapshot, then changes, as messages made by `toMessage`, until the client
   * cancels or the hub closes.
   */
  serve<Res>(
    call: grpc.ServerWritableStream<unknown, Res>,
    toMessage: (batch: WatchBatch<T>) => Res,
    filter?: (item: T) => boolean,
  ): void {
    const maxBacklog = this.options.maxBacklog ?? 1_000;
    const unsubscribe = this.subscribe((batch) => {
      if (call.writableLength > maxBacklog) {
        unsubscribe();
        call.emit('error', {
          code: StatusCode.UNAVAILABLE as number as grpc.status,
          details: 'The watch fell too far behind; watch again for a fresh snapshot.',
        });
        return;
      }
      call.write(toMessage(batch));
    }, filter);
    call.on('cancelled', unsubscribe);
    call.on('error', unsubscribe);
    call.on('finish', unsubscribe);
  }

  /** Stops reading; subscribers get nothing more (the server ends their calls). */
  close(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.subscribers.clear();
  }

  private forget(): void {
    this.generation++;
    this.known = undefined;
    this.dirtyAll = true;
    this.dirtyKeys.clear();
  }

  private read(): void {
    if (this.reading || this.closed || this.retryTimer) return;
    this.reading = true;
    void this.drain();
  }

  /** Reads until nothing is dirty; one read at a time, so what is sent is never older than what was. */
  private async drain(): Promise<void> {
    try {
      while (!this.closed && this.subscribers.size > 0 && (this.dirtyAll || this.dirtyKeys.size > 0)) {
        if (!(await this.readOnce())) return;
      }
    } finally {
      // Cleared before anything else runs: a change told after the last check starts another drain.
      this.reading = false;
    }
  }

  /** One read of what is dirty; false when it failed (a retry is scheduled). */
  private async readOnce(): Promise<boolean> {
    const all = this.dirtyAll || !this.known || !this.options.source.get;
    const keys = all ? undefined : [...this.dirtyKeys];
    const generation = this.generation;
    this.dirtyAll = false;
    this.dirtyKeys.clear();
    try {
      const items = keys ? await this.options.source.get!(keys) : await this.options.source.list();
      this.failures = 0;
      if (generation === this.generation) this.apply(items, keys);
      return true;
    } catch (error) {
      if (keys) for (const key of keys) this.dirtyKeys.add(key);
      else this.dirtyAll = true;
      this.retryLater(error);
      return false;
    }
  }

  private retryLater(error: unknown): void {
    this.failures++;
    const delay = Math.min((this.options.retryMs ?? 100) * 2 ** (this.failures - 1), 5_000);
    this.options.logger.warn('cannot read what a watch follows; retrying', { inMs: delay, error });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.read();
    }, delay);
  }

  /** The items read (of `keys`, or all) against what was sent: the differences go to every subscriber. */
  private apply(items: readonly T[], keys: string[] | undefined): void {
    const { key } = this.options.source;
    const equal = this.options.source.equal ?? sameJson;
    const first = this.known === undefined;
    const known = (this.known ??= new Map<string, T>());
    const changed: T[] = [];
    const removed: T[] = [];
    const seen = new Set<string>();
    for (const item of items) {
      const k = key(item);
      seen.add(k);
      const before = known.get(k);
      if (before === undefined || !equal(before, item)) changed.push(item);
      known.set(k, item);
    }
    for (const k of keys ?? [...known.keys()]) {
      const before = known.get(k);
      if (before === undefined || seen.has(k)) continue;
      removed.push(before);
      known.delete(k);
    }
    for (const subscriber of this.subscribers) {
      if (!subscriber.synced) this.sendSnapshot(subscriber);
      else if (!first) this.sendChanges(subscriber, changed, removed);
    }
  }

  private sendSnapshot(subscriber: Subscriber<T>): void {
    subscriber.synced = true;
    const items = this.visible(subscriber, [...this.known!.values()]);
    for (let start = 0; start === 0 || start < items.length; start += this.chunk) {
      const more = start + this.chunk < items.length;
      subscriber.send({ snapshot: true, more, items: items.slice(start, start + this.chunk), removed: [] });
    }
  }

  private sendChanges(subscriber: Subscriber<T>, changed: T[], removed: T[]): void {
    const items = this.visible(subscriber, changed);
    const keys = this.visible(subscriber, removed).map((item) => this.options.source.key(item));
    for (let start = 0; start < Math.max(items.length, keys.length); start += this.chunk) {
      subscriber.send({
        snapshot: false,
        more: false,
        items: items.slice(start, start + this.chunk),
        removed: keys.slice(start, start + this.chunk),
      });
    }
  }

  private visible(subscriber: Subscriber<T>, items: T[]): T[] {
    return subscriber.filter ? items.filter(subscriber.filter) : items;
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
