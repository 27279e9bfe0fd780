import type { GraphSpec } from './onnx-graph';

/** One fixture: how to build its graph, the sample instances, and the reference computation. */
export interface FixtureDefinition {
  graph(): GraphSpec;
  instances: unknown[];
  /** The prediction for one instance, computed in plain TypeScript (never with onnxruntime). */
  predict(instance: unknown): unknown;
}

/** Reads an instance that must be a list of `length` finite numbers. */
export function numberList(value: unknown, length: number, what: string): number[] {
  if (
    !Array.isArray(value) ||
    value.length !== length ||
    !value.every((v) => typeof v === 'number' && Number.isFinite(v))
  ) {
    throw new Error(`${what} must be a list of ${length} numbers, got ${JSON.stringify(value)}`);
  }
  return value as number[];
}

/** Reads an object instance. */
export function objectInstance(value: unknown, what: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`${what} must be an object, got ${JSON.stringify(value)}`);
  }
  return value as Record<string, unknown>;
}

/**
 * y = x·W + b for one row, as ORT's float32 MatMul + Add would give it: inputs and weights are float32,
 * the dot product is accumulated in float64 and the result rounded once to float32 (ORT's float32
 * accumulation differs by a few ulps: compare with `expectClose`).
 */
export function dense(
  x: ArrayLike<number>,
  w: ArrayLike<number>,
  b: ArrayLike<number>,
  outSize: number,
): number[] {
  const out = new Array<number>(outSize);
  for (let j = 0; j < outSize; j++) out[j] = b[j] ?? 0;
  for (let i = 0; i < x.length; i++) {
    const xi = Math.fround(x[i] ?? 0);
    if (xi === 0) continue;
    const row = i * outSize;
    for (let j = 0; j < outSize; j++) out[j] = (out[j] ?? 0) + xi * (w[row + j] ?? 0);
  }
  return out.map(Math.fround);
}
