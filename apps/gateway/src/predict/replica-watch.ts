import { ApiError } from '@presage/errors';
import { startWatch } from '@presage/grpc-kit';
import type { ServerStream, Watch } from '@presage/grpc-kit';
import type { Logger } from '@presage/log';
import { createReplicaTable } from './replica-table';
import type { ReplicaInfo, ReplicaTable, ReplicaTableListener, ReplicaTableOptions } from './replica-table';

/** One message of the deployer's WatchReplicas, as decoded. */
export interface ReplicaWatchMessage {
  snapshot: boolean;
  more: boolean;
  replicas: ReplicaInfo[];
  removedReplicas: string[];
}

export interface WatchedReplicaTableOptions extends Pick<
  ReplicaTableOptions,
  'onListing' | 'onReachability'
> {
  /** Opens the deployer's WatchReplicas (for every version). */
  watch: () => ServerStream<ReplicaWatchMessage>;
  /** ListReplicas, for a deployer without WatchReplicas. */
  list: () => Promise<ReplicaInfo[]>;
  /** How long a listing is reused when the deployer cannot be watched. @default 1000 */
  ttlMs?: number | undefined;
  logger: Logger;
}

export type WatchedReplicaTable = ReplicaTable & { close(): void };

/**
 * The gateway's routing table, fed by the deployer's WatchReplicas: a change reaches it as soon as the
 * deployer sees it, and a reconnect replaces the table with the deployer's snapshot. While the deployer
 * is away the table keeps what it knew (its replicas keep serving without the deployer). A deployer
 * without the watch is listed instead (createReplicaTable).
 */
export function createWatchedReplicaTable(options: WatchedReplicaTableOptions): WatchedReplicaTable {
  return new ReplicaWatchTable(options);
}

class ReplicaWatchTable implements WatchedReplicaTable {
  private readonly replicas = new Map<string, ReplicaInfo>();
  /** The ready replicas of each version, computed once per change of the version. */
  private readonly readyByVersion = new Map<string, readonly ReplicaInfo[]>();
  private readonly listeners = new Set<ReplicaTableListener>();
  /** Each listener's subscription to the fallback, once there is one. */
  private readonly relays = new Map<ReplicaTableListener, () => void>();
  private synced = false;
  private connected = true;
  private readonly watch: Watch;
  /** Set when the deployer cannot be watched: the table lists it instead. */
  private fallback: (ReplicaTable & { close(): void }) | undefined;

  constructor(private readonly options: WatchedReplicaTableOptions) {
    this.watch = startWatch<ReplicaWatchMessage, ReplicaInfo>({
      open: options.watch,
      batchOf: (message) => ({
        snapshot: message.snapshot,
        more: message.more,
        items: message.replicas,
        removed: message.removedReplicas,
      }),
      onResync: (replicas) => this.resync(replicas),
      onChanges: (replicas, removed) => this.apply(replicas, removed),
      onConnection: (connected, error) => this.setConnected(connected, error),
      onUnimplemented: () => this.listInstead(),
      logger: options.logger,
    });
  }

  readyReplicas(version: string): Promise<readonly ReplicaInfo[]> {
    if (this.fallback) return this.fallback.readyReplicas(version);
    if (!this.synced) {
      return Promise.reject(
        ApiError.unavailable('The replica list is unavailable: the deployer could not be reached.', 1000),
      );
    }
    let ready = this.readyByVersion.get(version);
    if (!ready) {
      ready = [...this.replicas.values()].filter((r) => r.version === version && r.state === 'READY');
      this.readyByVersion.set(version, ready);
    }
    return Promise.resolve(ready);
  }

  /** The deployer tells of a replica that died through the watch: nothing to do unless listing. */
  markStale(): void {
    this.fallback?.markStale();
  }

  reachable(): boolean {
    return this.fallback ? this.fallback.reachable() : this.connected;
  }

  onChange(listener: ReplicaTableListener): () => void {
    this.listeners.add(listener);
    if (this.fallback) this.relays.set(listener, this.fallback.onChange(listener));
    return () => {
      this.listeners.delete(listener);
      this.relays.get(listener)?.();
      this.relays.delete(listener);
    };
  }

  close(): void {
    this.watch.close();
    this.fallback?.close();
    this.listeners.clear();
    this.relays.clear();
  }

  private resync(replicas: ReplicaInfo[]): void {
    this.replicas.clear();
    for (const replica of replicas) this.replicas.set(replica.name, replica);
    this.readyByVersion.clear();
    this.synced = true;
    this.changed(undefined);
  }

  private apply(replicas: ReplicaInfo[], removed: string[]): void {
    const versions = new Set<string>();
    for (const replica of replicas) {
      const before = this.replicas.get(replica.name);
      if (before) versions.add(before.version);
      this.replicas.set(replica.name, replica);
      versions.add(replica.version);
    }
    for (const name of removed) {
      const before = this.replicas.get(name);
      if (!before) continue;
      this.replicas.delete(name);
      versions.add(before.version);
    }
    for (const version of versions) this.readyByVersion.delete(version);
    this.changed(versions);
  }

  private changed(versions: ReadonlySet<string> | undefined): void {
    this.options.onListing?.([...this.replicas.values()]);
    for (const listener of this.listeners) listener(versions);
  }

  private setConnected(connected: boolean, error?: unknown): void {
    if (connected === this.connected) return;
    this.connected = connected;
    this.options.onReachability?.(connected, error);
  }

  private listInstead(): void {
    this.options.logger.warn('the deployer cannot be watched (an older version): listing its replicas');
    const fallback = createReplicaTable(this.options.list, {
      ttlMs: this.options.ttlMs,
      onListing: this.options.onListing,
      onReachability: this.options.onReachability,
    });
    for (const listener of this.listeners) this.relays.set(listener, fallback.onChange(listener));
    this.fallback = fallback;
    this.changed(undefined);
  }
}
