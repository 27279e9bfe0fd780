import { ApiError, StatusCode } from '@presage/errors';
import type { ReplicaInfo } from './replica-table';
import type { CancelSignal } from '../caller-signal';

/** How a held request ends: with the ready replicas, or an error. */
export type HoldOutcome = { ready: readonly ReplicaInfo[] } | { error: ApiError };

export interface HeldRequestOptions {
  version: string;
  /** How long it may wait; then 503 UNAVAILABLE. */
  waitMs: number;
  /** Replica addresses this request already failed on: only another one ends its wait. */
  exclude: ReadonlySet<string>;
  /** The caller went away: the request ends with the signal's reason. */
  signal: CancelSignal | undefined;
  /** The retry hint of the 503 answer. */
  retryAfterMs: number;
  resolve(ready: readonly ReplicaInfo[]): void;
  reject(error: ApiError): void;
  /** Called once, when it ends (before the caller hears). */
  onSettled(request: HeldRequest): void;
}

/** One request waiting for a ready replica of its version, until one comes, its time is up, or its caller leaves. */
export class HeldRequest {
  private readonly timer: NodeJS.Timeout;
  private settled = false;

  constructor(private readonly options: HeldRequestOptions) {
    this.timer = setTimeout(() => this.settle({ error: this.timedOut() }), options.waitMs);
    options.signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  /** Whether it can be sent to one of these replicas. */
  canUse(ready: readonly ReplicaInfo[]): boolean {
    return ready.some((replica) => !this.options.exclude.has(replica.address));
  }

  settle(outcome: HoldOutcome): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.timer);
    this.options.signal?.removeEventListener('abort', this.onAbort);
    this.options.onSettled(this);
    if ('ready' in outcome) this.options.resolve(outcome.ready);
    else this.options.reject(outcome.error);
  }

  private readonly onAbort = (): void => this.settle({ error: callerGone(this.options.signal!) });

  private timedOut(): ApiError {
    const seconds = (this.options.waitMs / 1000).toFixed(1);
    return ApiError.unavailable(
      `The version "${this.options.version}" has no ready replica: none became ready within ${seconds} s while the request waited; retry shortly.`,
      this.options.retryAfterMs,
    );
  }
}

/** Why a held request ends when its caller went away: the signal's ApiError, else CANCELLED. */
export function callerGone(signal: CancelSignal): ApiError {
  return signal.reason instanceof ApiError
    ? signal.reason
    : new ApiError(StatusCode.CANCELLED, 'The caller went away while the request waited for a replica');
}
