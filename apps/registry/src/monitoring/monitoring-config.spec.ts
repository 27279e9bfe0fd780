import type { MonitoringConfig__Output } from '@presage/proto';
import { baselineStatistics } from './feature-statistics';
import { featureValues } from './feature-values';
import {
  effectiveMonitoring,
  monitoringViolations,
  signatureTakes,
  webhookHostAllowed,
} from './monitoring-config';
import type { StoredMonitoringConfig } from './monitoring-config';

const LOGGING = { samplingPercentage: 1 };

function config(overrides: Partial<MonitoringConfig__Output> = {}): MonitoringConfig__Output {
  return {
    baselineUri: '/data/train.jsonl',
    baselineStats: [],
    features: [],
    thresholds: {},
    defaultThreshold: 0,
    windowSeconds: 0,
    samplingPercentage: 0,
    minInstances: 0,
    webhookUri: '',
    webhookSecret: '',
    ...overrides,
  };
}

function stored(overrides: Partial<StoredMonitoringConfig> = {}): StoredMonitoringConfig {
  const rows = [
    { age: 30, plan: 'free', churned: 'no' },
    { age: 50, plan: 'paid', churned: 'yes' },
  ];
  return {
    baselineUri: '/data/train.csv',
    baselineStats: baselineStatistics(rows.map(featureValues)),
    features: [],
    thresholds: {},
    defaultThreshold: 0,
    windowSeconds: 0,
    samplingPercentage: 0,
    minInstances: 0,
    webhookUri: '',
    webhookSecret: '',
    ...overrides,
  };
}

describe('monitoringViolations', () => {
  it('accepts a plain config and names every field it cannot use', () => {
    expect(monitoringViolations(config(), 'c', LOGGING)).toEqual([]);
    const fields = monitoringViolations(
      config({
        baselineUri: 's3://bucket/train.jsonl',
        baselineStats: [
          { name: 'a', kind: 'NUMERIC', bounds: [1], counts: ['1'], categories: {}, missing: '0' },
        ],
        features: ['a', 'a', ''],
        thresholds: { a: 0, b: 1.5 },
        defaultThreshold: -1,
        windowSeconds: 2_592_001,
        samplingPercentage: 2,
        minInstances: -3,
        webhookUri: 'ftp://host/x',
        webhookSecret: 'x'.repeat(1_025),
      }),
      'c',
      { samplingPercentage: 0 },
    ).map((v) => v.field);
    expect(fields).toEqual([
      'c',
      'c.baseline_stats',
      'c.baseline_uri',
      'c.baseline_stats[0].counts',
      'c.features[1]',
      'c.features[2]',
      'c.thresholds[a]',
      'c.thresholds[b]',
      'c.default_threshold',
      'c.window_seconds',
      'c.sampling_percentage',
      'c.min_instances',
      'c.webhook_uri',
      'c.webhook_secret',
    ]);
  });

  it('checks given statistics: ascending bounds, one count per bucket, some values', () => {
    const stats = (s: object) =>
      monitoringViolations(
        config({
          baselineUri: '',
          baselineStats: [
            { name: 'x', kind: 'NUMERIC', bounds: [], counts: [], categories: {}, missing: '0', ...s },
          ],
        }),
        'c',
        LOGGING,
      ).map((v) => `${v.field}: ${v.description}`);
    expect(stats({ bounds: [2, 1], counts: ['1', '1', '1'] })).toEqual([
      'c.baseline_stats[0].bounds: Bounds must be finite and strictly ascending.',
    ]);
    expect(stats({ bounds: [1], counts: ['0', '0'] })).toEqual([
      'c.baseline_stats[0].counts: The baseline holds no values of this feature.',
    ]);
    expect(stats({ kind: 'CATEGORICAL', categories: { a: '2' } })).toEqual([]);
    expect(stats({ kind: 'KIND_UNSPECIFIED' })).toEqual([
      'c.baseline_stats[0].kind: NUMERIC or CATEGORICAL.',
    ]);
  });
});

describe('effectiveMonitoring', () => {
  it('applies the defaults: 0.3, an hour, every logged prediction, 30 instances', () => {
    const effective = effectiveMonitoring(stored({ thresholds: { age: 0.1 } }));
    expect(effective.features).toEqual([
      { name: 'age', threshold: 0.1 },
      { name: 'churned', threshold: 0.3 },
      { name: 'plan', threshold: 0.3 },
    ]);
    expect([effective.windowMs, effective.samplingPercentage, effective.minInstances]).toEqual([
      3_600_000, 1, 30,
    ]);
  });

  it('watches the features the signature takes by default, not a training file’s label column', () => {
    const signature = { inputs: [{ name: 'age' }, { name: 'plan' }] };
    expect(effectiveMonitoring(stored(), signature).features.map((f) => f.name)).toEqual(['age', 'plan']);
    // A signature naming none of them (or none yet): all of the baseline.
    expect(effectiveMonitoring(stored(), { inputs: [{ name: 'x' }] }).features).toHaveLength(3);
    // Named features win.
    expect(effectiveMonitoring(stored({ features: ['churned'] }), signature).features).toEqual([
      { name: 'churned', threshold: 0.3 },
    ]);
  });

  it('takes a list instance’s positions for a model with one input', () => {
    const one = signatureTakes({ inputs: [{ name: 'x' }] });
    expect(['[0]', 'x', 'x[3]', 'value', 'label'].map(one)).toEqual([true, true, true, true, false]);
    const two = signatureTakes({ inputs: [{ name: 'a' }, { name: 'b' }] });
    expect(['[0]', 'a', 'b.c', 'c'].map(two)).toEqual([false, true, true, false]);
  });
});

describe('webhookHostAllowed', () => {
  it('allows any host without a list, else a listed name on any port or a listed name:port', () => {
    expect(webhookHostAllowed('http://10.0.0.1/x', undefined)).toBe(true);
    const hosts = ['hooks.example.com', 'alerts.internal:8443'];
    expect(webhookHostAllowed('https://HOOKS.example.com:9000/a', hosts)).toBe(true);
    expect(webhookHostAllowed('https://alerts.internal:8443/a', hosts)).toBe(true);
    expect(webhookHostAllowed('https://alerts.internal/a', hosts)).toBe(false);
    expect(webhookHostAllowed('http://169.254.169.254/latest', hosts)).toBe(false);
    expect(webhookHostAllowed('not a url', hosts)).toBe(false);
  });
});
