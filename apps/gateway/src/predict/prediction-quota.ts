import { ApiError } from '@presage/errors';
import type { PredictRouter } from './predict-router';

/** A project's token bucket: `tokens` predictions left, as of `at`. */
interface Bucket {
  tokens: number;
  at: number;
}

/** More projects than this in memory and full buckets (idle projects) are dropped. */
const MAX_BUCKETS = 10_000;

/**
 * Online predictions per minute per project, as a token bucket per project: a project may spend a
 * minute's quota at once, then one more prediction each `60 000 / perMinute` ms. Counted by each
 * gateway on its own (N gateways allow N times the quota). Over quota: 429 RESOURCE_EXHAUSTED with
 * RetryInfo and QuotaFailure.
 */
export class PredictionQuota {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.perMs = perMinute / 60_000;
  }

  /** Spends one prediction of `project`'s quota, or throws quotaExceeded. */
  take(project: string): void {
    const now = this.now();
    const bucket = this.buckets.get(project) ?? this.newBucket(project, now);
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * this.perMs);
    bucket.at = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return;
    }
    throw ApiError.quotaExceeded(
      `projects/${project}`,
      `online predictions per minute (limit ${this.perMinute}, PRESAGE_QUOTA_PREDICTIONS_PER_MINUTE)`,
      Math.ceil((1 - bucket.tokens) / this.perMs),
    );
  }

  private newBucket(project: string, now: number): Bucket {
    if (this.buckets.size >= MAX_BUCKETS) this.dropIdle(now);
    const bucket = { tokens: this.perMinute, at: now };
    this.buckets.set(project, bucket);
    return bucket;
  }

  /** Forgets projects whose bucket has filled up again: they would start full anyway. */
  private dropIdle(now: number): void {
    for (const [project, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * this.perMs >= this.perMinute) this.buckets.delete(project);
    }
  }
}

/** `router` with each prediction counted against its project's quota before it is routed. */
export function withPredictionQuota(router: PredictRouter, quota: PredictionQuota): PredictRouter {
  return {
    predict(name, body, call) {
      const project = /^projects\/([^/]+)\//.exec(name)?.[1];
      if (project !== undefined) quota.take(project);
      return router.predict(name, body, call);
    },
  };
}
