import { ApiError } from '@presage/errors';

/** A replica as the deployer lists it. */
export interface ReplicaInfo {
  name: string;
  version: string;
  /** host:port of its PredictorService. */
  address: string;
  state: string;
}

export interface ReplicaTableOptions {
  /** How long a listing is reused. @default 1000 */
  ttlMs?: number;
  /** The least time between two on-demand refreshes when a version has no ready replica. @default 100 */
  minRefreshMs?: number;
  /** Called with every listing the deployer gives. */
  onListing?: (replicas: ReplicaInfo[]) => void;
  /** Called when the deployer stops or starts answering (`reachable`), with the error when it stops. */
  onReachability?: (reachable: boolean, error?: unknown) => void;
  now?: () => number;
}

export interface ReplicaTable {
  /**
   * The READY replicas of a version; refreshes the listing first when it has none. While the deployer
   * cannot be reached, the last listing it gave is used (its replicas keep serving without it); with no
   * listing at all, rejects with UNAVAILABLE.
   */
  readyReplicas(version: string): Promise<readonly ReplicaInfo[]>;
  /**
   * A listed replica failed to take a request (it may have died): the next read refreshes the listing,
   * once the minimum refresh interval has passed since the last one.
   */
  markStale(): void;
  /** Whether the last listing attempt reached the deployer (true before the first one). */
  reachable(): boolean;
  /**
   * Calls `listener` after the table changed, with the versions whose replicas changed (undefined: any
   * may have), until the returned function is called.
   */
  onChange(listener: ReplicaTableListener): () => void;
}

export type ReplicaTableListener = (versions: ReadonlySet<string> | undefined) => void;

/**
 * A cached view of the deployer's ListReplicas; concurrent refreshes share one call. While someone
 * listens for changes it lists every `minRefreshMs` (the way to follow a deployer that cannot be watched).
 */
export function createReplicaTable(
  list: () => Promise<ReplicaInfo[]>,
  options: ReplicaTableOptions = {},
): ReplicaTable & { close(): void } {
  return new CachedReplicaTable(list, options);
}

class CachedReplicaTable implements ReplicaTable {
  private readonly listeners = new Set<ReplicaTableListener>();
  private pollTimer: NodeJS.Timeout | undefined;
  private readonly ttlMs: number;
  private readonly minRefreshMs: number;
  private readonly now: () => number;
  private snapshot: { replicas: ReplicaInfo[]; at: number } | undefined;
  /** The ready replicas of each version in the snapshot, computed once per listing. */
  private readyByVersion = new Map<string, readonly ReplicaInfo[]>();
  private inFlight: Promise<ReplicaInfo[]> | undefined;
  /** When the last listing attempt was made, failed or not: failures are retried at the listing's pace. */
  private attemptedAt = -Infinity;
  /** Set when a listed replica failed: the listing is then reused for at most minRefreshMs. */
  private stale = false;
  private deployerReachable = true;

  constructor(
    private readonly list: () => Promise<ReplicaInfo[]>,
    private readonly options: ReplicaTableOptions,
  ) {
    this.ttlMs = options.ttlMs ?? 1000;
    this.minRefreshMs = options.minRefreshMs ?? 100;
    this.now = options.now ?? Date.now;
  }

  async readyReplicas(version: string): Promise<readonly ReplicaInfo[]> {
    const ready = this.readyOf(await this.current(), version);
    if (ready.length > 0 || this.now() - this.attemptedAt < this.minRefreshMs) return ready;
    return this.readyOf(await this.refresh(), version);
  }

  markStale(): void {
    this.stale = true;
  }

  reachable(): boolean {
    return this.deployerReachable;
  }

  onChange(listener: ReplicaTableListener): () => void {
    this.listeners.add(listener);
    this.schedulePoll();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size > 0) return;
      clearTimeout(this.pollTimer);
      this.pollTimer = undefined;
    };
  }

  close(): void {
    this.listeners.clear();
    clearTimeout(this.pollTimer);
  }

  private schedulePoll(): void {
    if (this.pollTimer || this.listeners.size === 0) return;
    const timer = setTimeout(() => {
      void this.refresh()
        .catch(() => undefined)
        .finally(() => {
          if (this.pollTimer !== timer) return; // unsubscribed meanwhile
          this.pollTimer = undefined;
          this.schedulePoll();
        });
    }, this.minRefreshMs);
    this.pollTimer = timer;
  }

  private current(): Promise<ReplicaInfo[]> {
    const maxAge = this.stale ? Math.min(this.ttlMs, this.minRefreshMs) : this.ttlMs;
    if (this.snapshot && this.now() - this.attemptedAt < maxAge)
      return Promise.resolve(this.snapshot.replicas);
    this.stale = false;
    return this.refresh();
  }

  private refresh(): Promise<ReplicaInfo[]> {
    this.attemptedAt = this.now();
    return (this.inFlight ??= this.list()
      .then(
        (replicas) => {
          this.snapshot = { replicas, at: this.now() };
          this.readyByVersion = new Map();
          this.setReachable(true);
          this.options.onListing?.(replicas);
          for (const listener of this.listeners) listener(undefined);
          return replicas;
        },
        (error: unknown) => {
          this.setReachable(false, error);
          if (this.snapshot) return this.snapshot.replicas;
          throw ApiError.unavailable(
            'The replica list is unavailable: the deployer could not be reached.',
            1000,
            error,
          );
        },
      )
      .finally(() => {
        this.inFlight = undefined;
      }));
  }

  private setReachable(reachable: boolean, error?: unknown): void {
    if (reachable === this.deployerReachable) return;
    this.deployerReachable = reachable;
    this.options.onReachability?.(reachable, error);
  }

  private readyOf(replicas: ReplicaInfo[], version: string): readonly ReplicaInfo[] {
    if (replicas !== this.snapshot?.replicas) return readyOf(replicas, version);
    let ready = this.readyByVersion.get(version);
    if (!ready) this.readyByVersion.set(version, (ready = readyOf(replicas, version)));
    return ready;
  }
}

function readyOf(replicas: ReplicaInfo[], version: string): readonly ReplicaInfo[] {
  return replicas.filter((r) => r.version === version && r.state === 'READY');
}
