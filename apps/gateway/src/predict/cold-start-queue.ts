import { ApiError, errorMessage } from '@presage/errors';
import type { Logger } from '@presage/log';
import { createFailureLog } from '@presage/telemetry';
import { ColdStartEpisode } from './cold-start-episode';
import type { EpisodeDeps } from './cold-start-episode';
import type { DemandReport } from './demand-reports';
import { callerGone } from './held-request';
import type { ReplicaInfo, ReplicaTable } from './replica-table';
import type { CancelSignal } from '../caller-signal';

export type { DemandReport } from './demand-reports';

export interface ColdStartQueueOptions {
  /** Where ready replicas appear: the queue reads it when it says a version changed. */
  replicas: ReplicaTable;
  /** Unset: nobody is told; held requests wait for a replica the deployer starts or restarts. */
  reportDemand?: DemandReport | undefined;
  /** Records `presage.gateway.requests.queued` and `presage.gateway.cold_start.duration`. */
  metrics: EpisodeDeps['metrics'];
  logger: Logger;
  /** Requests held per version; one more is refused with 429 RESOURCE_EXHAUSTED. @default 100 */
  maxQueued?: number;
  /** The longest a request is held; then 503 UNAVAILABLE. @default 60_000 */
  timeoutMs?: number;
  /** The least time between two demand reports of a version while its queue grows. @default 500 */
  reportIntervalMs?: number;
}

export interface HoldOptions {
  /** The caller's remaining time; the hold ends at the earlier of it and `timeoutMs`. */
  deadlineMs: number;
  /** Replica addresses this request already failed on: only another one ends its wait. */
  exclude?: ReadonlySet<string>;
  /** The caller went away: it leaves the queue and the hold rejects with the signal's reason. */
  signal?: CancelSignal | undefined;
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
  /** Answers every held request 503 and stops following the replica table. */
  close(): void;
}

/** The retry hint of the 429 and 503 answers. */
const RETRY_AFTER_MS = 1_000;

/**
 * The gateway's scale-from-zero buffer (Knative's activator): requests for a version with no ready
 * replica wait in a bounded per-version queue until the replica table says the version changed and a
 * ready replica is there; the autoscaler hears of the demand at once and again while the queue grows.
 */
export function createColdStartQueue(options: ColdStartQueueOptions): ColdStartQueue {
  return new ColdStartBuffer(options);
}

class ColdStartBuffer implements ColdStartQueue {
  private readonly episodes = new Map<string, ColdStartEpisode>();
  private readonly maxQueued: number;
  private readonly timeoutMs: number;
  private readonly logger: Logger;
  private readonly episodeDeps: EpisodeDeps;
  /** Set while some request waits: the subscription to the replica table's changes. */
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly options: ColdStartQueueOptions) {
    this.maxQueued = options.maxQueued ?? 100;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.logger = options.logger.child({ component: 'cold-start' });
    this.episodeDeps = {
      metrics: options.metrics,
      logger: this.logger,
      reportDemand: options.reportDemand,
      reportIntervalMs: options.reportIntervalMs ?? 500,
      reportFailed: createFailureLog(this.logger, 'cannot report demand to the autoscaler'),
      retryAfterMs: RETRY_AFTER_MS,
      onEnd: (episode) => this.ended(episode),
    };
  }

  async hold(version: string, { deadlineMs, exclude = new Set(), signal }: HoldOptions) {
    if (signal?.aborted) throw callerGone(signal);
    const episode = this.episodeOf(version);
    return episode.hold(Math.max(0, Math.min(deadlineMs, this.timeoutMs)), exclude, signal);
  }

  queued(version: string): number {
    return this.episodes.get(version)?.size ?? 0;
  }

  close(): void {
    const error = ApiError.unavailable('The gateway is shutting down; retry.', RETRY_AFTER_MS);
    for (const episode of [...this.episodes.values()]) episode.close(error);
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private episodeOf(version: string): ColdStartEpisode {
    const known = this.episodes.get(version);
    if (known && known.size >= this.maxQueued) {
      throw ApiError.resourceExhausted(
        `The version "${version}" has no ready replica yet and already holds ${this.maxQueued} requests waiting for one; retry shortly.`,
        RETRY_AFTER_MS,
      );
    }
    if (known) return known;
    const episode = new ColdStartEpisode(version, this.episodeDeps);
    this.episodes.set(version, episode);
    this.unsubscribe ??= this.options.replicas.onChange((versions) => this.changed(versions));
    this.logger.info('no ready replica: holding requests until one is ready', {
      version,
      timeoutMs: this.timeoutMs,
      autoscaler: this.options.reportDemand ? 'told' : 'not configured',
    });
    // A replica may have become ready since the caller looked.
    void this.check(episode);
    return episode;
  }

  private changed(versions: ReadonlySet<string> | undefined): void {
    for (const episode of this.episodes.values()) {
      if (!versions || versions.has(episode.version)) void this.check(episode);
    }
  }

  /** Offers the version's ready replicas to its waiting requests. */
  private async check(episode: ColdStartEpisode): Promise<void> {
    let ready: readonly ReplicaInfo[] = [];
    try {
      ready = await this.options.replicas.readyReplicas(episode.version);
    } catch (error) {
      this.logger.debug('replica table unavailable while requests wait', {
        version: episode.version,
        error: errorMessage(error),
      });
    }
    if (this.episodes.get(episode.version) === episode) episode.offer(ready);
  }

  private ended(episode: ColdStartEpisode): void {
    if (this.episodes.get(episode.version) === episode) this.episodes.delete(episode.version);
    if (this.episodes.size > 0) return;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }
}
