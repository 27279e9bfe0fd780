/**
 * Histogram bucket boundaries in seconds for request latencies: 100 µs (a tiny ONNX model) to 60 s (the
 * default predict deadline), about three buckets per decade.
 */
export const LATENCY_BUCKETS_S: readonly number[] = [
  0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60,
];

/** Boundaries in seconds for start-up times (model loads, cold starts): 10 ms to 10 minutes. */
export const STARTUP_BUCKETS_S: readonly number[] = [
  0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300, 600,
];
