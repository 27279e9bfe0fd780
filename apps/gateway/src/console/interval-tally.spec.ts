import { IntervalTally } from './interval-tally';

describe('IntervalTally', () => {
  it('counts answers and non-2xx errors, and starts afresh after each drain', () => {
    const tally = new IntervalTally();
    tally.record(200, 0.01);
    tally.record(204, 0.01);
    tally.record(400, 0.01);
    tally.record(503, 0.01);
    expect(tally.drain()).toMatchObject({ answered: 4, errors: 2 });
    expect(tally.drain()).toMatchObject({ answered: 0, errors: 0, p50Ms: NaN, p99Ms: NaN });
  });

  it('gives exact nearest-rank percentiles in milliseconds while the reservoir holds every answer', () => {
    const tally = new IntervalTally(1024);
    // 1 ms … 100 ms, shuffled.
    const latencies = Array.from({ length: 100 }, (_, i) => (i + 1) / 1000).sort(() => Math.random() - 0.5);
    for (const seconds of latencies) tally.record(200, seconds);
    const summary = tally.drain();
    expect(summary.p50Ms).toBeCloseTo(50);
    expect(summary.p95Ms).toBeCloseTo(95);
    expect(summary.p99Ms).toBeCloseTo(99);
  });

  it('keeps a uniform sample beyond its size, so percentiles stay close', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const tally = new IntervalTally(256, random);
    for (let i = 0; i < 20_000; i++) tally.record(200, (i % 1000) / 1000);
    const summary = tally.drain();
    expect(summary.answered).toBe(20_000);
    expect(summary.p50Ms).toBeGreaterThan(400);
    expect(summary.p50Ms).toBeLessThan(600);
    expect(summary.p99Ms).toBeGreaterThan(950);
  });
});
