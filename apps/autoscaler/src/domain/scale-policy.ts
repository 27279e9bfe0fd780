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
  /**
   * In stable mode, no change while demand per replica is within this fraction of the target (HPA's
   * dead-band), measured against the count being run, not the ready one. @default 0.1
   */
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

/** The replicas of a version when a decision is taken. */
export interface ReplicaCounts {
  /** Ready to serve. */
  ready: number;
  /** The count the deployer runs towards (ready ones plus those starting). */
  current: number;
}

export type ScaleMode = 'stable' | 'panic' | 'cold-start';

export interface ScaleDecision {
  desired: number;
  mode: ScaleMode;
  /** The inputs, kept with the decision for its history. */
  stableConcurrency: number;
  panicConcurrency: number;
  reason: string;
}

export interface ScalePolicy {
  readonly config: Readonly<ScalePolicyConfig>;
  /** Records the concurrency seen at `now` (ms); call as often as samples come. */
  observe(now: number, concurrency: number): void;
  /** The replica count to run now. */
  decide(now: number, replicas: ReplicaCounts, bounds: ScaleBounds): ScaleDecision;
  /** A new autoScaling.targetConcurrency; the history is kept. */
  setTargetConcurrency(target: number): void;
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
    config,
    observe(now, concurrency) {
      const at = Math.max(now, samples.at(-1)?.at ?? now);
      const value = Number.isFinite(concurrency) ? Math.max(0, concurrency) : 0;
      samples.push({ at, value });
      if (value > 0) lastTrafficAt = at;
      // Keep the sample in force at the start of the longest window.
      const horizon = at - Math.max(config.stableWindowMs, config.scaleToZeroIdleMs);
      const firstInWindow = samples.findIndex((s) => s.at >= horizon);
      if (firstInWindow > 1) samples = samples.slice(firstInWindow - 1);
    },

    setTargetConcurrency(target) {
      config.targetConcurrency = target;
    },

    decide(now, { ready: readyReplicas, current }, bounds) {
      const { targetConcurrency: target } = config;
      const stable = mean(now, config.stableWindowMs);
      const panic = mean(now, config.panicWindowMs);
      const ready = Math.max(1, readyReplicas);
      const maxUp = Math.ceil(config.maxScaleUpRate * ready);
      const maxDown = Math.floor(ready / config.maxScaleDownRate);
      const clampRate = (n: number) => Math.min(maxUp, Math.max(maxDown, n));
      const wantStable = replicasFor(stable, target);
      const wantPanic = replicasFor(panic, target);

      if (wantPanic / ready >= config.panicThreshold) panicUntil = now + config.stableWindowMs;
      const inPanic = now < panicUntil;
      let mode: ScaleMode = inPanic ? 'panic' : 'stable';
      let desired: number;
      let reason: string;
      if (inPanic) {
        desired = Math.max(clampRate(wantStable), clampRate(wantPanic), panicFloor);
        panicFloor = desired;
        reason = `panic: ${panic.toFixed(1)} concurrent over ${seconds(config.panicWindowMs)}`;
      } else {
        panicFloor = 0;
        const withinTolerance = current > 0 && Math.abs(stable / target / current - 1) <= config.tolerance;
        desired = withinTolerance ? current : clampRate(wantStable);
        reason = `stable: ${stable.toFixed(1)} concurrent over ${seconds(config.stableWindowMs)}`;
      }
      // A request waiting for a version with no replica: one comes at once, not after the window fills.
      // Scaling up from zero is a cold start whichever window noticed the traffic first.
      const waiting = samples.at(-1)?.value ?? 0;
      const needed = replicasFor(waiting, target);
      if (readyReplicas === 0 && waiting > 0 && (current === 0 || desired < needed)) {
        desired = Math.max(desired, needed);
        mode = 'cold-start';
        reason = `cold start: ${+waiting.toFixed(1)} request(s) waiting with no ready replica`;
      }
      // Without a full window of history, never scale down: the quiet may only be missing data.
      if (now - startedAt < config.stableWindowMs && desired < current) {
        desired = current;
        reason += '; holding until a full window of history';
      }
      const idle =
        now - lastTrafficAt >= config.scaleToZeroIdleMs && now - startedAt >= config.scaleToZeroIdleMs;
      const floor =
        bounds.minNodes > 0 ? bounds.minNodes : idle ? 0 : Math.min(1, Math.max(desired, current));
      const ceiling = bounds.maxNodes > 0 ? bounds.maxNodes : config.defaultMaxReplicas;
      if (bounds.minNodes === 0 && idle && desired === 0)
        reason = `idle for ${seconds(config.scaleToZeroIdleMs)}: scale to zero`;
      desired = Math.min(ceiling, Math.max(floor, desired));
      return { desired, mode, stableConcurrency: stable, panicConcurrency: panic, reason };
    },
  };
}

/**
 * Replicas for `concurrency`, rounded up — but not for rounding noise: a gateway's cumulative sum of
 * doubles makes a steady 40 concurrent read as 40.000000001, which must stay 10 replicas of 4, not 11.
 */
function replicasFor(concurrency: number, target: number): number {
  return Math.max(0, Math.ceil(concurrency / target - 1e-6));
}

function seconds(ms: number): string {
  return `${+(ms / 1000).toFixed(1)} s`;
}
