import { ApiError, StatusCode } from '@presage/errors';
import { PredictionQuota } from './prediction-quota';

describe('PredictionQuota', () => {
  it("spends a minute's quota at once, then refills at the per-minute rate", () => {
    let now = 0;
    const quota = new PredictionQuota(60, () => now);
    for (let i = 0; i < 60; i++) quota.take('demo');
    expect(() => quota.take('demo')).toThrow(ApiError);
    now += 999;
    expect(() => quota.take('demo')).toThrow(ApiError);
    now += 1;
    quota.take('demo');
    expect(() => quota.take('demo')).toThrow(ApiError);
  });

  it('counts each project on its own', () => {
    const quota = new PredictionQuota(1, () => 0);
    quota.take('a');
    quota.take('b');
    expect(() => quota.take('a')).toThrow(ApiError);
  });

  it('answers RESOURCE_EXHAUSTED with the wait, the project and the quota', () => {
    let now = 0;
    const quota = new PredictionQuota(120, () => now);
    for (let i = 0; i < 120; i++) quota.take('demo');
    now += 100;
    let error: ApiError | undefined;
    try {
      quota.take('demo');
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
});
