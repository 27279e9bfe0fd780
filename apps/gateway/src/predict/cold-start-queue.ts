import { ApiError, StatusCode, errorMessage } from '@presage/errors';
import type { Logger } from '@presage/log';
import { createFailureLog } from '@presage/telemetry';
import type { FailureLog } from '@presage/telemetry';
import type { ReplicaInfo, ReplicaTable } from './replica-table';

/** Tells the autoscaler that `queued` requests wait for `version` (AutoscalerService/ReportDemand). */
export type DemandReport = (version: string, queued: number) => Promise<void>;

export interface ColdStartQueueOptions {
  replicas: ReplicaTable;
  /** Unset: nobody is told; held requests wait for a replica the deployer starts or restarts. */
  reportDemand?: DemandReport | undefined;
  /** Records `presage.gateway.requests.queued` and `presage.gateway.cold_start.duration`. */
  metrics: {
    queued(version: string, delta: number): void;
    coldStart(version: string, seconds: number): void;
  };
  logger: Logger;
  /** Requests held per version; one more is refused with 429 RESOURCE_EXHAUSTED. @default 100 */
  maxQueued?: number;
  /** The longest a request is held; then 503 UNAVAILABLE. @default 60_000 */
  timeoutMs?: number;
  /** How often the replica table is read while requests wait. @default 100 */
  pollMs?: number;
  /** The least time between two demand reports of a version while its queue grows. @default 500 */
  reportIntervalMs?: number;
}

export interface HoldOptions {
  /** The caller's remaining time; the hold ends at the earlier of it and `timeoutMs`. */
  deadlineMs: number;
  /** Replica addresses this request already failed on: only another one ends its wait. */
  exclude?: ReadonlySet<string>;
  /** The caller went away: it leaves the queue and the hold rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
}

export interface ColdStartQueue {
  /**
   * Holds a request of `version` until a ready replica (not in `exclude`) is listed, and resolves with
   * the ready replicas. Rejects with 429 RESOURCE_EXHAUSTED when the version's queue is full and 503
   * UNAVAILABLE when the wait ends first, both with a RetryInfo.
   */
  hold(version: string, options: HoldOptions): Promise<readonly ReplicaInfo[]>;
  /** Requests held for `version` now. */
  queued(version: string): number;
  /** Answers every held request 503 and stops polling. */
  close(): void;
}

/** The retry hint of the 429 and 503 answers. */
const RETRY_AFTER_MS = 1_000;

interface Waiter {
  exclude: ReadonlySet<string>;
  /** Leaves the queue and settles the hold. */
  settle(outcome: { ready: readonly ReplicaInfo[] } | { error: ApiError }): void;
}

/** The requests held for one version, and the one poller and demand reports they share. */
interface Episode {
  version: string;
  waiters: Set<Waiter>;
  /** When the first request was held, ms. */
  startedAt: number;
  /** The next poll; one chain of polls per episode, started with it. */
  timer: NodeJS.Timeout | undefined;
  lastReportAt: number;
  /** The queue length the autoscaler last heard (0 until a report succeeded). */
  reported: number;
  reporting: boolean;
}

/**
 * The gateway's scale-from-zero buffer (Knative's activator): requests for a version with no ready
 * replica wait in a bounded per-version queue while one poller per version reads the replica table;
 * the autoscaler hears of the demand at once and again while the queue grows.
 */
