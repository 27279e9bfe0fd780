/** How often a crashed process is started again. */
export interface RestartPolicy {
  /** The delay before the first restart; each recent restart doubles it. @default 500 */
  initialDelayMs: number;
  /** @default 10_000 */
  maxDelayMs: number;
  /** Restarts allowed within `windowMs`; more wait until the oldest leaves the window. @default 5 */
  maxRestartsPerWindow: number;
  /** @default 60_000 */
  windowMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  initialDelayMs: 500,
  maxDelayMs: 10_000,
  maxRestartsPerWindow: 5,
  windowMs: 60_000,
};

/**
 * The delay before the next restart, given the times of earlier restarts (oldest first). Restarts
 * older than the window are forgotten, so a process that ran fine for a while starts again quickly.
 */
export function nextRestartDelay(
  restartTimes: readonly number[],
  now: number,
  policy: RestartPolicy,
): number {
  const recent = restartTimes.filter((time) => now - time < policy.windowMs);
  const backoff = Math.min(policy.initialDelayMs * 2 ** recent.length, policy.maxDelayMs);
  if (recent.length < policy.maxRestartsPerWindow) return backoff;
  const oldestCounted = recent[recent.length - policy.maxRestartsPerWindow] ?? now;
  return Math.max(backoff, oldestCounted + policy.windowMs - now);
}
