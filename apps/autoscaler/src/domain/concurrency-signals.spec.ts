import type { DecodedMetric, DecodedResourceMetrics, Temporality } from '../otlp/otlp-decoder';
import { CONCURRENCY_TIME, IN_FLIGHT, QUEUED, SignalStore } from './concurrency-signals';

const V = 'projects/p/models/m/versions/v';
const ns = (ms: number) => BigInt(ms) * 1_000_000n;

function sum(
  name: string,
  points: { value: number; atMs: number; startMs?: number; version?: string }[],
  temporality: Temporality = 'cumulative',
): DecodedMetric {
  return {
    name,
    kind: 'sum',
    monotonic: name === CONCURRENCY_TIME,
    temporality,
    points: points.map((p) => ({
      attributes: { 'presage.version': p.version ?? V },
      startTimeUnixNano: ns(p.startMs ?? 0),
      timeUnixNano: ns(p.atMs),
      value: p.value,
    })),
  };
}

function from(instance: string, ...metrics: DecodedMetric[]): DecodedResourceMetrics[] {
  return [{ resource: { 'service.instance.id': instance }, metrics }];
}

describe('the signal store', () => {
  it('turns consecutive cumulative concurrency.time points into mean concurrency, summed over gateways', () => {
    const store = new SignalStore();
    store.ingest(1000, from('a', sum(CONCURRENCY_TIME, [{ value: 10, atMs: 1000 }])));
    // One point is not a rate yet.
    expect(store.concurrency(V, 1000)).toBe(0);
    const result = store.ingest(2000, from('a', sum(CONCURRENCY_TIME, [{ value: 13, atMs: 2000 }])));
    expect(result).toEqual({ versions: new Set([V]), rejectedPoints: 0, message: '' });
    expect(store.concurrency(V, 2000)).toBeCloseTo(3);
    store.ingest(2100, from('b', sum(CONCURRENCY_TIME, [{ value: 0, atMs: 1100 }])));
    store.ingest(2600, from('b', sum(CONCURRENCY_TIME, [{ value: 2.5, atMs: 1600 }]))); // its own clock
    expect(store.concurrency(V, 2600)).toBeCloseTo(8);
  });

  it('starts a new series when the start time changes or the sum goes down, and ignores repeats', () => {
    const store = new SignalStore();
    const point = (value: number, atMs: number, startMs = 0) =>
      store.ingest(atMs, from('a', sum(CONCURRENCY_TIME, [{ value, atMs, startMs }])));
    point(100, 1000);
    point(104, 2000);
    expect(store.concurrency(V, 2000)).toBeCloseTo(4);
    point(104, 2000); // an export retried
    point(103, 1500); // older
    expect(store.concurrency(V, 2000)).toBeCloseTo(4);
    point(1, 3000, 2500); // the gateway restarted: no negative rate, no rate at all until the next point
    expect(store.concurrency(V, 3000)).toBe(0);
    point(3, 4000, 2500);
    expect(store.concurrency(V, 4000)).toBeCloseTo(2);
    point(0.5, 5000, 2500); // a reset without a new start time
    point(1.5, 6000, 2500);
    expect(store.concurrency(V, 6000)).toBeCloseTo(1);
  });

  it('falls back to in_flight + queued for a gateway without concurrency.time', () => {
    const store = new SignalStore();
    store.ingest(
      1000,
      from('old', sum(IN_FLIGHT, [{ value: 3, atMs: 1000 }]), sum(QUEUED, [{ value: 2, atMs: 1000 }])),
    );
    store.ingest(1000, from('new', sum(CONCURRENCY_TIME, [{ value: 0, atMs: 0 }])));
    store.ingest(
      1000,
      from(
        'new',
        sum(CONCURRENCY_TIME, [{ value: 1, atMs: 1000 }]),
        sum(IN_FLIGHT, [{ value: 9, atMs: 1000 }]),
      ),
    );
    // old: 3 + 2 point values; new: its rate (1), its in_flight not counted twice.
    expect(store.concurrency(V, 1000)).toBeCloseTo(6);
    // A negative UpDownCounter reading (a gateway bug) counts as zero.
    store.ingest(1500, from('old', sum(QUEUED, [{ value: -4, atMs: 1500 }])));
    expect(store.concurrency(V, 1500)).toBeCloseTo(4);
  });

  it('takes delta temporality as the integral over each point by itself', () => {
    const store = new SignalStore();
    store.ingest(2000, from('a', sum(CONCURRENCY_TIME, [{ value: 6, atMs: 2000, startMs: 0 }], 'delta')));
    expect(store.concurrency(V, 2000)).toBeCloseTo(3);
  });

  it('drops gateways that stop reporting after a few intervals', () => {
    const store = new SignalStore({ staleAfterMs: 3000 });
    for (let t = 0; t <= 10_000; t += 1000) {
      store.ingest(t, from('steady', sum(CONCURRENCY_TIME, [{ value: t / 1000, atMs: t }])));
      if (t <= 4000)
        store.ingest(t, from('gone', sum(CONCURRENCY_TIME, [{ value: (2 * t) / 1000, atMs: t }])));
    }
    expect(store.concurrency(V, 4000)).toBeCloseTo(3);
    expect(store.concurrency(V, 10_000)).toBeCloseTo(1);
    expect(store.sweep(10_000)).toEqual(new Set([V]));
    expect(store.sweep(10_000)).toEqual(new Set());
    // A gateway exporting every 10 s is not dropped between its exports.
    const slow = new SignalStore({ staleAfterMs: 3000 });
    for (const t of [0, 10_000, 20_000])
      slow.ingest(t, from('slow', sum(CONCURRENCY_TIME, [{ value: t / 1000, atMs: t }])));
    expect(slow.concurrency(V, 28_000)).toBeCloseTo(1);
  });

  it('rejects points without a valid presage.version, non-finite values and series beyond the limit', () => {
    const store = new SignalStore({ maxSeries: 2 });
    const result = store.ingest(
      0,
      from(
        'a',
        sum(CONCURRENCY_TIME, [
          { value: 1, atMs: 0, version: 'not-a-version' },
          { value: Number.NaN, atMs: 0 },
          { value: 1, atMs: 0, version: 'projects/p/models/m/versions/one' },
          { value: 1, atMs: 0, version: 'projects/p/models/m/versions/two' },
          { value: 1, atMs: 0, version: 'projects/p/models/m/versions/three' },
        ]),
        { name: 'unrelated.metric', kind: 'other', monotonic: false, temporality: 'unspecified', points: [] },
      ),
    );
    expect(result.rejectedPoints).toBe(3);
    expect(result.message).toMatch(/presage\.version/);
    expect(result.message).toMatch(/finite/);
    expect(result.message).toMatch(/more than 2 series/);
    expect(result.versions).toEqual(
      new Set(['projects/p/models/m/versions/one', 'projects/p/models/m/versions/two']),
    );
  });
});
