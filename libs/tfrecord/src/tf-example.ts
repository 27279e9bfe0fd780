import { Reader, Writer } from 'protobufjs';

/**
 * tf.train.Example on the wire (field numbers from TensorFlow's example.proto): Example.features = 1;
 * Features.feature = 1 (map<string, Feature>); Feature oneof bytes_list = 1 | float_list = 2 | int64_list = 3;
 * each list's `value` = 1 (floats and int64s packed).
 */
export type FeatureValues =
  | { kind: 'bytes'; values: Buffer[] }
  | { kind: 'float'; values: number[] }
  | { kind: 'int64'; values: bigint[] };

export type TfExample = Record<string, FeatureValues>;

export class TfExampleError extends Error {
  override readonly name = 'TfExampleError';
}

export function decodeTfExample(bytes: Uint8Array): TfExample {
  try {
    const example: TfExample = {};
    forEachField(Reader.create(bytes), (field, reader) => {
      if (field !== 1) return false;
      forEachField(Reader.create(reader.bytes()), (featuresField, features) => {
        if (featuresField !== 1) return false;
        const [name, value] = decodeMapEntry(features.bytes());
        example[name] = value;
        return true;
      });
      return true;
    });
    return example;
  } catch (error) {
    if (error instanceof TfExampleError) throw error;
    throw new TfExampleError(`not a tf.Example: ${(error as Error).message}`);
  }
}

function decodeMapEntry(bytes: Uint8Array): [string, FeatureValues] {
  let name = '';
  let value: FeatureValues = { kind: 'bytes', values: [] };
  forEachField(Reader.create(bytes), (field, reader) => {
    if (field === 1) name = reader.string();
    else if (field === 2) value = decodeFeature(reader.bytes());
    else return false;
    return true;
  });
  return [name, value];
}

function decodeFeature(bytes: Uint8Array): FeatureValues {
  let feature: FeatureValues = { kind: 'bytes', values: [] };
  forEachField(Reader.create(bytes), (field, reader) => {
    const list = Reader.create(reader.bytes());
    if (field === 1) feature = { kind: 'bytes', values: repeated(list, (r) => Buffer.from(r.bytes())) };
    else if (field === 2) feature = { kind: 'float', values: packed(list, (r) => r.float()) };
    else if (field === 3) feature = { kind: 'int64', values: packed(list, readInt64) };
    else return false;
    return true;
  });
  return feature;
}

/** protobufjs reads int64 as a Long (high and low words) or, without the long package, a number. */
function readInt64(reader: Reader): bigint {
  const value = reader.int64() as number | { low: number; high: number };
  if (typeof value === 'number') return BigInt(value);
  return (BigInt(value.high) << 32n) | BigInt(value.low >>> 0);
}

/** Calls `visit` for each field; a field it does not take (returns false) is skipped. */
function forEachField(reader: Reader, visit: (field: number, reader: Reader) => boolean): void {
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    if (!visit(tag >>> 3, reader)) reader.skipType(tag & 7);
  }
}

function repeated<T>(list: Reader, read: (r: Reader) => T): T[] {
  const values: T[] = [];
  forEachField(list, (field, r) => {
    if (field !== 1) return false;
    values.push(read(r));
    return true;
  });
  return values;
}

/** Packed or unpacked repeated scalars: both encodings are valid proto. */
function packed<T>(list: Reader, read: (r: Reader) => T): T[] {
  const values: T[] = [];
  while (list.pos < list.len) {
    const tag = list.uint32();
    if (tag >>> 3 !== 1) {
      list.skipType(tag & 7);
      continue;
    }
    if ((tag & 7) === 2) {
      const end = list.uint32() + list.pos;
      while (list.pos < end) values.push(read(list));
    } else {
      values.push(read(list));
    }
  }
  return values;
}

/** Encodes a tf.Example (for tests and tools that write TFRecord inputs). */
export function encodeTfExample(example: TfExample): Buffer {
  const features = Writer.create();
  for (const [name, feature] of Object.entries(example)) {
    const list = Writer.create();
    if (feature.kind === 'bytes') for (const value of feature.values) list.uint32(10).bytes(value);
    else if (feature.kind === 'float') {
      list.uint32(10).fork();
      for (const value of feature.values) list.float(value);
      list.ldelim();
    } else {
      list.uint32(10).fork();
      for (const value of feature.values) list.int64(value.toString());
      list.ldelim();
    }
    const fieldNumber = feature.kind === 'bytes' ? 1 : feature.kind === 'float' ? 2 : 3;
    const featureBytes = Writer.create()
      .uint32((fieldNumber << 3) | 2)
      .bytes(list.finish())
      .finish();
    const entry = Writer.create().uint32(10).string(name).uint32(18).bytes(featureBytes).finish();
    features.uint32(10).bytes(entry);
  }
  return Buffer.from(Writer.create().uint32(10).bytes(features.finish()).finish());
}

/**
 * A tf.Example as an AI Platform JSON instance: an object keyed by feature name; floats and int64s
 * (safe integers as numbers, else strings) as lists; bytes as UTF-8 strings, or {"b64"} when not UTF-8.
 */
export function exampleToInstance(example: TfExample): Record<string, unknown[]> {
  const instance: Record<string, unknown[]> = {};
  for (const [name, feature] of Object.entries(example)) {
    if (feature.kind === 'float') instance[name] = feature.values;
    else if (feature.kind === 'int64') {
      instance[name] = feature.values.map((v) =>
        v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER)
          ? Number(v)
          : v.toString(),
      );
    } else {
      instance[name] = feature.values.map((v) => {
        const text = v.toString('utf8');
        return Buffer.from(text, 'utf8').equals(v) ? text : { b64: v.toString('base64') };
      });
    }
  }
  return instance;
}
