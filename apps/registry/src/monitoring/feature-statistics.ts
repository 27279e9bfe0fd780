import type { FeatureValue } from './feature-values';

export type FeatureKind = 'NUMERIC' | 'CATEGORICAL';

/** The distribution of one feature: a histogram (numeric) or value counts (categorical). */
export interface FeatureStats {
  name: string;
  kind: FeatureKind;
  /** NUMERIC: ascending bounds; bucket i holds values in (bounds[i-1], bounds[i]], the last those above. */
  bounds: number[];
  /** NUMERIC: values per bucket, bounds.length + 1 of them. */
  counts: number[];
  /** CATEGORICAL: value → times seen. */
  categories: Record<string, number>;
  /** Instances without this feature (or, in a window, with a value of the other kind). */
  missing: number;
}

/** Equal-width buckets between a numeric baseline feature's smallest and largest value. */
export const NUMERIC_BUCKETS = 10;
/** Distinct values kept per categorical feature; the rest are counted under OTHER_CATEGORY. */
export const MAX_CATEGORIES = 1_000;
export const OTHER_CATEGORY = '(other)';

/**
 * The baseline's statistics: one entry per feature seen (or per feature in `only`), numeric when every
 * value of it is a number, categorical otherwise.
 */
export function baselineStatistics(
  instances: Iterable<ReadonlyMap<string, FeatureValue>>,
  only?: readonly string[],
): FeatureStats[] {
  const values = new Map<string, FeatureValue[]>();
  let total = 0;
  for (const instance of instances) {
    total++;
    for (const [name, value] of instance) {
      if (only && !only.includes(name)) continue;
      let list = values.get(name);
      if (!list) values.set(name, (list = []));
      list.push(value);
    }
  }
  const stats: FeatureStats[] = [];
  for (const [name, list] of [...values].sort(([a], [b]) => a.localeCompare(b))) {
    const missing = total - list.length;
    if (list.every((value) => typeof value === 'number')) {
      const bounds = equalWidthBounds(list);
      const counts = new Array<number>(bounds.length + 1).fill(0);
      for (const value of list) counts[bucketIndex(bounds, value)]!++;
      stats.push({ name, kind: 'NUMERIC', bounds, counts, categories: {}, missing });
    } else {
      const categories = new Map<string, number>();
      for (const value of list) countCategory(categories, String(value));
      stats.push({
        name,
        kind: 'CATEGORICAL',
        bounds: [],
        counts: [],
        categories: Object.fromEntries(categories),
        missing,
      });
    }
  }
  return stats;
}

/** A window's statistics of the baseline's features, in the baseline's buckets. */
export function windowStatistics(
  instances: Iterable<ReadonlyMap<string, FeatureValue>>,
  baseline: readonly FeatureStats[],
): FeatureStats[] {
  const stats = baseline.map((feature) => ({
    name: feature.name,
    kind: feature.kind,
    bounds: feature.bounds,
    counts: feature.kind === 'NUMERIC' ? new Array<number>(feature.bounds.length + 1).fill(0) : [],
    seen: new Map<string, number>(),
    missing: 0,
  }));
  for (const instance of instances) {
    for (const feature of stats) {
      const value = instance.get(feature.name);
      if (value === undefined) feature.missing++;
      else if (feature.kind === 'CATEGORICAL') countCategory(feature.seen, String(value));
      else if (typeof value === 'number') feature.counts[bucketIndex(feature.bounds, value)]!++;
      else feature.missing++;
    }
  }
  return stats.map(({ seen, ...feature }) => ({ ...feature, categories: Object.fromEntries(seen) }));
}

/** Values counted in a feature's statistics (missing ones aside). */
export function valueCount(stats: FeatureStats): number {
  return stats.kind === 'NUMERIC'
    ? stats.counts.reduce((sum, count) => sum + count, 0)
    : Object.values(stats.categories).reduce((sum, count) => sum + count, 0);
}

/**
 * The distance between two distributions of one feature: the Jensen–Shannon divergence (base 2, so 0 to
 * 1) of numeric histograms over the same buckets, the L-infinity distance of categorical frequencies.
 * Undefined when either has no values.
 */
export function featureDistance(from: FeatureStats, to: FeatureStats): number | undefined {
  if (valueCount(from) === 0 || valueCount(to) === 0) return undefined;
  if (from.kind === 'NUMERIC' && to.kind === 'NUMERIC') {
    return jensenShannon(normalize(from.counts), normalize(to.counts));
  }
  return lInfinity(frequencies(from.categories), frequencies(to.categories));
}

export function jensenShannon(p: readonly number[], q: readonly number[]): number {
  let divergence = 0;
  for (let i = 0; i < Math.max(p.length, q.length); i++) {
    const a = p[i] ?? 0;
    const b = q[i] ?? 0;
    const m = (a + b) / 2;
    if (a > 0) divergence += 0.5 * a * Math.log2(a / m);
    if (b > 0) divergence += 0.5 * b * Math.log2(b / m);
  }
  // Rounding can leave a hair below 0 or above 1.
  return Math.min(1, Math.max(0, divergence));
}

export function lInfinity(p: ReadonlyMap<string, number>, q: ReadonlyMap<string, number>): number {
  let distance = 0;
  for (const key of new Set([...p.keys(), ...q.keys()])) {
    distance = Math.max(distance, Math.abs((p.get(key) ?? 0) - (q.get(key) ?? 0)));
  }
  return distance;
}

/** The bucket of `value`: the first i with value ≤ bounds[i], or bounds.length above them all. */
export function bucketIndex(bounds: readonly number[], value: number): number {
  let low = 0;
  let high = bounds.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (value <= bounds[middle]!) high = middle;
    else low = middle + 1;
  }
  return low;
}

function equalWidthBounds(values: readonly number[]): number[] {
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  if (min === max) return [min];
  const width = (max - min) / NUMERIC_BUCKETS;
  const bounds = Array.from({ length: NUMERIC_BUCKETS }, (_, i) => min + i * width);
  bounds.push(max);
  return bounds;
}

function countCategory(categories: Map<string, number>, value: string): void {
  const key = categories.has(value) || categories.size < MAX_CATEGORIES ? value : OTHER_CATEGORY;
  categories.set(key, (categories.get(key) ?? 0) + 1);
}

function normalize(counts: readonly number[]): number[] {
  const total = counts.reduce((sum, count) => sum + count, 0);
  return counts.map((count) => count / total);
}

function frequencies(categories: Readonly<Record<string, number>>): Map<string, number> {
  const entries = Object.entries(categories);
  const total = entries.reduce((sum, [, count]) => sum + count, 0);
  return new Map(entries.map(([key, count]) => [key, count / total]));
}
