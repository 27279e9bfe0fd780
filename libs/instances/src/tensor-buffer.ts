import type { DType, TensorData } from '@presage/runtimes';
import type { Leaf } from './json-value';
import { isB64 } from './json-value';
import { ValueProblem, showValue } from './instances-error';

/** A tensor's data being filled from JSON leaves, converting and checking each against the dtype. */
export interface TensorBuffer {
  data: TensorData;
  /** Throws a ValueProblem ("expected ..., got ...") when the leaf does not fit the dtype. */
  put(index: number, leaf: Leaf): void;
}

const INTEGER_RANGES = {
  int8: [-128, 127],
  int16: [-32768, 32767],
  int32: [-2147483648, 2147483647],
  uint8: [0, 255],
  uint16: [0, 65535],
  uint32: [0, 4294967295],
} as const;

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

export function createTensorBuffer(dtype: DType, length: number): TensorBuffer {
  switch (dtype) {
    case 'float32':
      return numeric(new Float32Array(length), dtype);
    case 'float64':
      return numeric(new Float64Array(length), dtype);
    case 'int8':
      return integer(new Int8Array(length), dtype);
    case 'int16':
      return integer(new Int16Array(length), dtype);
    case 'int32':
      return integer(new Int32Array(length), dtype);
    case 'uint8':
      return integer(new Uint8Array(length), dtype);
    case 'uint16':
      return integer(new Uint16Array(length), dtype);
    case 'uint32':
      return integer(new Uint32Array(length), dtype);
    case 'int64':
      return bigInteger(new BigInt64Array(length), dtype);
    case 'uint64':
      return bigInteger(new BigUint64Array(length), dtype);
    case 'bool':
      return boolean(new Uint8Array(length));
    case 'string':
      return string(new Array<string>(length).fill(''));
    case 'float16':
      throw new ValueProblem(
        'float16 inputs cannot be fed from JSON instances yet; export the model with a float32 input',
      );
  }
}

function numeric(data: Float32Array | Float64Array, dtype: DType): TensorBuffer {
  return {
    data,
    put: (index, leaf) => {
      if (typeof leaf !== 'number') throw wrongType(`a number (${dtype})`, leaf);
      data[index] = leaf;
    },
  };
}

function integer(
  data: Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array | Uint32Array,
  dtype: keyof typeof INTEGER_RANGES,
): TensorBuffer {
  const [min, max] = INTEGER_RANGES[dtype];
  return {
    data,
    put: (index, leaf) => {
      if (typeof leaf !== 'number') throw wrongType(`an integer (${dtype})`, leaf);
      if (!Number.isInteger(leaf)) throw new ValueProblem(`expected an integer (${dtype}), got ${leaf}`);
      if (leaf < min || leaf > max)
        throw new ValueProblem(`${leaf} is out of the ${dtype} range [${min}, ${max}]`);
      data[index] = leaf;
    },
  };
}

function bigInteger(data: BigInt64Array | BigUint64Array, dtype: 'int64' | 'uint64'): TensorBuffer {
  return {
    data,
    put: (index, leaf) => {
      if (typeof leaf !== 'number') throw wrongType(`an integer (${dtype})`, leaf);
      if (!Number.isInteger(leaf)) throw new ValueProblem(`expected an integer (${dtype}), got ${leaf}`);
      if (!Number.isSafeInteger(leaf)) {
        throw new ValueProblem(
          `${leaf} is beyond ±2^53-1, where JSON numbers lose precision; ${dtype} values must be safe integers`,
        );
      }
      if (dtype === 'uint64' && leaf < 0)
        throw new ValueProblem(`${leaf} is negative; uint64 values must be ≥ 0`);
      data[index] = BigInt(leaf);
    },
  };
}

function boolean(data: Uint8Array): TensorBuffer {
  return {
    data,
    put: (index, leaf) => {
      if (typeof leaf !== 'boolean') throw wrongType('true or false (bool)', leaf);
      data[index] = leaf ? 1 : 0;
    },
  };
}

function string(data: string[]): TensorBuffer {
  return {
    data,
    put: (index, leaf) => {
      if (typeof leaf === 'string') data[index] = leaf;
      else if (isB64(leaf)) data[index] = decodeB64(leaf.b64).toString('utf8');
      else throw wrongType('a string or {"b64": "..."} (string)', leaf);
    },
  };
}

/** The bytes of a `{"b64": ...}` value; throws a ValueProblem when it is not base64. */
export function decodeB64(text: unknown): Buffer {
  if (typeof text !== 'string' || text.length % 4 === 1 || !BASE64.test(text)) {
    throw new ValueProblem(`{"b64": ...} must hold a base64 string, got ${showValue(text)}`);
  }
  return Buffer.from(text, 'base64');
}

function wrongType(expected: string, leaf: Leaf): ValueProblem {
  const kind = isB64(leaf) ? 'a {"b64"} value' : `${typeof leaf} ${showValue(leaf)}`;
  return new ValueProblem(`expected ${expected}, got ${kind}`);
}