export function createColdStartQueue(options: ColdStartQueueOptions): ColdStartQueue {
  const maxQueued = options.maxQueued ?? 100;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const pollMs = options.pollMs ?? 100;
  const reportIntervalMs = options.reportIntervalMs ?? 500;
  const logger = options.logger.child({ component: 'cold-start' });
  const reportFailed: FailureLog = createFailureLog(logger, 'cannot report demand to the autoscaler');
  const episodes = new Map<string, Episode>();

  const report = (episode: Episode): void => {
    const queued = episode.waiters.size;
    if (!options.reportDemand || episode.reporting || queued <= episode.reported) return;
    if (Date.now() - episode.lastReportAt < reportIntervalMs) return;
    episode.reporting = true;
    episode.lastReportAt = Date.now();
    options.reportDemand(episode.version, queued).then(
      () => {
        episode.reported = Math.max(episode.reported, queued);
        episode.reporting = false;
      },
      (error: unknown) => {
        episode.reporting = false;
        reportFailed(error);
      },
    );
  };

  const end = (episode: Episode): void => {
    clearTimeout(episode.timer);
    if (episodes.get(episode.version) === episode) episodes.delete(episode.version);
  };

  const poll = async (episode: Episode): Promise<void> => {
    episode.timer = undefined;
    let ready: readonly ReplicaInfo[] = [];
    try {
      ready = await options.replicas.readyReplicas(episode.version);
    } catch (error) {
      logger.debug('replica table unavailable while requests wait', {
        version: episode.version,
        error: errorMessage(error),
      });
    }
    if (episodes.get(episode.version) !== episode) return;
    const served = [...episode.waiters].filter((w) => ready.some((r) => !w.exclude.has(r.address)));
    if (served.length > 0) {
      const seconds = (Date.now() - episode.startedAt) / 1000;
      if (served.length === episode.waiters.size) {
        end(episode);
        options.metrics.coldStart(episode.version, seconds);
        logger.info('replica ready: sending the held requests', {
          version: episode.version,
          held: served.length,
          coldStartSeconds: seconds,
        });
      }
      for (const waiter of served) waiter.settle({ ready });
      if (episode.waiters.size === 0) return;
    }
    report(episode);
    episode.timer = setTimeout(() => void poll(episode), pollMs);
  };

  const episodeOf = (version: string): Episode => {
    let episode = episodes.get(version);
    if (episode && episode.waiters.size >= maxQueued) {
      throw ApiError.resourceExhausted(
        `The version "${version}" has no ready replica yet and already holds ${maxQueued} requests waiting for one; retry shortly.`,
        RETRY_AFTER_MS,
      );
    }
    if (!episode) {
      episode = {
        version,
        waiters: new Set(),
        startedAt: Date.now(),
        timer: undefined,
        lastReportAt: -Infinity,
        reported: 0,
        reporting: false,
      };
      episodes.set(version, episode);
      const started = episode;
      started.timer = setTimeout(() => void poll(started), pollMs);
      logger.info('no ready replica: holding requests until one is ready', {
        version,
        timeoutMs,
        autoscaler: options.reportDemand ? 'told' : 'not configured',
      });
    }
    return episode;
  };

  return {
    async hold(version, { deadlineMs, exclude = new Set(), signal }) {
      if (signal?.aborted) throw callerGone(signal);
      const episode = episodeOf(version);
      const waitMs = Math.max(0, Math.min(deadlineMs, timeoutMs));
      return new Promise<readonly ReplicaInfo[]>((resolve, reject) => {
        const onAbort = (): void => waiter.settle({ error: callerGone(signal!) });
        const timer = setTimeout(
          () =>
            waiter.settle({
              error: ApiError.unavailable(
                `The version "${version}" has no ready replica: none became ready within ${(waitMs / 1000).toFixed(1)} s while the request waited; retry shortly.`,
                RETRY_AFTER_MS,
              ),
            }),
          waitMs,
        );
        const waiter: Waiter = {
          exclude,
          settle(outcome) {
            if (!episode.waiters.delete(waiter)) return;
            clearTimeout(timer);
            signal?.removeEventListener('abort', onAbort);
            options.metrics.queued(version, -1);
            if (episode.waiters.size === 0 && episodes.get(version) === episode) {
              end(episode);
              logger.info('no request waits any more: stopped waiting for a replica', {
                version,
                waitedSeconds: (Date.now() - episode.startedAt) / 1000,
              });
            }
            if ('ready' in outcome) resolve(outcome.ready);
            else reject(outcome.error);
          },
        };
        episode.waiters.add(waiter);
        options.metrics.queued(version, 1);
        signal?.addEventListener('abort', onAbort, { once: true });
        report(episode);
      });
    },
    queued: (version) => episodes.get(version)?.waiters.size ?? 0,
    close() {
      for (const episode of [...episodes.values()]) {
        end(episode);
        for (const waiter of [...episode.waiters]) {
          waiter.settle({
            error: ApiError.unavailable('The gateway is shutting down; retry.', RETRY_AFTER_MS),
          });
        }
      }
    },
  };
}

/** Why a held request ends when its caller went away: the signal's ApiError, else CANCELLED. */
function callerGone(signal: AbortSignal): ApiError {
  return signal.reason instanceof ApiError
    ? signal.reason
    : new ApiError(StatusCode.CANCELLED, 'The caller went away while the request waited for a replica');
}
