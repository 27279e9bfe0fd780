import { TrafficSplit, bucketOf } from './traffic-split';

const MODEL = 'projects/p/models/m';
const name = (id: string) => `${MODEL}/versions/${id}`;

describe('TrafficSplit', () => {
  it('is undefined when it sends nothing anywhere (the default version serves)', () => {
    expect(TrafficSplit.of(MODEL, {})).toBeUndefined();
    expect(TrafficSplit.of(MODEL, { v1: 0 })).toBeUndefined();
  });

  it('shares random picks by weight: 90/10 over 20 000 picks lands within a point', () => {
    const split = TrafficSplit.of(MODEL, { v2: 10, v1: 90 })!;
    let v1 = 0;
    for (let i = 0; i < 20_000; i++) if (split.pick() === name('v1')) v1++;
    expect(Math.abs(v1 / 200 - 90)).toBeLessThan(1);
  });

  it('sends one routing key to one version, the same in every gateway, while the split is unchanged', () => {
    const here = TrafficSplit.of(MODEL, { v1: 50, v2: 50 })!;
    const elsewhere = TrafficSplit.of(MODEL, { v2: 50, v1: 50 })!;
    for (const key of ['alice', 'bob', 'carol', 'user-42']) {
      const first = here.pick(key);
      for (let i = 0; i < 20; i++) expect(here.pick(key)).toBe(first);
      expect(elsewhere.pick(key)).toBe(first);
    }
  });

  it('spreads routing keys by weight', () => {
    const split = TrafficSplit.of(MODEL, { v1: 90, v2: 10 })!;
    let v1 = 0;
    for (let i = 0; i < 10_000; i++) if (split.pick(`caller-${i}`) === name('v1')) v1++;
    expect(Math.abs(v1 / 100 - 90)).toBeLessThan(1.5);
  });

  it('always picks the only version of a one-version split', () => {
    const split = TrafficSplit.of(MODEL, { v7: 100 })!;
    expect([split.pick(), split.pick('k')]).toEqual([name('v7'), name('v7')]);
  });
});

describe('bucketOf', () => {
  it('is stable and in [0, 10 000)', () => {
    expect(bucketOf('alice')).toBe(bucketOf('alice'));
    for (const key of ['', 'a', 'b', 'x'.repeat(1000), 'é✓']) {
      expect(bucketOf(key)).toBeGreaterThanOrEqual(0);
      expect(bucketOf(key)).toBeLessThan(10_000);
    }
  });
});
