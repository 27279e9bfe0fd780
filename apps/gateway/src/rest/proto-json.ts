/**
 * proto3 JSON mapping (https://protobuf.dev/programming-guides/json/) between REST bodies and the
 * objects @grpc/proto-loader clients send and receive under LOADER_OPTIONS: camelCase keys, enums as
 * names, 64-bit integers as strings, bytes as Buffer, Any as `{type_url, value}`, defaults present.
 * Driven by protobufjs reflection over the same .proto files.
 */
import { Enum, MapField, Type } from 'protobufjs';
import type { Field } from 'protobufjs';
import { TYPE_URL_PREFIX, decodeMessage, encodeMessage, lookupMessageType } from '@presage/proto';
import { JsonMappingError, describe } from './json-mapping-error';
import { isDefaultScalar, readScalar, scalarToJson } from './scalar-json';
import type { ReadOptions } from './scalar-json';
import {
  camelToSnake,
  durationFromJson,
  durationToJson,
  fieldMaskFromJson,
  fieldMaskToJson,
  listValueFromJson,
  listValueToJson,
  structFromJson,
  structToJson,
  timestampFromJson,
  timestampToJson,
  valueFromJson,
  valueToJson,
} from './well-known-json';
import type { DurationObject, TimestampObject } from './well-known-json';

export type { ReadOptions } from './scalar-json';
type Loose = Record<string, unknown>;

const WRAPPERS = new Set(
  ['Double', 'Float', 'Int64', 'UInt64', 'Int32', 'UInt32', 'Bool', 'String', 'Bytes'].map(
    (n) => `google.protobuf.${n}Value`,
  ),
);

/** Parses the JSON of message `typeName` into the loader's object form; throws JsonMappingError. */
export function messageFromJson(typeName: string, json: unknown, options: ReadOptions = {}): Loose {
  return readMessage(lookupMessageType(typeName), json, '', options) as Loose;
}

/** Parses the JSON of one field of message `typeName` (a body bound to a field). */
export function fieldFromJson(field: Field, json: unknown, path: string, options: ReadOptions = {}): unknown {
  if (json === null) return null;
  return readField(field, json, path, options);
}

/** The proto3 JSON of a loader-form message of `typeName`; default values are omitted. */
export function messageToJson(typeName: string, message: unknown): unknown {
  return writeMessage(lookupMessageType(typeName), message as Loose);
}

export function fullNameOf(type: Type): string {
  return type.fullName.replace(/^\./, '');
}

/** The field of `type` named `key` in lowerCamelCase (JSON name) or as in the .proto (snake case). */
export function findField(type: Type, key: string): Field | undefined {
  // Own fields only: `__proto__` or `constructor` must not find what every object inherits.
  const direct = Object.hasOwn(type.fields, key) ? type.fields[key] : undefined;
  if (direct) return direct;
  return type.fieldsArray.find((f) => camelToSnake(f.name) === key);
}

function readMessage(type: Type, json: unknown, path: string, options: ReadOptions): unknown {
  const special = readWellKnown(fullNameOf(type), type, json, path, options);
  if (special !== undefined) return special;
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new JsonMappingError(path, `expected a JSON object for ${fullNameOf(type)}, got ${describe(json)}`);
  }
  const out: Loose = {};
  const oneofsSet = new Map<string, string>();
  for (const [key, value] of Object.entries(json as Loose)) {
    const fieldPath = path ? `${path}.${key}` : key;
    const field = findField(type, key);
    if (!field) throw new JsonMappingError(fieldPath, `Unknown name "${key}": Cannot find field.`);
    if (field.name in out) throw new JsonMappingError(fieldPath, `field "${field.name}" given twice`);
    if (value === null && !isValueField(field)) continue;
    const oneof = field.partOf?.name;
    if (oneof) {
      const other = oneofsSet.get(oneof);
      if (other)
        throw new JsonMappingError(
          fieldPath,
          `"${key}" and "${other}" are both set but belong to oneof "${oneof}"`,
        );
      oneofsSet.set(oneof, key);
      out[oneof] = field.name;
    }
    out[field.name] = readField(field, value, fieldPath, options);
  }
  return out;
}

