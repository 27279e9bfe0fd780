import {
  baselineStatistics,
  bucketIndex,
  featureDistance,
  jensenShannon,
  lInfinity,
  MAX_CATEGORIES,
  OTHER_CATEGORY,
  windowStatistics,
} from './feature-statistics';
import { featureValues } from './feature-values';

const instances = (values: unknown[]) => values.map(featureValues);

describe('featureValues', () => {
  it('names list positions, object keys and nested values; leaves out nulls and non-finite numbers', () => {
    expect([...featureValues([1, 'a', true, null])]).toEqual([
      ['[0]', 1],
      ['[1]', 'a'],
      ['[2]', 'true'],
    ]);
    expect([...featureValues({ x: [1, 2], address: { city: 'Oslo' }, gone: null })]).toEqual([
      ['x[0]', 1],
      ['x[1]', 2],
      ['address.city', 'Oslo'],
    ]);
    expect([...featureValues(3.5)]).toEqual([['value', 3.5]]);
  });
});

describe('bucketIndex', () => {
  it('puts a value in the first bucket whose bound is not below it', () => {
    const bounds = [0, 1, 2];
    expect([-5, 0, 0.5, 1, 1.5, 2, 9].map((v) => bucketIndex(bounds, v))).toEqual([0, 0, 1, 1, 2, 2, 3]);
  });
});

describe('baselineStatistics', () => {
  it('makes ten equal-width buckets between the smallest and largest numeric value', () => {
    const [stats] = baselineStatistics(instances([...Array.from({ length: 11 }, (_, i) => ({ x: i }))]));
    expect(stats!.kind).toBe('NUMERIC');
    expect(stats!.bounds).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(stats!.counts).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0]);
  });

  it('treats a feature with any non-number as categorical, and counts missing values', () => {
    const stats = baselineStatistics(instances([{ c: 'a', n: 1 }, { c: 2 }, { c: 'a' }]));
    expect(stats.map((s) => [s.name, s.kind, s.missing])).toEqual([
      ['c', 'CATEGORICAL', 0],
      ['n', 'NUMERIC', 2],
    ]);
    expect(stats[0]!.categories).toEqual({ a: 2, '2': 1 });
    expect(stats[1]!.bounds).toEqual([1]);
  });

  it('keeps a value named __proto__ as a category like any other', () => {
    const [stats] = baselineStatistics(instances([{ c: '__proto__' }, { c: 'x' }]));
    expect(Object.entries(stats!.categories)).toEqual([
      ['__proto__', 1],
      ['x', 1],
    ]);
  });

  it('counts values past the most kept categories as other', () => {
    const many = Array.from({ length: MAX_CATEGORIES + 5 }, (_, i) => ({ c: `v${i}` }));
    const [stats] = baselineStatistics(instances(many));
    expect(Object.keys(stats!.categories)).toHaveLength(MAX_CATEGORIES + 1);
    expect(stats!.categories[OTHER_CATEGORY]).toBe(5);
  });
});

describe('distances', () => {
  it('Jensen–Shannon is 0 for equal distributions, 1 for disjoint ones, and symmetric', () => {
    expect(jensenShannon([0.5, 0.5], [0.5, 0.5])).toBe(0);
    expect(jensenShannon([1, 0], [0, 1])).toBeCloseTo(1, 12);
    const p = [0.1, 0.4, 0.5];
    const q = [0.3, 0.3, 0.4];
    expect(jensenShannon(p, q)).toBeCloseTo(jensenShannon(q, p), 12);
    // By hand: m = [0.2, 0.35, 0.45].
    const kl = (a: number[], m: number[]) => a.reduce((sum, x, i) => sum + x * Math.log2(x / m[i]!), 0);
    const m = [0.2, 0.35, 0.45];
    expect(jensenShannon(p, q)).toBeCloseTo(0.5 * kl(p, m) + 0.5 * kl(q, m), 12);
  });

  it('L-infinity is the largest difference of one category’s frequency', () => {
    const p = new Map([
      ['a', 0.7],
      ['b', 0.3],
    ]);
    const q = new Map([
      ['a', 0.5],
      ['c', 0.5],
    ]);
    expect(lInfinity(p, q)).toBeCloseTo(0.5, 12);
  });

  it('measures a window in the baseline’s buckets: the same data is 0 apart, a shifted one far', () => {
    const values = Array.from({ length: 100 }, (_, i) => ({
      x: i / 10,
      plan: i % 4 === 0 ? 'paid' : 'free',
    }));
    const baseline = baselineStatistics(instances(values));
    const same = windowStatistics(instances(values), baseline);
    expect(same.map((s, i) => featureDistance(baseline[i]!, s))).toEqual([0, 0]);
    const shifted = windowStatistics(instances(values.map((v) => ({ x: v.x + 20, plan: 'paid' }))), baseline);
    const [plan, x] = shifted.map((s, i) => featureDistance(baseline[i]!, s)!);
    expect(x).toBeCloseTo(1, 12);
    expect(plan).toBeCloseTo(0.75, 12);
    expect(shifted[1]!.counts.at(-1)).toBe(100);
  });

  it('is undefined when a window has no values, and counts values of the wrong kind as missing', () => {
    const baseline = baselineStatistics(instances([{ x: 1 }, { x: 2 }]));
    const window = windowStatistics(instances([{ x: 'one' }, {}]), baseline);
    expect(window[0]!.missing).toBe(2);
    expect(featureDistance(baseline[0]!, window[0]!)).toBeUndefined();
  });
});
