import { ApiError, StatusCode } from '@presage/errors';
import { PredictionQuota, cachedQuotaSettings } from './prediction-quota';

/** Spends one prediction of a project whose setting is known, which never waits. */
function takeNow(quota: PredictionQuota, project: string): void {
  const taken = quota.take(project);
  if (taken !== undefined) throw new Error(`the quota of ${project} waited for a lookup`);
}

describe('PredictionQuota', () => {
  it("spends a minute's quota at once, then refills at the per-minute rate", () => {
    let now = 0;
    const quota = new PredictionQuota(60, undefined, () => now);
    for (let i = 0; i < 60; i++) takeNow(quota, 'demo');
    expect(() => takeNow(quota, 'demo')).toThrow(ApiError);
    now += 999;
    expect(() => takeNow(quota, 'demo')).toThrow(ApiError);
    now += 1;
    takeNow(quota, 'demo');
    expect(() => takeNow(quota, 'demo')).toThrow(ApiError);
  });

  it('counts each project on its own', () => {
    const quota = new PredictionQuota(1, undefined, () => 0);
    takeNow(quota, 'a');
    takeNow(quota, 'b');
    expect(() => takeNow(quota, 'a')).toThrow(ApiError);
  });

  it('answers RESOURCE_EXHAUSTED with the wait, the project and the quota', () => {
    let now = 0;
    const quota = new PredictionQuota(120, undefined, () => now);
    for (let i = 0; i < 120; i++) takeNow(quota, 'demo');
    now += 100;
    let error: ApiError | undefined;
    try {
      takeNow(quota, 'demo');
    } catch (thrown) {
      error = thrown as ApiError;
    }
    expect(error?.code).toBe(StatusCode.RESOURCE_EXHAUSTED);
    expect(error?.details).toEqual([
      { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '0.400s' },
      {
        '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
        violations: [
          {
            subject: 'projects/demo',
            description: 'online predictions per minute (limit 120, PRESAGE_QUOTA_PREDICTIONS_PER_MINUTE)',
          },
        ],
      },
      expect.objectContaining({ reason: 'RATE_LIMIT_EXCEEDED' }),
    ]);
  });

  it("uses a project's own setting over the default: -1 for no limit, n for n", () => {
    let now = 0;
    const settings: Record<string, number> = { big: 3, free: -1 };
    const quota = new PredictionQuota(
      1,
      (project) => settings[project] ?? 0,
      () => now,
    );
    for (let i = 0; i < 3; i++) takeNow(quota, 'big');
    expect(() => takeNow(quota, 'big')).toThrow(/limit 3, projects\/big\/quotaSettings/);
    for (let i = 0; i < 100; i++) takeNow(quota, 'free');
    takeNow(quota, 'other');
    expect(() => takeNow(quota, 'other')).toThrow(/limit 1, PRESAGE_QUOTA_PREDICTIONS_PER_MINUTE/);
    settings['big'] = 6;
    now += 10_000; // a sixth of a minute at 6 per minute: one more
    takeNow(quota, 'big');
    expect(() => takeNow(quota, 'big')).toThrow(ApiError);
  });

  it('waits for the first lookup of a project, then answers from the cache and refreshes it when stale', async () => {
    let now = 0;
    const lookups: string[] = [];
    let setting = 2;
    const settingOf = cachedQuotaSettings(
      (project) => {
        lookups.push(project);
        return Promise.resolve(setting);
      },
      { ttlMs: 1_000, onLookupFailure: () => undefined, now: () => now },
    );
    const quota = new PredictionQuota(0, settingOf, () => now);
    await quota.take('demo');
    takeNow(quota, 'demo'); // known: no wait
    expect(() => takeNow(quota, 'demo')).toThrow(ApiError);
    expect(lookups).toEqual(['demo']);
    setting = -1;
    now += 1_000;
    expect(() => takeNow(quota, 'demo')).toThrow(ApiError); // stale: answered as before, refreshed behind
    await new Promise((resolve) => setImmediate(resolve));
    expect(lookups).toEqual(['demo', 'demo']);
    for (let i = 0; i < 10; i++) takeNow(quota, 'demo');
  });

  it('keeps the default when the registry cannot be asked', async () => {
    const failures: string[] = [];
    const settingOf = cachedQuotaSettings(() => Promise.reject(new Error('registry down')), {
      ttlMs: 1_000,
      onLookupFailure: (project) => failures.push(project),
    });
    const quota = new PredictionQuota(1, settingOf);
    await quota.take('demo');
    expect(() => takeNow(quota, 'demo')).toThrow(/PRESAGE_QUOTA_PREDICTIONS_PER_MINUTE/);
    expect(failures).toEqual(['demo']);
  });
});