function isValueField(field: Field): boolean {
  return field.resolvedType instanceof Type && fullNameOf(field.resolvedType) === 'google.protobuf.Value';
}

function readField(field: Field, json: unknown, path: string, options: ReadOptions): unknown {
  if (field instanceof MapField) {
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      throw new JsonMappingError(path, `expected a JSON object (map), got ${describe(json)}`);
    }
    const out: Loose = {};
    for (const [key, value] of Object.entries(json as Loose)) {
      readScalar(field.keyType, key, `${path}.${key}`, { ...options, mapKey: true });
      // An own property even for the key `__proto__`, which assignment would take as the prototype.
      Object.defineProperty(out, key, {
        value: readSingle(field, value, `${path}.${key}`, options),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  if (field.repeated) {
    const list = options.repeatedFromQuery && !Array.isArray(json) ? [json] : json;
    if (!Array.isArray(list))
      throw new JsonMappingError(path, `expected a JSON array, got ${describe(json)}`);
    return list.map((item: unknown, i) => readSingle(field, item, `${path}[${i}]`, options));
  }
  return readSingle(field, json, path, options);
}

function readSingle(field: Field, json: unknown, path: string, options: ReadOptions): unknown {
  const resolved = field.resolvedType;
  if (resolved instanceof Type) {
    if (json === null && !isValueField(field)) throw new JsonMappingError(path, 'null is not allowed here');
    return readMessage(resolved, json, path, options);
  }
  if (resolved instanceof Enum) return readEnum(resolved, json, path);
  return readScalar(field.type, json, path, options);
}

function readEnum(type: Enum, json: unknown, path: string): string | number {
  if (json === null && type.fullName === '.google.protobuf.NullValue') return 'NULL_VALUE';
  if (typeof json === 'string') {
    if (json in type.values) return json;
    if (/^-?\d+$/.test(json)) return readEnum(type, Number(json), path);
    throw new JsonMappingError(
      path,
      `invalid value "${json}" for enum ${type.name}; valid values: ${Object.keys(type.values).join(', ')}`,
    );
  }
  if (typeof json === 'number' && Number.isInteger(json)) return type.valuesById[json] ?? json;
  throw new JsonMappingError(path, `expected an enum name of ${type.name}, got ${describe(json)}`);
}

function readWellKnown(name: string, type: Type, json: unknown, path: string, options: ReadOptions): unknown {
  switch (name) {
    case 'google.protobuf.Timestamp':
      return timestampFromJson(json, path);
    case 'google.protobuf.Duration':
      return durationFromJson(json, path);
    case 'google.protobuf.FieldMask':
      return fieldMaskFromJson(json, path);
    case 'google.protobuf.Struct':
      return structFromJson(json, path);
    case 'google.protobuf.Value':
      return valueFromJson(json, path);
    case 'google.protobuf.ListValue':
      return listValueFromJson(json, path);
    case 'google.protobuf.Any':
      return readAny(json, path, options);
    default:
      if (WRAPPERS.has(name)) return { value: readScalar(type.fields['value']!.type, json, path, options) };
      return undefined;
  }
}

function readAny(json: unknown, path: string, options: ReadOptions): { type_url: string; value: Buffer } {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new JsonMappingError(path, `expected a JSON object with "@type", got ${describe(json)}`);
  }
  const { '@type': typeUrl, ...rest } = json as Loose;
  if (typeof typeUrl !== 'string' || !typeUrl.includes('/')) {
    throw new JsonMappingError(`${path}.@type`, 'an Any needs "@type": "type.googleapis.com/<message name>"');
  }
  const typeName = typeUrl.slice(typeUrl.lastIndexOf('/') + 1);
  let type: Type;
  try {
    type = lookupMessageType(typeName);
  } catch {
    throw new JsonMappingError(`${path}.@type`, `unknown message type "${typeName}"`);
  }
  const inner = hasSpecialJson(typeName)
    ? readMessage(type, rest['value'], `${path}.value`, options)
    : readMessage(type, rest, path, options);
  if (hasSpecialJson(typeName) && Object.keys(rest).some((k) => k !== 'value')) {
    throw new JsonMappingError(path, `an Any of ${typeName} holds only "@type" and "value"`);
  }
  return { type_url: typeUrl, value: encodeMessage(typeName, inner as object) };
}

function hasSpecialJson(typeName: string): boolean {
  return (
    WRAPPERS.has(typeName) ||
    [
      'google.protobuf.Timestamp',
      'google.protobuf.Duration',
      'google.protobuf.FieldMask',
      'google.protobuf.Struct',
      'google.protobuf.Value',
      'google.protobuf.ListValue',
      'google.protobuf.Any',
    ].includes(typeName)
  );
}

function writeMessage(type: Type, message: Loose | null | undefined): unknown {
  const name = fullNameOf(type);
  const special = writeWellKnown(name, message);
  if (special !== undefined) return special;
  const out: Loose = {};
  if (!message) return out;
  for (const field of type.fieldsArray) {
    const value = message[field.name];
    if (value === undefined || value === null) continue;
    const oneof = field.partOf?.name;
    if (oneof && typeof message[oneof] === 'string' && message[oneof] !== field.name) continue;
    const json = writeField(field, value, oneof !== undefined);
    if (json !== undefined) out[field.name] = json;
  }
  return out;
}

function writeField(field: Field, value: unknown, keepDefault: boolean): unknown {
  if (field instanceof MapField) {
    const entries = Object.entries(value as Loose);
    if (entries.length === 0) return undefined;
    return Object.fromEntries(entries.map(([k, v]) => [k, writeSingle(field, v, true)]));
  }
  if (field.repeated) {
    const list = value as unknown[];
    return list.length === 0 ? undefined : list.map((item) => writeSingle(field, item, true));
  }
  return writeSingle(field, value, keepDefault);
}

function writeSingle(field: Field, value: unknown, keepDefault: boolean): unknown {
  const resolved = field.resolvedType;
  if (resolved instanceof Type) return writeMessage(resolved, value as Loose);
  if (resolved instanceof Enum) {
    const name = typeof value === 'number' ? (resolved.valuesById[value] ?? value) : value;
    if (!keepDefault && resolved.values[String(name)] === 0) return undefined;
    if (!keepDefault && value === 0) return undefined;
    return name;
  }
  if (!keepDefault && isDefaultScalar(field.type, value)) return undefined;
  return scalarToJson(field.type, value);
}

function writeWellKnown(name: string, message: Loose | null | undefined): unknown {
  if (!message) return undefined;
  switch (name) {
    case 'google.protobuf.Timestamp':
      return timestampToJson(message as unknown as TimestampObject);
    case 'google.protobuf.Duration':
      return durationToJson(message as unknown as DurationObject);
    case 'google.protobuf.FieldMask':
      return fieldMaskToJson(message);
    case 'google.protobuf.Struct':
      return structToJson(message);
    case 'google.protobuf.Value':
      return valueToJson(message);
    case 'google.protobuf.ListValue':
      return listValueToJson(message);
    case 'google.protobuf.Any':
      return writeAny(message as { type_url: string; value: Uint8Array });
    default:
      if (WRAPPERS.has(name))
        return scalarToJson(lookupMessageType(name).fields['value']!.type, message['value']);
      return undefined;
  }
}

function writeAny(any: { type_url: string; value: Uint8Array }): unknown {
  if (!any.type_url) return {};
  const typeName = any.type_url.slice(any.type_url.lastIndexOf('/') + 1);
  let type: Type;
  try {
    type = lookupMessageType(typeName);
  } catch {
    // A type this gateway does not know: keep the bytes rather than fail the whole response.
    return { '@type': any.type_url, value: Buffer.from(any.value).toString('base64') };
  }
  const inner = writeMessage(type, decodeMessage<Loose>(typeName, any.value));
  const typeUrl = any.type_url.includes('/') ? any.type_url : TYPE_URL_PREFIX + typeName;
  return hasSpecialJson(typeName)
    ? { '@type': typeUrl, value: inner }
    : { '@type': typeUrl, ...(inner as Loose) };
}
