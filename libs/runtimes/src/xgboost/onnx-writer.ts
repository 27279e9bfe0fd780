import { onnx } from 'onnx-proto';

/** A node attribute, tagged so that ints, floats and strings get the right proto type. */
export type AttributeValue =
  | { int: number }
  | { ints: readonly number[] }
  | { float: number }
  | { floats: readonly number[] }
  | { string: string }
  | { strings: readonly string[] };

export interface NodeSpec {
  opType: string;
  inputs: string[];
  outputs: string[];
  attributes?: Record<string, AttributeValue>;
  /** `''` (the default) is ai.onnx; `'ai.onnx.ml'` the classical-ML operators. */
  domain?: string;
}

/** A graph input or output: float32 or int64, a string dimension is symbolic (`'N'`). */
export interface ValueSpec {
  name: string;
  dtype: 'float32' | 'int64';
  shape: (number | string)[];
}

export interface GraphSpec {
  name: string;
  inputs: ValueSpec[];
  outputs: ValueSpec[];
  nodes: NodeSpec[];
  initializers: onnx.ITensorProto[];
  docString: string;
}

/** Operator sets of every graph written here: ONNX 13 and ai.onnx.ml 3 (TreeEnsembleRegressor). */
const OPSETS = { '': 13, 'ai.onnx.ml': 3 };

/** An int64 initializer (e.g. a Reshape target). */
export function int64Initializer(name: string, dims: number[], values: readonly number[]): onnx.ITensorProto {
  return { name, dims, dataType: onnx.TensorProto.DataType.INT64, int64Data: [...values] };
}

/** Encodes a ModelProto (IR 8) for onnxruntime. */
export function encodeGraph(spec: GraphSpec): Uint8Array {
  const model: onnx.IModelProto = {
    irVersion: 8,
    producerName: 'presage',
    opsetImport: Object.entries(OPSETS).map(([domain, version]) => ({ domain, version })),
    graph: {
      name: spec.name,
      docString: spec.docString,
      input: spec.inputs.map(valueInfo),
      output: spec.outputs.map(valueInfo),
      node: spec.nodes.map(nodeProto),
      initializer: spec.initializers,
    },
  };
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}

function valueInfo(spec: ValueSpec): onnx.IValueInfoProto {
  const elemType =
    spec.dtype === 'float32' ? onnx.TensorProto.DataType.FLOAT : onnx.TensorProto.DataType.INT64;
  return {
    name: spec.name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: spec.shape.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) },
      },
    },
  };
}

function nodeProto(spec: NodeSpec, index: number): onnx.INodeProto {
  return {
    name: `${spec.opType.toLowerCase()}_${index}`,
    opType: spec.opType,
    domain: spec.domain ?? '',
    input: spec.inputs,
    output: spec.outputs,
    attribute: Object.entries(spec.attributes ?? {}).map(([name, value]) => attribute(name, value)),
  };
}

function attribute(name: string, value: AttributeValue): onnx.IAttributeProto {
  const T = onnx.AttributeProto.AttributeType;
  const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
  if ('int' in value) return { name, type: T.INT, i: value.int };
  if ('ints' in value) return { name, type: T.INTS, ints: [...value.ints] };
  if ('float' in value) return { name, type: T.FLOAT, f: value.float };
  if ('floats' in value) return { name, type: T.FLOATS, floats: [...value.floats] };
  if ('string' in value) return { name, type: T.STRING, s: utf8(value.string) };
  return { name, type: T.STRINGS, strings: value.strings.map(utf8) };
}
