import { loadAutoscalerConfig } from './config';

describe('the autoscaler configuration', () => {
  it('has defaults for everything', () => {
    expect(loadAutoscalerConfig({})).toEqual({
      address: '127.0.0.1:8094',
      deployerAddress: '127.0.0.1:8092',
      databaseUrl: undefined,
      home: './.presage',
      tickMs: 2000,
      stableWindowMs: 60_000,
      panicWindowMs: 6000,
      scaleToZeroIdleMs: 60_000,
      targetConcurrency: 4,
      metricStaleMs: 5000,
      decisionRetentionDays: 7,
      decisionsPerVersion: 10_000,
      metricsAddress: undefined,
      limits: { maxBodyBytes: 1_572_864, maxResponseBytes: 32 * 1_572_864 },
      telemetry: {
        exportIntervalMs: 1000,
        otlpEndpoint: undefined,
        otlpTracesEndpoint: undefined,
        tracesFile: undefined,
        tracesSampler: { name: 'parentbased_traceidratio', ratio: 0.01 },
      },
    });
  });

  it('takes the idle window from the stable window unless it is set', () => {
    expect(loadAutoscalerConfig({ PRESAGE_AUTOSCALER_STABLE_WINDOW_MS: '30000' }).scaleToZeroIdleMs).toBe(
      30_000,
    );
    const config = loadAutoscalerConfig({
      PRESAGE_AUTOSCALER_STABLE_WINDOW_MS: '30000',
      PRESAGE_AUTOSCALER_SCALE_TO_ZERO_IDLE_MS: '300000',
      PRESAGE_AUTOSCALER_TARGET_CONCURRENCY: '1.5',
    });
    expect(config).toMatchObject({ scaleToZeroIdleMs: 300_000, targetConcurrency: 1.5 });
  });

  it('lists every problem at once', () => {
    let message = '';
    try {
      loadAutoscalerConfig({
        PRESAGE_AUTOSCALER_ADDRESS: 'nowhere',
        PRESAGE_AUTOSCALER_TICK_MS: 'fast',
        PRESAGE_AUTOSCALER_PANIC_WINDOW_MS: '90000',
        PRESAGE_AUTOSCALER_TARGET_CONCURRENCY: '0',
        DATABASE_URL: 'mysql://x',
      });
    } catch (error) {
      message = (error as Error).message;
    }
    for (const problem of [
      'PRESAGE_AUTOSCALER_ADDRESS must be host:port, got "nowhere"',
      'PRESAGE_AUTOSCALER_TICK_MS must be an integer from 50 to 60000, got "fast"',
      'PRESAGE_AUTOSCALER_PANIC_WINDOW_MS (90000) must not exceed the stable window (60000)',
      'PRESAGE_AUTOSCALER_TARGET_CONCURRENCY must be a number from 0.01 to 1000, got "0"',
      'DATABASE_URL must be a postgres:// URL',
    ]) {
      expect(message).toContain(problem);
    }
  });
});
