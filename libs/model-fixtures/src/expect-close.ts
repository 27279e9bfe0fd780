/**
 * Compares predictions that hold float32 results: numbers match when
 * `|actual − expected| ≤ rtol · max(|expected|, 0.01)` (relative, with an absolute floor of `rtol / 100` near
 * zero, where float32 summation order dominates); everything else (strings, booleans, null, object keys,
 * array lengths) must be equal. Throws an Error naming the first mismatching path, e.g. `$[1].scaled[0]`.
 */
export function expectClose(actual: unknown, expected: unknown, rtol = 1e-4): void {
  const mismatch = findMismatch(actual, expected, rtol, '$');
  if (mismatch !== undefined) throw new Error(mismatch);
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

function findMismatch(actual: unknown, expected: unknown, rtol: number, path: string): string | undefined {
  if (typeof expected === 'number') {
    if (typeof actual !== 'number') return `${path}: expected number ${expected}, got ${show(actual)}`;
    if (Object.is(actual, expected)) return undefined;
    const tolerance = rtol * Math.max(Math.abs(expected), 0.01);
    if (Math.abs(actual - expected) <= tolerance) return undefined;
    return `${path}: expected ${expected} (±${tolerance.toPrecision(2)}), got ${actual}`;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path}: expected an array, got ${show(actual)}`;
    if (actual.length !== expected.length) {
      return `${path}: expected ${expected.length} items, got ${actual.length}`;
    }
    for (let i = 0; i < expected.length; i++) {
      const m = findMismatch(actual[i] as unknown, expected[i] as unknown, rtol, `${path}[${i}]`);
      if (m !== undefined) return m;
    }
    return undefined;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
      return `${path}: expected an object, got ${show(actual)}`;
    }
    const a = actual as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    const keys = new Set([...Object.keys(a), ...Object.keys(e)]);
    for (const key of [...keys].sort()) {
      if (!(key in e)) return `${path}.${key}: unexpected key (value ${show(a[key])})`;
      if (!(key in a)) return `${path}.${key}: missing (expected ${show(e[key])})`;
      const m = findMismatch(a[key], e[key], rtol, `${path}.${key}`);
      if (m !== undefined) return m;
    }
    return undefined;
  }
  return Object.is(actual, expected) ? undefined : `${path}: expected ${show(expected)}, got ${show(actual)}`;
}
