import { SeriesRing } from './series-ring';
import type { SeriesPoint } from './series-ring';

const point = (t: number, overrides: Partial<SeriesPoint> = {}): SeriesPoint => ({
  t,
  requestsPerSecond: t / 10,
  errorRate: 0,
  p50Ms: 1,
  p95Ms: 2,
  p99Ms: 3,
  replicas: 1,
  ...overrides,
});

describe('SeriesRing', () => {
  it('answers the points kept, oldest first, as columns', () => {
    const ring = new SeriesRing(4);
    ring.push(point(10));
    ring.push(point(20, { errorRate: 0.5, replicas: 2 }));
    expect(ring.since(-Infinity)).toEqual({
      t: [10, 20],
      requestsPerSecond: [1, 2],
      errorRate: [0, 0.5],
      p50Ms: [1, 1],
      p95Ms: [2, 2],
      p99Ms: [3, 3],
      replicas: [1, 2],
    });
  });

  it('overwrites the oldest points once full, and never holds more than its capacity', () => {
    const ring = new SeriesRing(3);
    for (const t of [10, 20, 30, 40, 50]) ring.push(point(t));
    expect(ring.size).toBe(3);
    expect(ring.since(-Infinity).t).toEqual([30, 40, 50]);
    expect(ring.since(-Infinity).requestsPerSecond).toEqual([3, 4, 5]);
    expect(ring.last()?.t).toBe(50);
  });

  it('answers only the points after `since`', () => {
    const ring = new SeriesRing(5);
    for (const t of [10, 20, 30, 40]) ring.push(point(t));
    expect(ring.since(20).t).toEqual([30, 40]);
    expect(ring.since(40).t).toEqual([]);
  });

  it('keeps NaN for intervals without answers (JSON: null)', () => {
    const ring = new SeriesRing(2);
    ring.push(point(10, { p50Ms: NaN, errorRate: NaN }));
    expect(JSON.parse(JSON.stringify(ring.since(0)))).toMatchObject({ p50Ms: [null], errorRate: [null] });
  });

  it('is empty before the first point, and refuses a capacity below one', () => {
    expect(new SeriesRing(2).since(-Infinity).t).toEqual([]);
    expect(new SeriesRing(2).last()).toBeUndefined();
    expect(() => new SeriesRing(0)).toThrow(RangeError);
  });
});
