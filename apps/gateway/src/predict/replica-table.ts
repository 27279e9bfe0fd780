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
  now?: () => number;
}

export interface ReplicaTable {
  /** The READY replicas of a version; refreshes the listing first when it has none. */
  readyReplicas(version: string): Promise<ReplicaInfo[]>;
  /**
   * A listed replica failed to take a request (it may have died): the next read refreshes the listing,
   * once the minimum refresh interval has passed since the last one.
   */
  markStale(): void;
}

/** A cached view of the deployer's ListReplicas; concurrent refreshes share one call. */
export function createReplicaTable(
  list: () => Promise<ReplicaInfo[]>,
  options: ReplicaTableOptions = {},
): ReplicaTable {
  const ttlMs = options.ttlMs ?? 1000;
  const minRefreshMs = options.minRefreshMs ?? 100;
  const now = options.now ?? Date.now;
  let snapshot: { replicas: ReplicaInfo[]; at: number } | undefined;
  let inFlight: Promise<ReplicaInfo[]> | undefined;

  const refresh = (): Promise<ReplicaInfo[]> =>
    (inFlight ??= list()
      .then(
        (replicas) => {
          snapshot = { replicas, at: now() };
          return replicas;
        },
        (error: unknown) => {
          throw ApiError.unavailable(
            'The replica list is unavailable: the deployer could not be reached.',
            1000,
            error,
          );
        },
      )
      .finally(() => {
        inFlight = undefined;
      }));

  /** Set when a listed replica failed: the listing is then reused for at most minRefreshMs. */
  let stale = false;
  const current = async (): Promise<ReplicaInfo[]> => {
    const maxAge = stale ? Math.min(ttlMs, minRefreshMs) : ttlMs;
    if (snapshot && now() - snapshot.at < maxAge) return snapshot.replicas;
    stale = false;
    return refresh();
  };

  const readyOf = (replicas: ReplicaInfo[], version: string): ReplicaInfo[] =>
    replicas.filter((r) => r.version === version && r.state === 'READY');

  return {
    async readyReplicas(version) {
      const ready = readyOf(await current(), version);
      if (ready.length > 0 || (snapshot && now() - snapshot.at < minRefreshMs)) return ready;
      return readyOf(await refresh(), version);
    },
    markStale() {
      stale = true;
    },
  };
}
