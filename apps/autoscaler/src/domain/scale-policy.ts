/**
 * How many replicas a version should run, from the concurrency observed at the gateway (in-flight plus
 * queued requests). Knative's KPA is the model: a stable window (60 s) and a panic window (6 s) of the
 * same signal; panic when the short window asks for twice the ready capacity, during which the count
 * never drops; scale-down at most halves per tick and needs the stable window to agree; scale to zero
 * only after a whole idle window. Pure: time and observations come in, a decision comes out.
 */
export interface ScalePolicyConfig {
  /** Concurrent requests one replica should carry. @default 4 */
  targetConcurrency: number;
  /** @default 60_000 */
  stableWindowMs: number;
  /** @default 6_000 */
  panicWindowMs: number;
  /** Panic when the panic window asks for this many times the ready replicas. @default 2 */
  panicThreshold: number;
  /** At most this factor more replicas per decision. @default 1000 */
  maxScaleUpRate: number;
  /** At most this factor fewer replicas per decision. @default 2 */
  maxScaleDownRate: number;
  /** No traffic for this long before the last replica goes (minNodes 0). @default stableWindowMs */
  scaleToZeroIdleMs: number;
  /** The ceiling when a version sets no maxNodes. @default 100 */
  defaultMaxReplicas: number;
  /** In stable mode, no change while demand per ready replica is within this fraction of the target (HPA's dead-band). @default 0.1 */
  tolerance: number;
}

export const DEFAULT_SCALE_POLICY: ScalePolicyConfig = {
  targetConcurrency: 4,
  stableWindowMs: 60_000,
  panicWindowMs: 6_000,
  panicThreshold: 2,
  maxScaleUpRate: 1000,
  maxScaleDownRate: 2,
  scaleToZeroIdleMs: 60_000,
  defaultMaxReplicas: 100,
  tolerance: 0.1,
};

export interface ScaleBounds {
  minNodes: number;
  /** 0: no ceiling but the default one. */
  maxNodes: number;
}

export interface ScaleDecision {
  desired: number;
  mode: 'stable' | 'panic';
  /** The inputs, kept with the decision for its history. */
  stableConcurrency: number;
  panicConcurrency: number;
  reason: string;
}

export interface ScalePolicy {
  /** Records the concurrency seen at `now` (ms); call as often as samples come. */
  observe(now: number, concurrency: number): void;
  /** The replica count to run now, given how many are ready. */
  decide(now: number, readyReplicas: number, bounds: ScaleBounds): ScaleDecision;
}

export function createScalePolicy(overrides: Partial<ScalePolicyConfig> = {}, startedAt = 0): ScalePolicy {
  const config = { ...DEFAULT_SCALE_POLICY, ...overrides };
  let samples: { at: number; value: number }[] = [];
  let lastTrafficAt = -Infinity;
  let panicUntil = -Infinity;
  let panicFloor = 0;

  const mean = (now: number, windowMs: number): number => {
    // Time-weighted: each sample holds until the next one; time before the first sample counts as zero.
    const from = now - windowMs;
    let total = 0;
    for (let i = 0; i < samples.length; i++) {
      const start = Math.max(samples[i]!.at, from);
      const end = Math.min(samples[i + 1]?.at ?? now, now);
      if (end > start) total += samples[i]!.value * (end - start);
    }
    return total / windowMs;
  };

  return {
    observe(now, concurrency) {
      samples.push({ at: now, value: Math.max(0, concurrency) });
      if (concurrency > 0) lastTrafficAt = now;
      // Keep the sample in force at the start of the longest window.
      const horizon = now - Math.max(config.stableWindowMs, config.scaleToZeroIdleMs);
      const firstInWindow = samples.findIndex((s) => s.at >= horizon);
      if (firstInWindow > 1) samples = samples.slice(firstInWindow - 1);
    },

    decide(now, readyReplicas, bounds) {
      const stable = mean(now, config.stableWindowMs);
      const panic = mean(now, config.panicWindowMs);
      const ready = Math.max(1, readyReplicas);
      const maxUp = Math.ceil(config.maxScaleUpRate * ready);
      const maxDown = Math.floor(ready / config.maxScaleDownRate);
      const clampRate = (n: number) => Math.min(maxUp, Math.max(maxDown, n));
      const wantStable = Math.ceil(stable / config.targetConcurrency);
      const wantPanic = Math.ceil(panic / config.targetConcurrency);

      if (wantPanic / ready >= config.panicThreshold) panicUntil = now + config.stableWindowMs;
      const inPanic = now < panicUntil;
      let desired: number;
      let reason: string;
      if (inPanic) {
        desired = Math.max(clampRate(wantStable), clampRate(wantPanic), panicFloor);
        panicFloor = desired;
        reason = `panic: ${panic.toFixed(1)} concurrent over ${config.panicWindowMs / 1000} s`;
      } else {
        panicFloor = 0;
        const withinTolerance =
          readyReplicas > 0 &&
          Math.abs(stable / config.targetConcurrency / readyReplicas - 1) <= config.tolerance;
        desired = withinTolerance ? readyReplicas : clampRate(wantStable);
        reason = `stable: ${stable.toFixed(1)} concurrent over ${config.stableWindowMs / 1000} s`;
      }
      // A request waiting for a version with no replica: one comes at once, not after the window fills.
      const waiting = samples.at(-1)?.value ?? 0;
      if (readyReplicas === 0 && waiting > 0) {
        desired = Math.max(desired, Math.ceil(waiting / config.targetConcurrency));
        reason = `cold start: ${waiting} request(s) waiting with no replica`;
      }
      // Without a full window of history, never scale down: the quiet may only be missing data.
      if (now - startedAt < config.stableWindowMs && desired < readyReplicas) {
        desired = readyReplicas;
        reason += '; holding until a full window of history';
      }
      const idle =
        now - lastTrafficAt >= config.scaleToZeroIdleMs && now - startedAt >= config.scaleToZeroIdleMs;
      const floor =
        bounds.minNodes > 0 ? bounds.minNodes : idle ? 0 : Math.min(1, Math.max(desired, readyReplicas));
      const ceiling = bounds.maxNodes > 0 ? bounds.maxNodes : config.defaultMaxReplicas;
      if (bounds.minNodes === 0 && idle && desired === 0)
        reason = `idle for ${config.scaleToZeroIdleMs / 1000} s: scale to zero`;
      desired = Math.min(ceiling, Math.max(floor, desired));
      return {
        desired,
        mode: inPanic ? 'panic' : 'stable',
        stableConcurrency: stable,
        panicConcurrency: panic,
        reason,
      };
    },
  };
}
