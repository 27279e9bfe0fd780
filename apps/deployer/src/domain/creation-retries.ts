export interface CreationRetryPolicy {
  /** How long after its creation a version may keep retrying transient failures. */
  deadlineMs: number;
  /** The wait after the first failed attempt; it doubles after each one. @default 1_000 */
  initialDelayMs?: number;
  /** The longest wait between two attempts. @default 60_000 */
  maxDelayMs?: number;
}

/** What to do after a transient failure: try again later, or give up with a message for the user. */
export type RetryDecision = { retry: true; inMs: number } | { retry: false; errorMessage: string };

interface Attempts {
  count: number;
  /** Epoch ms of the first failure: the deadline counts from it when the creation time is unknown. */
  firstAt: number;
  /** Epoch ms before which the version is not tried again. */
  notBefore: number;
}

/**
 * The attempts of versions being created that failed for a reason that may go away: exponential
 * backoff until a deadline counted from the version's creation (so a deployer restart does not extend
 * it), then a final error that says how often and how long it was tried. Counts live in memory: a
 * restarted deployer counts again from one.
 */
export class CreationRetries {
  private readonly attempts = new Map<string, Attempts>();
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(
    private readonly policy: CreationRetryPolicy,
    private readonly now: () => number = Date.now,
  ) {
    this.initialDelayMs = policy.initialDelayMs ?? 1_000;
    this.maxDelayMs = policy.maxDelayMs ?? 60_000;
  }

  /** Whether the version may be tried now: never failed, or its backoff has passed. */
  due(version: string): boolean {
    const entry = this.attempts.get(version);
    return !entry || this.now() >= entry.notBefore;
  }

  /**
   * Records a transient failure of an attempt. `createdAt` is the version's creation, epoch ms (unknown:
   * the first failure); `reason` what went wrong, the start of the final message.
   */
  failed(version: string, createdAt: number | undefined, reason: string): RetryDecision {
    const now = this.now();
    const entry = this.attempts.get(version) ?? { count: 0, firstAt: now, notBefore: 0 };
    entry.count++;
    const since = createdAt ?? entry.firstAt;
    const deadline = since + this.policy.deadlineMs;
    if (now >= deadline) {
      this.attempts.delete(version);
      const tried = entry.count === 1 ? '1 attempt' : `${entry.count} attempts`;
      return {
        retry: false,
        errorMessage: `${reason} Gave up after ${tried} in ${formatDuration(now - since)} (the deadline is ${formatDuration(this.policy.deadlineMs)} after the version was created).`,
      };
    }
    const backoff = Math.min(this.initialDelayMs * 2 ** (entry.count - 1), this.maxDelayMs);
    // The last attempt falls on the deadline, so the version settles then rather than a backoff later.
    const inMs = Math.max(0, Math.min(backoff, deadline - now));
    entry.notBefore = now + inMs;
    this.attempts.set(version, entry);
    return { retry: true, inMs };
  }

  /** The version's backoff is over: it may be tried now. */
  release(version: string): void {
    const entry = this.attempts.get(version);
    if (entry) entry.notBefore = 0;
  }

  /** How many attempts of the version failed so far. */
  failures(version: string): number {
    return this.attempts.get(version)?.count ?? 0;
  }

  /** The version settled (READY or FAILED) or went away. */
  forget(version: string): void {
    this.attempts.delete(version);
  }

  /** Forgets every version not in `versions`. */
  keepOnly(versions: ReadonlySet<string>): void {
    for (const version of this.attempts.keys()) if (!versions.has(version)) this.attempts.delete(version);
  }
}

/** `45 s`, `10 min`, `2 min 30 s`. */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}
