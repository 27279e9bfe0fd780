import { ApiError } from '@presage/errors';
import type { DatatypeInfo } from './datatypes';
import { infoOfDtype, invalid } from './datatypes';
import type { SignatureTensor } from './instances-body';
import { listTensors } from './instances-body';
import { isLittleEndianHost, swapBytes } from './input-tensors';

/**
 * One output of an inference: its signature datatype, the batch's shape and its elements row-major as
 * the predictor wrote them in JSON (numbers; "NaN"/"Infinity" for non-finite floats; decimal strings
 * for 64-bit integers beyond ±2^53; booleans; strings or `{"b64"}` for string tensors).
 */
export interface OutputTensor {
  name: string;
  info: DatatypeInfo;
  shape: number[];
  values: unknown[];
}

/** The outputs asked for (all when none are), checked against the signature. */
export function selectOutputs(
  requested: readonly string[],
  specs: readonly SignatureTensor[],
): SignatureTensor[] {
  const wanted =
    requested.length === 0
      ? [...specs]
      : requested.map((name) => {
          const spec = specs.find((candidate) => candidate.name === name);
          if (!spec) throw invalid(`unknown output '${name}'; the model's outputs are ${listTensors(specs)}`);
          return spec;
        });
  for (const spec of wanted) {
    if (!infoOfDtype(spec.dtype)) {
      throw invalid(`output '${spec.name}' is ${spec.dtype}, which the v2 endpoint cannot carry yet`);
    }
  }
  return wanted;
}

/**
 * The predictor's AI Platform predictions (one per row: the output's value for a single-output model,
 * else an object keyed by output name) as the wanted outputs' tensors.
 */
export function predictionsToOutputs(
  predictions: unknown,
  specs: readonly SignatureTensor[],
  wanted: readonly SignatureTensor[],
  batchSize: number,
): OutputTensor[] {
  if (!Array.isArray(predictions) || predictions.length !== batchSize) {
    throw ApiError.internal(`the replica answered ${describeCount(predictions)} for ${batchSize} rows`);
  }
  return wanted.map((spec) => {
    const single = specs.length === 1;
    const rowShape = shapeOf(rowValue(predictions[0], spec.name, single));
    const values: unknown[] = [];
    for (const prediction of predictions) collect(rowValue(prediction, spec.name, single), values);
    const shape = [batchSize, ...rowShape];
    if (values.length !== batchSize * rowShape.reduce((product, dim) => product * dim, 1)) {
      throw ApiError.internal(`the replica's output '${spec.name}' is ragged`);
    }
    return { name: spec.name, info: infoOfDtype(spec.dtype)!, shape, values };
  });
}

function rowValue(prediction: unknown, name: string, single: boolean): unknown {
  if (single && !isKeyedRow(prediction, name)) return prediction;
  return (prediction as Record<string, unknown>)[name];
}

function isKeyedRow(prediction: unknown, name: string): boolean {
  return (
    typeof prediction === 'object' && prediction !== null && !Array.isArray(prediction) && name in prediction
  );
}

function shapeOf(value: unknown): number[] {
  const shape: number[] = [];
  let at = value;
  while (Array.isArray(at)) {
    shape.push(at.length);
    at = at[0];
  }
  return shape;
}

function collect(value: unknown, values: unknown[]): void {
  if (!Array.isArray(value)) {
    values.push(value);
    return;
  }
  for (const item of value) collect(item, values);
}

function describeCount(predictions: unknown): string {
  return Array.isArray(predictions) ? `${predictions.length} predictions` : 'no predictions list';
}

/** The REST `$response_output` object as JSON text, values written per datatype. */
export function outputJson(output: OutputTensor): string {
  const write = jsonWriter(output.info);
  let data = '';
  for (let i = 0; i < output.values.length; i++)
    data += i > 0 ? `,${write(output.values[i])}` : write(output.values[i]);
  return `{"name":${JSON.stringify(output.name)},"datatype":"${output.info.datatype}","shape":[${output.shape.join(',')}],"data":[${data}]}`;
}

function jsonWriter(info: DatatypeInfo): (value: unknown) => string {
  switch (info.datatype) {
    case 'INT64':
    case 'UINT64':
      // Beyond ±2^53 the predictor writes decimal strings: JSON numbers of any size are valid JSON.
      return (value) => (typeof value === 'string' && /^-?\d+$/.test(value) ? value : JSON.stringify(value));
    case 'BOOL':
      return (value) => (value ? 'true' : 'false');
    case 'BYTES':
      return (value) => JSON.stringify(bytesOf(value).toString('utf8'));
    default:
      return (value) => JSON.stringify(value);
  }
}

/** A string element's bytes: UTF-8 of a string, or the bytes of `{"b64"}` (outputs named `*_bytes`). */
function bytesOf(value: unknown): Buffer {
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  const b64 = (value as { b64?: unknown } | null)?.b64;
  return Buffer.from(
    typeof b64 === 'string' ? b64 : String(value),
    typeof b64 === 'string' ? 'base64' : 'utf8',
  );
}

/** The gRPC InferTensorContents of an output: its values in the field of its datatype. */
export function outputContents(output: OutputTensor): Record<string, unknown[]> {
  const { values, info } = output;
  switch (info.datatype) {
    case 'BYTES':
      return { [info.contents]: values.map(bytesOf) };
    case 'BOOL':
      return { [info.contents]: values.map(Boolean) };
    case 'INT64':
    case 'UINT64':
      return { [info.contents]: values };
    default:
      return { [info.contents]: values.map(Number) };
  }
}

/** An output's raw little-endian bytes (BYTES: 4-byte little-endian lengths, each followed by its bytes). */
export function outputRaw(output: OutputTensor): Buffer {
  const { values, info } = output;
  if (info.size === 0) return rawBytes(values.map(bytesOf));
  const array = typedArray(info, values);
  const bytes = Buffer.from(array.buffer, array.byteOffset, array.byteLength);
  if (!isLittleEndianHost()) swapBytes(bytes, info.size);
  return bytes;
}

function typedArray(info: DatatypeInfo, values: unknown[]): ArrayBufferView & { length: number } {
  switch (info.datatype) {
    case 'INT64':
      return BigInt64Array.from(values, (value) => BigInt(value as string | number));
    case 'UINT64':
      return BigUint64Array.from(values, (value) => BigInt(value as string | number));
    case 'BOOL':
      return Uint8Array.from(values, (value) => (value ? 1 : 0));
    case 'UINT8':
      return Uint8Array.from(values, Number);
    case 'INT8':
      return Int8Array.from(values, Number);
    case 'UINT16':
      return Uint16Array.from(values, Number);
    case 'INT16':
      return Int16Array.from(values, Number);
    case 'UINT32':
      return Uint32Array.from(values, Number);
    case 'INT32':
      return Int32Array.from(values, Number);
    case 'FP64':
      return Float64Array.from(values, Number);
    default:
      return Float32Array.from(values, Number);
  }
}

function rawBytes(items: Buffer[]): Buffer {
  const total = items.reduce((sum, item) => sum + 4 + item.length, 0);
  const out = Buffer.allocUnsafe(total);
  let offset = 0;
  for (const item of items) {
    out.writeUInt32LE(item.length, offset);
    item.copy(out, offset + 4);
    offset += 4 + item.length;
  }
  return out;
}
