import type { Tensor, TensorSpec } from '@presage/runtimes';
import { showShape } from './instances-error';

/**
 * Model outputs as AI Platform predictions, one per instance: with one output (and no pass-through
 * keys) the output's value; otherwise an object keyed by output name plus the instance's pass-through
 * keys. Throws when an output has no batch dimension of `batchSize`.
 */
export function tensorsToPredictions(
  outputs: Record<string, Tensor>,
  specs: readonly TensorSpec[],
  batchSize: number,
  passThrough: readonly (Record<string, unknown> | undefined)[] = [],
): unknown[] {
  const perOutput = specs.map((spec) => {
    const tensor = outputs[spec.name];
    if (!tensor) throw new Error(`the model returned no output '${spec.name}'`);
    return splitBatch(spec.name, tensor, batchSize);
  });
  const predictions: unknown[] = [];
  for (let i = 0; i < batchSize; i++) {
    const extra = passThrough[i];
    if (specs.length === 1 && !extra) {
      predictions.push(perOutput[0]![i]);
      continue;
    }
    const prediction: Record<string, unknown> = { ...extra };
    specs.forEach((spec, k) => (prediction[spec.name] = perOutput[k]![i]));
    predictions.push(prediction);
  }
  return predictions;
}

/** One JSON value per instance of a [batch, ...] tensor. */
function splitBatch(name: string, tensor: Tensor, batchSize: number): unknown[] {
  if (tensor.shape[0] !== batchSize) {
    throw new Error(
      `output '${name}' has shape ${showShape(tensor.shape)}, whose first dimension is not the batch size ${batchSize}`,
    );
  }
  const toJson = elementConverter(name, tensor);
  const rest = tensor.shape.slice(1);
  const size = rest.reduce((product, dim) => product * dim, 1);
  const values: unknown[] = [];
  for (let i = 0; i < batchSize; i++) values.push(nest(tensor.data, i * size, rest, 0, toJson).value);
  return values;
}

type ElementToJson = (data: Tensor['data'], index: number) => unknown;

function nest(
  data: Tensor['data'],
  offset: number,
  shape: readonly number[],
  axis: number,
  toJson: ElementToJson,
): { value: unknown; next: number } {
  if (axis === shape.length) return { value: toJson(data, offset), next: offset + 1 };
  const list: unknown[] = [];
  let next = offset;
  for (let k = 0; k < shape[axis]!; k++) {
    const item = nest(data, next, shape, axis + 1, toJson);
    list.push(item.value);
    next = item.next;
  }
  return { value: list, next };
}

function elementConverter(name: string, tensor: Tensor): ElementToJson {
  switch (tensor.dtype) {
    case 'float32':
      return (data, i) => float32Json((data as Float32Array)[i]!);
    case 'float64':
      return (data, i) => finiteOrName((data as Float64Array)[i]!);
    case 'float16':
      return (data, i) => float32Json(halfToFloat((data as Uint16Array)[i]!));
    case 'int64':
    case 'uint64':
      return (data, i) => bigIntJson((data as BigInt64Array | BigUint64Array)[i]!);
    case 'bool':
      return (data, i) => (data as Uint8Array)[i] !== 0;
    case 'string':
      return name.endsWith('_bytes')
        ? (data, i) => ({ b64: Buffer.from((data as string[])[i]!, 'utf8').toString('base64') })
        : (data, i) => (data as string[])[i];
    default:
      return (data, i) => (data as Int32Array)[i];
  }
}

/** The shortest decimal that reads back as the same float32 (0.1f → 0.1, not 0.10000000149011612). */
export function float32Json(value: number): number | string {
  if (!Number.isFinite(value)) return finiteOrName(value);
  // The fewest of 6 to 9 significant digits that read back as the value (9 always do); most float32
  // values need 7 or 8, so the search starts in the middle: two conversions instead of up to four.
  const p7 = Number(value.toPrecision(7));
  if (Math.fround(p7) === value) {
    const p6 = Number(value.toPrecision(6));
    return Math.fround(p6) === value ? p6 : p7;
  }
  const p8 = Number(value.toPrecision(8));
  return Math.fround(p8) === value ? p8 : Number(value.toPrecision(9));
}

/** JSON has no NaN or infinities: they become the strings "NaN", "Infinity", "-Infinity" (as in proto3 JSON). */
function finiteOrName(value: number): number | string {
  return Number.isFinite(value) ? value : String(value);
}

/** int64 as a JSON number when it is exact, else as a decimal string. */
function bigIntJson(value: bigint): number | string {
  return value >= MIN_SAFE && value <= MAX_SAFE ? Number(value) : value.toString();
}

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function halfToFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}
