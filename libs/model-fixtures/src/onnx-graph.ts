import { onnx } from 'onnx-proto';

/** Element types as Presage records them in a version's signature. */
export type Dtype = 'float32' | 'float64' | 'int32' | 'int64' | 'uint8' | 'bool' | 'string';

const DATA_TYPES: Record<Dtype, onnx.TensorProto.DataType> = {
  float32: onnx.TensorProto.DataType.FLOAT,
  float64: onnx.TensorProto.DataType.DOUBLE,
  int32: onnx.TensorProto.DataType.INT32,
  int64: onnx.TensorProto.DataType.INT64,
  uint8: onnx.TensorProto.DataType.UINT8,
  bool: onnx.TensorProto.DataType.BOOL,
  string: onnx.TensorProto.DataType.STRING,
};

/** A graph input or output. A string dimension is symbolic (`'N'` for the dynamic batch dim). */
export interface ValueSpec {
  name: string;
  dtype: Dtype;
  shape: (number | string)[];
}

/** A node attribute: tagged so that ints, floats and strings are encoded with the right proto type. */
export type AttributeValue =
  | { int: number }
  | { ints: number[] }
  | { float: number }
  | { floats: number[] }
  | { string: string }
  | { strings: string[] };

export interface NodeSpec {
  opType: string;
  inputs: string[];
  outputs: string[];
  /** Attributes by name (`undefined` entries are skipped). */
  attributes?: Record<string, AttributeValue | undefined>;
  /** Operator domain; `''` (the default) is ai.onnx, `'ai.onnx.ml'` the classical-ML operators. */
  domain?: string;
}

export interface GraphSpec {
  name: string;
  inputs: ValueSpec[];
  outputs: ValueSpec[];
  nodes: NodeSpec[];
  initializers: onnx.ITensorProto[];
  /**
   * Operator sets to import.
   * @default { '': 13 } — add `'ai.onnx.ml': 2` for LabelEncoder and friends.
   */
  opsets?: Record<string, number>;
  docString?: string;
}

/** IR version written into every model (ONNX 1.7+, loads in ORT 1.30). */
export const IR_VERSION = 8;

const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function littleEndianBytes(view: ArrayBufferView): Uint8Array {
  if (!HOST_IS_LITTLE_ENDIAN) throw new Error('Writing ONNX raw tensor data needs a little-endian host');
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  return new Uint8Array(bytes); // a copy: the proto keeps the bytes, the caller may reuse its array
}

function assertSize(name: string, dims: number[], length: number): void {
  const expected = dims.reduce((a, b) => a * b, 1);
  if (expected !== length) {
    throw new Error(`Initializer ${name}: dims [${dims.join(', ')}] need ${expected} values, got ${length}`);
  }
}

/** A float32 initializer, written as raw little-endian data (fast to encode, even for millions of weights). */
export function floatTensor(
  name: string,
  dims: number[],
  values: Float32Array | readonly number[],
): onnx.ITensorProto {
  assertSize(name, dims, values.length);
  const data = values instanceof Float32Array ? values : Float32Array.from(values);
  return { name, dims, dataType: onnx.TensorProto.DataType.FLOAT, rawData: littleEndianBytes(data) };
}

/** An int64 initializer (raw data), from safe integers or bigints. */
export function int64Tensor(
  name: string,
  dims: number[],
  values: readonly (number | bigint)[],
): onnx.ITensorProto {
  assertSize(name, dims, values.length);
  const data = BigInt64Array.from(values, (v) => BigInt(v));
  return { name, dims, dataType: onnx.TensorProto.DataType.INT64, rawData: littleEndianBytes(data) };
}

function valueInfo(spec: ValueSpec): onnx.IValueInfoProto {
  return {
    name: spec.name,
    type: {
      tensorType: {
        elemType: DATA_TYPES[spec.dtype],
        shape: { dim: spec.shape.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) },
      },
    },
  };
}

function attribute(name: string, value: AttributeValue): onnx.IAttributeProto {
  const T = onnx.AttributeProto.AttributeType;
  const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
  if ('int' in value) return { name, type: T.INT, i: value.int };
  if ('ints' in value) return { name, type: T.INTS, ints: value.ints };
  if ('float' in value) return { name, type: T.FLOAT, f: value.float };
  if ('floats' in value) return { name, type: T.FLOATS, floats: value.floats };
  if ('string' in value) return { name, type: T.STRING, s: utf8(value.string) };
  return { name, type: T.STRINGS, strings: value.strings.map(utf8) };
}

function nodeProto(spec: NodeSpec, index: number): onnx.INodeProto {
  return {
    name: `${spec.opType.toLowerCase()}_${index}`,
    opType: spec.opType,
    domain: spec.domain ?? '',
    input: spec.inputs,
    output: spec.outputs,
    attribute: Object.entries(spec.attributes ?? {}).flatMap(([name, value]) =>
      value === undefined ? [] : [attribute(name, value)],
    ),
  };
}

/** Encodes a ModelProto (IR 8). Deterministic: the same spec always gives the same bytes. */
export function encodeModel(spec: GraphSpec): Uint8Array {
  const opsets = spec.opsets ?? { '': 13 };
  const model: onnx.IModelProto = {
    irVersion: IR_VERSION,
    producerName: 'presage-model-fixtures',
    producerVersion: '1',
    opsetImport: Object.entries(opsets).map(([domain, version]) => ({ domain, version })),
    graph: {
      name: spec.name,
      docString: spec.docString ?? '',
      input: spec.inputs.map(valueInfo),
      output: spec.outputs.map(valueInfo),
      node: spec.nodes.map(nodeProto),
      initializer: spec.initializers,
    },
  };
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}

/** Signature entry (`shape` with -1 for symbolic dims) as Presage records it. */
export function signatureOf(spec: ValueSpec): { name: string; dtype: Dtype; shape: number[] } {
  return {
    name: spec.name,
    dtype: spec.dtype,
    shape: spec.shape.map((d) => (typeof d === 'string' ? -1 : d)),
  };
}
