import type { ApiError } from '@presage/errors';
import type { Logger } from '@presage/log';
import type { FailureLog } from '@presage/telemetry';
import { DemandReports } from './demand-reports';
import type { DemandReport } from './demand-reports';
import { HeldRequest } from './held-request';
import type { ReplicaInfo } from './replica-table';
import type { CancelSignal } from '../caller-signal';

export interface EpisodeDeps {
  metrics: {
    queued(version: string, delta: number): void;
    coldStart(version: string, seconds: number): void;
  };
  logger: Logger;
  reportDemand: DemandReport | undefined;
  reportIntervalMs: number;
  reportFailed: FailureLog;
  retryAfterMs: number;
  /** The last request left: the episode is over. */
  onEnd(episode: ColdStartEpisode): void;
}

/**
 * The requests held for one version from the first one until none waits: they share one demand report
 * schedule, and are sent on together when a replica they can use is ready.
 */
export class ColdStartEpisode {
  /** When the first request was held, ms. */
  readonly startedAt = Date.now();
  private readonly waiting = new Set<HeldRequest>();
  private readonly demand: DemandReports | undefined;
  private served = false;

  constructor(
    readonly version: string,
    private readonly deps: EpisodeDeps,
  ) {
    this.demand =
      deps.reportDemand &&
      new DemandReports(version, deps.reportDemand, deps.reportIntervalMs, deps.reportFailed);
  }

  get size(): number {
    return this.waiting.size;
  }

  /** Holds one request until a replica it can use is offered, `waitMs` passes, or `signal` aborts. */
  hold(waitMs: number, exclude: ReadonlySet<string>, signal: CancelSignal | undefined) {
    return new Promise<readonly ReplicaInfo[]>((resolve, reject) => {
      const request = new HeldRequest({
        version: this.version,
        waitMs,
        exclude,
        signal,
        retryAfterMs: this.deps.retryAfterMs,
        resolve,
        reject,
        onSettled: (settled) => this.left(settled),
      });
      this.waiting.add(request);
      this.deps.metrics.queued(this.version, 1);
      this.demand?.update(this.waiting.size);
    });
  }

  /** The version's ready replicas now: every request that can use one goes. */
  offer(ready: readonly ReplicaInfo[]): void {
    const going = [...this.waiting].filter((request) => request.canUse(ready));
    if (going.length === 0) return;
    if (going.length === this.waiting.size) {
      this.served = true;
      const seconds = (Date.now() - this.startedAt) / 1000;
      this.deps.metrics.coldStart(this.version, seconds);
      this.deps.logger.info('replica ready: sending the held requests', {
        version: this.version,
        held: going.length,
        coldStartSeconds: seconds,
      });
    }
    for (const request of going) request.settle({ ready });
  }

  /** Ends every request with `error`. */
  close(error: ApiError): void {
    for (const request of [...this.waiting]) request.settle({ error });
  }

  private left(request: HeldRequest): void {
    if (!this.waiting.delete(request)) return;
    this.deps.metrics.queued(this.version, -1);
    if (this.waiting.size > 0) return;
    this.demand?.stop();
    if (!this.served) {
      this.deps.logger.info('no request waits any more: stopped waiting for a replica', {
        version: this.version,
        waitedSeconds: (Date.now() - this.startedAt) / 1000,
      });
    }
    this.deps.onEnd(this);
  }
}
