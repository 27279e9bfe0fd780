import os from 'node:os';
import type { ContentsField, DatatypeInfo } from './datatypes';
import { invalid } from './datatypes';

/** One input of an inference request, decoded from REST JSON, typed gRPC contents or raw bytes. */
export interface InputTensor {
  name: string;
  info: DatatypeInfo;
  /** The whole batch's shape. */
  shape: number[];
  /**
   * Row-major elements as they arrived, checked only when written for the predictor (one pass): numbers,
   * booleans, strings, bigints (raw 64-bit integers), decimal strings (gRPC 64-bit contents) or bytes.
   */
  elements: ArrayLike<unknown>;
}

const LITTLE_ENDIAN = os.endianness() === 'LE';
const MAX_RANK = 32;
const MAX_NESTING = 64;

/** A request's shape: non-negative integers (numbers, or decimal strings as gRPC's int64 arrive). */
export function parseShape(shape: unknown, tensor: string): number[] {
  if (!Array.isArray(shape) || shape.length > MAX_RANK) {
    throw invalid(`input '${tensor}' needs a shape: a list of at most ${MAX_RANK} dimensions`);
  }
  return shape.map((dim: unknown) => {
    const value = typeof dim === 'string' && /^\d+$/.test(dim) ? Number(dim) : dim;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
      throw invalid(`input '${tensor}' has shape ${JSON.stringify(shape)}: dimensions are integers ≥ 0`);
    }
    return value;
  });
}

export function elementCount(shape: readonly number[]): number {
  let count = 1;
  for (const dim of shape) count *= dim;
  return count;
}

/** REST `data`: flat as it is (no copy), or nested lists flattened row-major. */
export function jsonElements(data: unknown, tensor: string): ArrayLike<unknown> {
  if (!Array.isArray(data)) throw invalid(`input '${tensor}' needs "data": a list of its values`);
  const list = data as unknown[];
  if (list.length === 0 || !Array.isArray(list[0])) return list;
  const flat: unknown[] = [];
  flatten(list, flat, tensor, 0);
  return flat;
}

function flatten(list: unknown[], flat: unknown[], tensor: string, depth: number): void {
  if (depth > MAX_NESTING) throw invalid(`input '${tensor}': "data" nests more than ${MAX_NESTING} levels`);
  for (const item of list) {
    if (Array.isArray(item)) flatten(item, flat, tensor, depth + 1);
    else flat.push(item);
  }
}

const CONTENTS_FIELDS: readonly ContentsField[] = [
  'boolContents',
  'intContents',
  'int64Contents',
  'uintContents',
  'uint64Contents',
  'fp32Contents',
  'fp64Contents',
  'bytesContents',
];

/** gRPC typed contents: the field of the datatype; values in another field are refused. */
export function contentsElements(
  contents: Partial<Record<ContentsField, unknown[]>> | null | undefined,
  info: DatatypeInfo,
  tensor: string,
): ArrayLike<unknown> {
  if (!contents) return [];
  for (const field of CONTENTS_FIELDS) {
    if (field !== info.contents && (contents[field]?.length ?? 0) > 0) {
      throw invalid(
        `input '${tensor}' is ${info.datatype}: its values go in ${snakeCase(info.contents)}, not ${snakeCase(field)}`,
      );
    }
  }
  return contents[info.contents] ?? [];
}

/** Whether typed contents hold any value (a request using raw_input_contents must not). */
export function hasContents(contents: Partial<Record<ContentsField, unknown[]>> | null | undefined): boolean {
  return !!contents && CONTENTS_FIELDS.some((field) => (contents[field]?.length ?? 0) > 0);
}

/**
 * Raw little-endian bytes of `count` elements: viewed in place when aligned on a little-endian host,
 * else copied once. BYTES elements are 4-byte little-endian lengths, each followed by its bytes.
 */
export function rawElements(
  raw: Uint8Array,
  info: DatatypeInfo,
  count: number,
  tensor: string,
): ArrayLike<unknown> {
  if (info.size === 0) return rawBytesElements(raw, count, tensor);
  if (raw.byteLength !== count * info.size) {
    throw invalid(
      `input '${tensor}' holds ${count} ${info.datatype} elements (${count * info.size} bytes) by its shape, but its raw contents are ${raw.byteLength} bytes`,
    );
  }
  const bytes = LITTLE_ENDIAN && raw.byteOffset % info.size === 0 ? raw : hostOrderCopy(raw, info.size);
  return typedView(info, bytes, count);
}

function rawBytesElements(raw: Uint8Array, count: number, tensor: string): Uint8Array[] {
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const items: Uint8Array[] = [];
  let offset = 0;
  while (offset < raw.byteLength) {
    const length = offset + 4 <= raw.byteLength ? view.getUint32(offset, true) : -1;
    if (length < 0 || offset + 4 + length > raw.byteLength) {
      throw invalid(
        `input '${tensor}': its raw BYTES contents end inside element ${items.length} (each element is a 4-byte little-endian length, then its bytes)`,
      );
    }
    items.push(raw.subarray(offset + 4, offset + 4 + length));
    offset += 4 + length;
  }
  if (items.length !== count) {
    throw invalid(
      `input '${tensor}' holds ${count} BYTES elements by its shape, but its raw contents hold ${items.length}`,
    );
  }
  return items;
}

/** An aligned copy in this host's byte order. */
function hostOrderCopy(raw: Uint8Array, size: number): Uint8Array {
  const copy = new Uint8Array(raw.byteLength);
  copy.set(raw);
  if (!LITTLE_ENDIAN) swapBytes(copy, size);
  return copy;
}

/** Reverses the bytes of every `size`-byte element (little-endian ⇄ big-endian). */
export function swapBytes(bytes: Uint8Array, size: number): void {
  if (size === 1) return;
  for (let at = 0; at < bytes.length; at += size) bytes.subarray(at, at + size).reverse();
}

export function isLittleEndianHost(): boolean {
  return LITTLE_ENDIAN;
}

function typedView(info: DatatypeInfo, bytes: Uint8Array, count: number): ArrayLike<unknown> {
  const { buffer, byteOffset } = bytes;
  switch (info.datatype) {
    case 'BOOL':
    case 'UINT8':
      return new Uint8Array(buffer, byteOffset, count);
    case 'INT8':
      return new Int8Array(buffer, byteOffset, count);
    case 'UINT16':
      return new Uint16Array(buffer, byteOffset, count);
    case 'INT16':
      return new Int16Array(buffer, byteOffset, count);
    case 'UINT32':
      return new Uint32Array(buffer, byteOffset, count);
    case 'INT32':
      return new Int32Array(buffer, byteOffset, count);
    case 'UINT64':
      return new BigUint64Array(buffer, byteOffset, count);
    case 'INT64':
      return new BigInt64Array(buffer, byteOffset, count);
    case 'FP32':
      return new Float32Array(buffer, byteOffset, count);
    case 'FP64':
      return new Float64Array(buffer, byteOffset, count);
    case 'BYTES':
      throw new Error('BYTES has no fixed-size view');
  }
}

function snakeCase(field: string): string {
  return field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}
