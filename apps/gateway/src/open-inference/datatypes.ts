import { ApiError, StatusCode } from '@presage/errors';

/** The Open Inference Protocol's tensor datatypes that Presage's v2 endpoint takes and gives. */
export type V2Datatype =
  | 'BOOL'
  | 'UINT8'
  | 'UINT16'
  | 'UINT32'
  | 'UINT64'
  | 'INT8'
  | 'INT16'
  | 'INT32'
  | 'INT64'
  | 'FP32'
  | 'FP64'
  | 'BYTES';

/** Which `InferTensorContents` field carries a datatype's values (proto-loader's camelCase names). */
export type ContentsField =
  | 'boolContents'
  | 'intContents'
  | 'int64Contents'
  | 'uintContents'
  | 'uint64Contents'
  | 'fp32Contents'
  | 'fp64Contents'
  | 'bytesContents';

/** How a datatype is held, sent and checked. */
export interface DatatypeInfo {
  datatype: V2Datatype;
  /** The dtype of a Presage ModelSignature (ONNX Runtime's names). */
  dtype: string;
  /** Bytes per element in raw form; 0 for BYTES (length-prefixed, variable). */
  size: number;
  contents: ContentsField;
  /** The integer range of the 8–32-bit integer types. */
  range?: readonly [number, number];
}

const info = (
  datatype: V2Datatype,
  dtype: string,
  size: number,
  contents: ContentsField,
  range?: readonly [number, number],
): DatatypeInfo => ({ datatype, dtype, size, contents, ...(range ? { range } : {}) });

const TABLE: readonly DatatypeInfo[] = [
  info('BOOL', 'bool', 1, 'boolContents'),
  info('UINT8', 'uint8', 1, 'uintContents', [0, 255]),
  info('UINT16', 'uint16', 2, 'uintContents', [0, 65535]),
  info('UINT32', 'uint32', 4, 'uintContents', [0, 4294967295]),
  info('UINT64', 'uint64', 8, 'uint64Contents'),
  info('INT8', 'int8', 1, 'intContents', [-128, 127]),
  info('INT16', 'int16', 2, 'intContents', [-32768, 32767]),
  info('INT32', 'int32', 4, 'intContents', [-2147483648, 2147483647]),
  info('INT64', 'int64', 8, 'int64Contents'),
  info('FP32', 'float32', 4, 'fp32Contents'),
  info('FP64', 'float64', 8, 'fp64Contents'),
  info('BYTES', 'string', 0, 'bytesContents'),
];

const BY_DATATYPE = new Map<string, DatatypeInfo>(TABLE.map((entry) => [entry.datatype, entry]));
const BY_DTYPE = new Map<string, DatatypeInfo>(TABLE.map((entry) => [entry.dtype, entry]));
const DTYPE_NAMES: Readonly<Record<string, string>> = { float16: 'FP16' };

/** Every datatype the endpoint takes, for error messages. */
export const DATATYPE_NAMES = TABLE.map((entry) => entry.datatype).join(', ');

/** A request's datatype, or INVALID_ARGUMENT listing the valid ones. */
export function parseDatatype(text: unknown, tensor: string): DatatypeInfo {
  const found = typeof text === 'string' ? BY_DATATYPE.get(text) : undefined;
  if (found) return found;
  const unsupported = text === 'FP16' || text === 'BF16' ? ` (${text} is not supported by Presage)` : '';
  throw invalid(
    `input '${tensor}' has datatype ${JSON.stringify(text)}${unsupported}; valid: ${DATATYPE_NAMES}`,
  );
}

/** The v2 datatype of a signature dtype (`float32` → FP32); FP16 for float16, which infer refuses. */
export function datatypeOfDtype(dtype: string): string {
  return BY_DTYPE.get(dtype)?.datatype ?? DTYPE_NAMES[dtype] ?? dtype.toUpperCase();
}

/** The datatype of a signature dtype, when the endpoint can carry it. */
export function infoOfDtype(dtype: string): DatatypeInfo | undefined {
  return BY_DTYPE.get(dtype);
}

/** A request the endpoint refuses: 400 over REST, INVALID_ARGUMENT over gRPC, with this message. */
export function invalid(message: string): ApiError {
  return new ApiError(StatusCode.INVALID_ARGUMENT, message);
}
