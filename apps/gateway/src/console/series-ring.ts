/** One sample of a version's traffic over one sampling interval. */
export interface SeriesPoint {
  /** The end of the interval, in milliseconds since the epoch. */
  t: number;
  /** Predictions answered per second over the interval. */
  requestsPerSecond: number;
  /** Answers that were not 2xx, as a share of all answers; NaN when nothing was answered. */
  errorRate: number;
  /** Latency percentiles in milliseconds; NaN when nothing was answered. */
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Ready replicas at the end of the interval. */
  replicas: number;
}

/** The fields of a point besides its time, in the order the ring keeps their columns. */
export const SERIES_FIELDS = [
  'requestsPerSecond',
  'errorRate',
  'p50Ms',
  'p95Ms',
  'p99Ms',
  'replicas',
] as const;
export type SeriesField = (typeof SERIES_FIELDS)[number];

/** A stretch of points as columns (uPlot's data layout): `t[i]` goes with every other column's `[i]`. */
export type SeriesColumns = { t: number[] } & Record<SeriesField, number[]>;

/**
 * The last `capacity` points of one version, oldest overwritten first. Columns are preallocated typed
 * arrays, so pushing a point allocates nothing and the memory of a ring never grows.
 */
export class SeriesRing {
  private readonly times: Float64Array;
  private readonly columns: Float64Array[];
  /** Where the next point goes. */
  private next = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`capacity must be ≥ 1: ${capacity}`);
    this.times = new Float64Array(capacity);
    this.columns = SERIES_FIELDS.map(() => new Float64Array(capacity));
  }

  get size(): number {
    return this.count;
  }

  push(point: SeriesPoint): void {
    this.times[this.next] = point.t;
    SERIES_FIELDS.forEach((field, i) => (this.columns[i]![this.next] = point[field]));
    this.next = (this.next + 1) % this.capacity;
    this.count = Math.min(this.count + 1, this.capacity);
  }

  /** The points with `t > since`, oldest first. */
  since(since: number): SeriesColumns {
    const out = emptyColumns();
    const first = (this.next - this.count + this.capacity) % this.capacity;
    for (let k = 0; k < this.count; k++) {
      const i = (first + k) % this.capacity;
      if (this.times[i]! <= since) continue;
      out.t.push(this.times[i]!);
      SERIES_FIELDS.forEach((field, c) => out[field].push(this.columns[c]![i]!));
    }
    return out;
  }

  /** The newest point, if any. */
  last(): SeriesPoint | undefined {
    if (this.count === 0) return undefined;
    const i = (this.next - 1 + this.capacity) % this.capacity;
    const point = { t: this.times[i]! } as SeriesPoint;
    SERIES_FIELDS.forEach((field, c) => (point[field] = this.columns[c]![i]!));
    return point;
  }
}

export function emptyColumns(): SeriesColumns {
  const columns = { t: [] as number[] } as SeriesColumns;
  for (const field of SERIES_FIELDS) columns[field] = [];
  return columns;
}
