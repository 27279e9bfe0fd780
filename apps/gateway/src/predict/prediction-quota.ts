import { ApiError } from '@presage/errors';
import type { PredictRouter } from './predict-router';

/** A project's token bucket: `tokens` predictions left, as of `at`, of `limit` per minute. */
interface Bucket {
  tokens: number;
  at: number;
  limit: number;
}

/** More projects than this in memory and full buckets (idle projects) are dropped. */
const MAX_BUCKETS = 10_000;

/**
 * A project's `predictions_per_minute` quota setting (0: the gateway's default, -1: no limit, n: n), as
 * a number when known (a stale one is refreshed behind it), or a promise for a project not yet seen.
 */
export type QuotaSettingOf = (project: string) => number | Promise<number>;

/**
 * Online predictions per minute per project, as a token bucket per project: a project may spend a
 * minute's quota at once, then one more prediction each `60 000 / limit` ms. The limit is the project's
 * quota setting, else `defaultPerMinute` (PRESAGE_QUOTA_PREDICTIONS_PER_MINUTE; 0: none). Counted by
 * each gateway on its own (N gateways allow N times the quota). Over quota: 429 RESOURCE_EXHAUSTED with
 * RetryInfo and QuotaFailure.
 */
export class PredictionQuota {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly defaultPerMinute: number,
    private readonly settingOf: QuotaSettingOf = () => 0,
    private readonly now: () => number = Date.now,
  ) {}

  /** Spends one prediction of `project`'s quota, or throws (rejects with) quotaExceeded. */
  take(project: string): void | Promise<void> {
    const setting = this.settingOf(project);
    if (typeof setting === 'number') return this.spend(project, setting);
    return setting.then((known) => this.spend(project, known));
  }

  private spend(project: string, setting: number): void {
    const limit = setting === 0 ? this.defaultPerMinute : setting;
    if (limit <= 0) return;
    const now = this.now();
    const bucket = this.buckets.get(project) ?? this.newBucket(project, limit, now);
    bucket.limit = limit;
    bucket.tokens = Math.min(limit, bucket.tokens + ((now - bucket.at) * limit) / 60_000);
    bucket.at = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return;
    }
    const source =
      setting === 0 ? 'PRESAGE_QUOTA_PREDICTIONS_PER_MINUTE' : `projects/${project}/quotaSettings`;
    throw ApiError.quotaExceeded(
      `projects/${project}`,
      `online predictions per minute (limit ${limit}, ${source})`,
      Math.ceil(((1 - bucket.tokens) * 60_000) / limit),
    );
  }

  private newBucket(project: string, limit: number, now: number): Bucket {
    if (this.buckets.size >= MAX_BUCKETS) this.dropIdle(now);
    const bucket = { tokens: limit, at: now, limit };
    this.buckets.set(project, bucket);
    return bucket;
  }

  /** Forgets projects whose bucket has filled up again: they would start full anyway. */
  private dropIdle(now: number): void {
    for (const [project, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.at) * bucket.limit) / 60_000 >= bucket.limit) {
        this.buckets.delete(project);
      }
    }
  }
}

interface CachedSetting {
  value: number;
  expires: number;
  refreshing: boolean;
}

/**
 * Projects' quota settings as `fetch` reads them from the registry, kept `ttlMs`: a known setting is
 * answered at once (refreshed in the background once stale), an unknown one waits for its first
 * lookup. A lookup that fails keeps the last setting, or 0 (the default) for a project never read.
 */
export function cachedQuotaSettings(
  fetch: (project: string) => Promise<number>,
  options: { ttlMs: number; onLookupFailure: (project: string, error: unknown) => void; now?: () => number },
): QuotaSettingOf {
  const now = options.now ?? Date.now;
  const cache = new Map<string, CachedSetting>();
  const pending = new Map<string, Promise<number>>();
  const load = (project: string): Promise<number> => {
    const running = pending.get(project);
    if (running) return running;
    const loading = fetch(project)
      .catch((error: unknown) => {
        options.onLookupFailure(project, error);
        return cache.get(project)?.value ?? 0;
      })
      .then((value) => {
        if (cache.size >= MAX_BUCKETS && !cache.has(project)) cache.clear();
        cache.set(project, { value, expires: now() + options.ttlMs, refreshing: false });
        return value;
      })
      .finally(() => pending.delete(project));
    pending.set(project, loading);
    return loading;
  };
  return (project) => {
    const cached = cache.get(project);
    if (!cached) return load(project);
    if (cached.expires <= now() && !cached.refreshing) {
      cached.refreshing = true;
      void load(project);
    }
    return cached.value;
  };
}

/** `router` with each prediction counted against its project's quota before it is routed. */
export function withPredictionQuota(router: PredictRouter, quota: PredictionQuota): PredictRouter {
  return {
    predict(name, body, call) {
      const project = /^projects\/([^/]+)\//.exec(name)?.[1];
      const taken = project === undefined ? undefined : quota.take(project);
      if (taken === undefined) return router.predict(name, body, call);
      return taken.then(() => router.predict(name, body, call));
    },
  };
}
