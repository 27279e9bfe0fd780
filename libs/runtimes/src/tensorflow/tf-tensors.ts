import * as tf from '@tensorflow/tfjs';
import { ModelRunError } from '../model-runtime';
import type { DType, Tensor, TensorDataMap } from '../tensor';
import { elementCount } from '../tensor';

/**
 * The TF.js dtype a Presage dtype runs as: TF.js computes in float32, int32, bool and string only, so
 * int64 (as TF graphs declare many indices and labels) and the small integer types run as int32.
 */
export function executedDtype(dtype: DType): tf.DataType {
  switch (dtype) {
    case 'float32':
    case 'float64':
    case 'float16':
      return 'float32';
    case 'bool':
      return 'bool';
    case 'string':
      return 'string';
    default:
      return 'int32';
  }
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** A feed as a TF.js tensor of the dtype the model runs with; throws a ModelRunError on bad data. */
export function toTfTensor(name: string, tensor: Tensor, runAs: tf.DataType): tf.Tensor {
  const expected = elementCount(tensor.shape);
  if (tensor.data.length !== expected) {
    throw new ModelRunError(
      `input '${name}' has ${tensor.data.length} values for shape [${tensor.shape.join(', ')}] (${expected} expected)`,
    );
  }
  if (runAs === 'string') {
    if (tensor.dtype !== 'string') throw wrongDtype(name, tensor.dtype, runAs);
    return tf.tensor(tensor.data as string[], tensor.shape, 'string');
  }
  if (tensor.dtype === 'string') throw wrongDtype(name, tensor.dtype, runAs);
  if (tensor.dtype === 'float16') {
    throw new ModelRunError(`input '${name}' is float16, which TensorFlow.js cannot feed; send float32`);
  }
  const numeric = tensor.data as Exclude<Tensor['data'], string[]>;
  if (runAs === 'int32') return tf.tensor(toInt32(name, numeric), tensor.shape, 'int32');
  if (runAs === 'bool')
    return tf.tensor(Uint8Array.from(tensor.data as ArrayLike<number>), tensor.shape, 'bool');
  const data =
    tensor.data instanceof Float32Array
      ? tensor.data
      : Float32Array.from(tensor.data as ArrayLike<number | bigint>, Number);
  return tf.tensor(data, tensor.shape, 'float32');
}

function toInt32(name: string, data: Exclude<Tensor['data'], string[]>): Int32Array {
  if (data instanceof Int32Array) return data;
  const out = new Int32Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const value = Number(data[i]);
    if (!Number.isInteger(value) || value < INT32_MIN || value > INT32_MAX) {
      throw new ModelRunError(
        `input '${name}' holds ${String(data[i])}, outside the 32-bit integers TensorFlow.js computes with`,
      );
    }
    out[i] = value;
  }
  return out;
}

function wrongDtype(name: string, got: DType, runAs: tf.DataType): ModelRunError {
  return new ModelRunError(`input '${name}' is ${got}, but the model takes ${runAs}`);
}

/** A TF.js result as a Presage tensor of the dtype the signature declares (int32 → int64 and so on). */
export function fromTfTensor(value: tf.Tensor, dtype: DType): Tensor {
  const shape = value.shape.slice();
  const raw = value.dataSync() as unknown;
  return { dtype, shape, data: convert(raw, dtype) };
}

function convert(raw: unknown, dtype: DType): TensorDataMap[DType] {
  if (dtype === 'string') {
    return Array.isArray(raw) ? (raw as unknown[]).map(text) : Array.from(raw as ArrayLike<number>, String);
  }
  if (Array.isArray(raw)) throw new ModelRunError(`the model returned strings where ${dtype} was declared`);
  const numbers = raw as Float32Array | Int32Array | Uint8Array;
  switch (dtype) {
    case 'float32':
      return numbers instanceof Float32Array ? numbers : Float32Array.from(numbers);
    case 'float64':
      return Float64Array.from(numbers);
    case 'int64':
      return BigInt64Array.from(numbers, (v) => BigInt(Math.trunc(v)));
    case 'uint64':
      return BigUint64Array.from(numbers, (v) => BigInt(Math.max(0, Math.trunc(v))));
    case 'int32':
      return numbers instanceof Int32Array ? numbers : Int32Array.from(numbers);
    case 'bool':
    case 'uint8':
      return numbers instanceof Uint8Array ? numbers : Uint8Array.from(numbers);
    case 'int8':
      return Int8Array.from(numbers);
    case 'int16':
      return Int16Array.from(numbers);
    case 'uint16':
    case 'float16':
      return Uint16Array.from(numbers);
    case 'uint32':
      return Uint32Array.from(numbers);
  }
}

function text(value: unknown): string {
  return value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : String(value);
}
