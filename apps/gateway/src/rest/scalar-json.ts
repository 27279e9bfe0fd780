/** proto3 JSON of scalar fields, in the forms LOADER_OPTIONS uses (int64 as string, bytes as Buffer). */
import { JsonMappingError, describe } from './json-mapping-error';

export interface ReadOptions {
  /** Values come from a URL query string: bools may be "true"/"false", one value fills a repeated field. */
  repeatedFromQuery?: boolean;
  stringBools?: boolean;
  /** Internal: the value is a map key, always a JSON string. */
  mapKey?: boolean;
}

const INT32 = new Set(['int32', 'sint32', 'sfixed32']);
const UINT32 = new Set(['uint32', 'fixed32']);
const INT64 = new Set(['int64', 'sint64', 'sfixed64']);
const UINT64 = new Set(['uint64', 'fixed64']);
const FLOAT = new Set(['double', 'float']);
const INTEGER = /^-?\d+$/;
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

export function readScalar(type: string, json: unknown, path: string, options: ReadOptions = {}): unknown {
  if (INT32.has(type) || UINT32.has(type)) {
    const n = readInteger(json, path);
    const [min, max] = INT32.has(type) ? [-2147483648, 2147483647] : [0, 4294967295];
    if (n < min || n > max) throw new JsonMappingError(path, `${String(json)} is out of range for ${type}`);
    return n;
  }
  if (INT64.has(type) || UINT64.has(type)) return readLong(type, json, path);
  if (FLOAT.has(type)) return readFloat(json, path);
  if (type === 'bool') return readBool(json, path, options);
  if (type === 'string') {
    if (typeof json !== 'string')
      throw new JsonMappingError(path, `expected a string, got ${describe(json)}`);
    return json;
  }
  if (type === 'bytes') {
    if (typeof json !== 'string' || !BASE64.test(json)) {
      throw new JsonMappingError(path, `expected base64-encoded bytes, got ${describe(json)}`);
    }
    return Buffer.from(json.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  }
  throw new JsonMappingError(path, `unsupported field type ${type}`);
}

function readInteger(json: unknown, path: string): number {
  if (typeof json === 'number' && Number.isInteger(json)) return json;
  if (typeof json === 'string' && INTEGER.test(json)) return Number(json);
  throw new JsonMappingError(path, `expected an integer, got ${describe(json)}`);
}

function readLong(type: string, json: unknown, path: string): string {
  let value: bigint;
  // BigInt of the number itself: String(-1e308) is "-1e+308", which BigInt cannot parse.
  if (typeof json === 'number' && Number.isInteger(json)) value = BigInt(json);
  else if (typeof json === 'string' && INTEGER.test(json)) value = BigInt(json);
  else throw new JsonMappingError(path, `expected an integer (as a string or number), got ${describe(json)}`);
  const [min, max] = UINT64.has(type) ? [0n, 2n ** 64n - 1n] : [-(2n ** 63n), 2n ** 63n - 1n];
  if (value < min || value > max)
    throw new JsonMappingError(path, `${String(json)} is out of range for ${type}`);
  return value.toString();
}

function readFloat(json: unknown, path: string): number {
  if (typeof json === 'number') return json;
  if (json === 'NaN') return NaN;
  if (json === 'Infinity') return Infinity;
  if (json === '-Infinity') return -Infinity;
  if (typeof json === 'string' && json.trim() !== '' && Number.isFinite(Number(json))) return Number(json);
  throw new JsonMappingError(path, `expected a number, got ${describe(json)}`);
}

function readBool(json: unknown, path: string, options: ReadOptions): boolean {
  if (typeof json === 'boolean') return json;
  if ((options.stringBools || options.mapKey) && (json === 'true' || json === 'false'))
    return json === 'true';
  throw new JsonMappingError(path, `expected true or false, got ${describe(json)}`);
}

export function scalarToJson(type: string, value: unknown): unknown {
  if (INT64.has(type) || UINT64.has(type)) return String(value);
  if (FLOAT.has(type)) {
    const n = Number(value);
    if (Number.isNaN(n)) return 'NaN';
    if (n === Infinity) return 'Infinity';
    if (n === -Infinity) return '-Infinity';
    return n;
  }
  if (type === 'bytes') return Buffer.from(value as Uint8Array).toString('base64');
  return value;
}

export function isDefaultScalar(type: string, value: unknown): boolean {
  if (type === 'bytes') return (value as Uint8Array).length === 0;
  if (type === 'string') return value === '';
  if (type === 'bool') return value === false;
  if (INT64.has(type) || UINT64.has(type)) return String(value) === '0';
  return value === 0 && !Object.is(value, -0);
}
