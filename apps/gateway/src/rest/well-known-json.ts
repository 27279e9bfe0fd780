/**
 * proto3 JSON forms of the google.protobuf well-known types whose JSON is not an object of their
 * fields: Timestamp, Duration, FieldMask, Struct, Value, ListValue. Each pair converts between the
 * JSON value and the object @grpc/proto-loader uses (LOADER_OPTIONS: longs as strings).
 */
import { JsonMappingError } from './json-mapping-error';

export interface TimestampObject {
  seconds: string | number;
  nanos: number;
}
export type DurationObject = TimestampObject;

const MIN_TIMESTAMP_SECONDS = -62135596800; // 0001-01-01T00:00:00Z
const MAX_TIMESTAMP_SECONDS = 253402300799; // 9999-12-31T23:59:59Z
const MAX_DURATION_SECONDS = 315576000000;
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/;

export function timestampFromJson(json: unknown, path: string): TimestampObject {
  if (typeof json !== 'string') throw new JsonMappingError(path, 'expected an RFC 3339 timestamp string');
  const m = RFC3339.exec(json);
  if (!m)
    throw new JsonMappingError(path, `"${json}" is not an RFC 3339 timestamp like "2020-12-14T08:34:36Z"`);
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const check = new Date(0);
  check.setUTCFullYear(year, month - 1, day);
  check.setUTCHours(hour, minute, second, 0);
  if (
    check.getUTCDate() !== day ||
    check.getUTCMonth() !== month - 1 ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    throw new JsonMappingError(path, `"${json}" is not a valid date and time`);
  }
  let seconds = Math.floor(check.getTime() / 1000);
  const zone = m[8]!;
  if (zone !== 'Z' && zone !== 'z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    seconds -= sign * (Number(zone.slice(1, 3)) * 3600 + Number(zone.slice(4, 6)) * 60);
  }
  if (seconds < MIN_TIMESTAMP_SECONDS || seconds > MAX_TIMESTAMP_SECONDS) {
    throw new JsonMappingError(path, `"${json}" is outside 0001-01-01 to 9999-12-31`);
  }
  return { seconds: String(seconds), nanos: Number((m[7] ?? '').padEnd(9, '0')) };
}

export function timestampToJson(value: TimestampObject): string {
  const base = new Date(Number(value.seconds) * 1000).toISOString().slice(0, 19);
  return `${base}${fraction(value.nanos)}Z`;
}

/** 0, 3, 6 or 9 fractional digits, as proto3 JSON printers write them. */
function fraction(nanos: number): string {
  if (!nanos) return '';
  const digits = String(Math.abs(nanos)).padStart(9, '0');
  if (nanos % 1_000_000 === 0) return `.${digits.slice(0, 3)}`;
  if (nanos % 1000 === 0) return `.${digits.slice(0, 6)}`;
  return `.${digits}`;
}

export function durationFromJson(json: unknown, path: string): DurationObject {
  if (typeof json !== 'string') throw new JsonMappingError(path, 'expected a duration string like "1.5s"');
  const m = /^(-)?(\d+)(?:\.(\d{1,9}))?s$/.exec(json);
  if (!m) throw new JsonMappingError(path, `"${json}" is not a duration like "1.5s"`);
  const sign = m[1] ? -1 : 1;
  const seconds = Number(m[2]);
  if (seconds > MAX_DURATION_SECONDS)
    throw new JsonMappingError(path, `"${json}" is longer than 10000 years`);
  const nanos = Number((m[3] ?? '').padEnd(9, '0'));
  return {
    seconds: String(sign * seconds === 0 ? 0 : sign * seconds),
    nanos: nanos === 0 ? 0 : sign * nanos,
  };
}

export function durationToJson(value: DurationObject): string {
  const seconds = Number(value.seconds);
  const negative = seconds < 0 || value.nanos < 0;
  return `${negative ? '-' : ''}${Math.abs(seconds)}${fraction(Math.abs(value.nanos))}s`;
}

export function camelToSnake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export function snakeToCamel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** `"description,labels,defaultVersion.name"` → paths in snake case. */
export function fieldMaskFromJson(json: unknown, path: string): { paths: string[] } {
  if (typeof json !== 'string')
    throw new JsonMappingError(path, 'expected a comma-separated field mask string');
  const paths = json
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  for (const p of paths) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(p)) {
      throw new JsonMappingError(path, `"${p}" is not a field path`);
    }
  }
  return { paths: paths.map((p) => p.split('.').map(camelToSnake).join('.')) };
}

export function fieldMaskToJson(value: { paths?: string[] }): string {
  return (value.paths ?? []).map((p) => p.split('.').map(snakeToCamel).join('.')).join(',');
}

export type ValueObject =
  | { nullValue: 'NULL_VALUE' }
  | { numberValue: number }
  | { stringValue: string }
  | { boolValue: boolean }
  | { structValue: StructObject }
  | { listValue: ListValueObject };
export interface StructObject {
  fields: Record<string, ValueObject>;
}
export interface ListValueObject {
  values: ValueObject[];
}

export function valueFromJson(json: unknown, path: string): ValueObject {
  if (json === null) return { nullValue: 'NULL_VALUE' };
  if (typeof json === 'number') return { numberValue: json };
  if (typeof json === 'string') return { stringValue: json };
  if (typeof json === 'boolean') return { boolValue: json };
  if (Array.isArray(json)) return { listValue: listValueFromJson(json, path) };
  if (typeof json === 'object') return { structValue: structFromJson(json, path) };
  throw new JsonMappingError(path, 'not a JSON value');
}

export function structFromJson(json: unknown, path: string): StructObject {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new JsonMappingError(path, 'expected a JSON object');
  }
  const fields: Record<string, ValueObject> = {};
  for (const [key, value] of Object.entries(json)) {
    // An own property even for the key `__proto__`, which assignment would take as the prototype.
    Object.defineProperty(fields, key, {
      value: valueFromJson(value, `${path}.${key}`),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return { fields };
}

export function listValueFromJson(json: unknown, path: string): ListValueObject {
  if (!Array.isArray(json)) throw new JsonMappingError(path, 'expected a JSON array');
  return { values: json.map((item: unknown, i) => valueFromJson(item, `${path}[${i}]`)) };
}

/** A decoded Value (possibly with proto-loader's `kind` oneof marker and null siblings) as plain JSON. */
export function valueToJson(value: Record<string, unknown> | null | undefined): unknown {
  if (!value) return null;
  const kind = typeof value['kind'] === 'string' ? value['kind'] : undefined;
  const has = (name: string): boolean =>
    kind ? kind === name : value[name] !== undefined && value[name] !== null;
  if (has('numberValue')) return value['numberValue'];
  if (has('stringValue')) return value['stringValue'];
  if (has('boolValue')) return value['boolValue'];
  if (has('structValue')) return structToJson(value['structValue'] as StructLike);
  if (has('listValue')) return listValueToJson(value['listValue'] as ListLike);
  return null;
}

type StructLike = { fields?: Record<string, Record<string, unknown>> } | null;
type ListLike = { values?: Record<string, unknown>[] } | null;

export function structToJson(value: StructLike): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value?.fields ?? {})) out[key] = valueToJson(item);
  return out;
}

export function listValueToJson(value: ListLike): unknown[] {
  return (value?.values ?? []).map(valueToJson);
}
