/** What one version's predictions looked like over one sampling interval. */
export interface IntervalSummary {
  answered: number;
  /** Answers whose status was not 2xx. */
  errors: number;
  /** Latency percentiles in milliseconds; NaN when nothing was answered. */
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

/** Latencies kept per interval: below this many answers the percentiles are exact. @default 1024 */
export const RESERVOIR_SIZE = 1024;

/**
 * Counts one version's answers between two samples and keeps a uniform random sample of their latencies
 * (Vitter's algorithm R) in a fixed array: recording an answer is two increments and at most one store,
 * whatever the traffic, and the percentiles are exact up to `size` answers an interval.
 */
export class IntervalTally {
  private readonly latencies: Float64Array;
  private answered = 0;
  private errors = 0;

  constructor(
    private readonly size = RESERVOIR_SIZE,
    private readonly random: () => number = Math.random,
  ) {
    this.latencies = new Float64Array(size);
  }

  record(status: number, seconds: number): void {
    const n = this.answered++;
    if (status < 200 || status > 299) this.errors++;
    if (n < this.size) this.latencies[n] = seconds;
    else {
      const j = Math.floor(this.random() * (n + 1));
      if (j < this.size) this.latencies[j] = seconds;
    }
  }

  /** The interval's summary; starts the next interval. */
  drain(): IntervalSummary {
    const kept = this.latencies.slice(0, Math.min(this.answered, this.size)).sort();
    const summary: IntervalSummary = {
      answered: this.answered,
      errors: this.errors,
      p50Ms: percentileMs(kept, 0.5),
      p95Ms: percentileMs(kept, 0.95),
      p99Ms: percentileMs(kept, 0.99),
    };
    this.answered = 0;
    this.errors = 0;
    return summary;
  }
}

/** The nearest-rank percentile of sorted seconds, in milliseconds; NaN for none. */
export function percentileMs(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1]! * 1000;
}
