import { CreationRetries } from '../domain/creation-retries';
import type { CreationRetryPolicy, RetryDecision } from '../domain/creation-retries';
import type { TargetVersion } from './deployment-targets';

/**
 * The backoff of versions whose creation failed for a reason that may go away: CreationRetries decides
 * (until the version's deadline), and a timer asks for the version again once its backoff is over.
 */
export class CreationBackoff {
  private readonly retries: CreationRetries;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private stopped = false;

  constructor(
    policy: CreationRetryPolicy,
    private readonly retryNow: (version: string) => void,
  ) {
    this.retries = new CreationRetries(policy);
  }

  /** Whether the version may be tried now: never failed, or its backoff has passed. */
  due(version: string): boolean {
    return this.retries.due(version);
  }

  /** Records a transient failure: the version is tried again after its backoff, or given up. */
  failed(version: TargetVersion, reason: string): RetryDecision {
    const decision = this.retries.failed(version.name, createdAt(version), reason);
    if (!decision.retry) {
      this.forget(version.name);
      return decision;
    }
    clearTimeout(this.timers.get(version.name));
    if (this.stopped) return decision;
    const timer = setTimeout(() => {
      this.timers.delete(version.name);
      // Its backoff is over now, whatever the wall clock says (a timer may fire a millisecond before
      // Date.now() reaches the time it was set for, and the version would then be skipped).
      this.retries.release(version.name);
      this.retryNow(version.name);
    }, decision.inMs);
    this.timers.set(version.name, timer);
    return decision;
  }

  failures(version: string): number {
    return this.retries.failures(version);
  }

  /** The version settled (READY or FAILED) or went away. */
  forget(version: string): void {
    this.retries.forget(version);
    clearTimeout(this.timers.get(version));
    this.timers.delete(version);
  }

  /** Asks for no version again (the reconciler stops). */
  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}

/** The version's creation time, epoch ms; undefined when the registry did not say. */
function createdAt(version: TargetVersion): number | undefined {
  const time = version.createTime;
  if (!time || !Number(time.seconds)) return undefined;
  return Number(time.seconds) * 1000 + Math.floor(time.nanos / 1e6);
}
