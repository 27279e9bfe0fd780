/** The element types a tensor can hold, named as in ONNX Runtime and the ModelSignature proto. */
export type DType =
  | 'float32'
  | 'float64'
  | 'float16'
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'uint64'
  | 'bool'
  | 'string';

/** The data array of each dtype. bool is one byte per element (0 or 1), float16 its raw bits. */
export interface TensorDataMap {
  float32: Float32Array;
  float64: Float64Array;
  float16: Uint16Array;
  int8: Int8Array;
  int16: Int16Array;
  int32: Int32Array;
  int64: BigInt64Array;
  uint8: Uint8Array;
  uint16: Uint16Array;
  uint32: Uint32Array;
  uint64: BigUint64Array;
  bool: Uint8Array;
  string: string[];
}

export type TensorData = TensorDataMap[DType];

/** A dense row-major tensor; `data.length` is the product of `shape`. */
export interface Tensor<D extends DType = DType> {
  dtype: D;
  shape: number[];
  data: TensorDataMap[D];
}

export const DTYPES: readonly DType[] = [
  'float32',
  'float64',
  'float16',
  'int8',
  'int16',
  'int32',
  'int64',
  'uint8',
  'uint16',
  'uint32',
  'uint64',
  'bool',
  'string',
];

export function isDType(value: string): value is DType {
  return (DTYPES as readonly string[]).includes(value);
}

/** The number of elements of a shape (1 for a scalar). */
export function elementCount(shape: readonly number[]): number {
  return shape.reduce((product, dim) => product * dim, 1);
}
