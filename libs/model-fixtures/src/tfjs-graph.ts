import type { TensorSignature } from './build-fixture';
import { dense, numberList, objectInstance } from './fixture-definition';
import type { TfjsWeight } from './tfjs-writer';

/** A TF.js model written by hand: model.json fields besides the weights manifest, and its weights. */
export interface TfjsModelSpec {
  json: Record<string, unknown>;
  weights: TfjsWeight[];
  signature: { inputs: TensorSignature[]; outputs: TensorSignature[] };
  instances: unknown[];
  predict(instance: unknown): unknown;
}

type TfType = 'DT_FLOAT' | 'DT_INT64' | 'DT_STRING';
type Attr = Record<string, unknown>;

const shapeAttr = (shape: number[]) => ({ dim: shape.map((size) => ({ size: String(size) })) });
const type = (t: TfType) => ({ type: t });

function placeholder(name: string, dtype: TfType, shape: number[]): Attr {
  return { name, op: 'Placeholder', attr: { dtype: type(dtype), shape: { shape: shapeAttr(shape) } } };
}

function constant(name: string, shape: number[]): Attr {
  return {
    name,
    op: 'Const',
    attr: {
      value: { tensor: { dtype: 'DT_FLOAT', tensorShape: shapeAttr(shape) } },
      dtype: type('DT_FLOAT'),
    },
  };
}

function op(name: string, kind: string, inputs: string[], attr: Attr = { T: type('DT_FLOAT') }): Attr {
  return { name, op: kind, input: inputs, attr };
}

function sigTensor(name: string, dtype: TfType, shape: number[]) {
  return { name: `${name}:0`, dtype, tensorShape: shapeAttr(shape) };
}

function graphJson(nodes: Attr[], signature: Attr): Record<string, unknown> {
  return {
    format: 'graph-model',
    generatedBy: 'presage model-fixtures',
    convertedBy: 'hand-written GraphDef JSON',
    modelTopology: { node: nodes, library: {}, versions: { producer: 1982 } },
    signature,
  };
}

const LINEAR_W = Float32Array.from([0.5, -1, 0.25, 1, 0.75, -0.5, -0.25, 0.5, 1, 2, 0, -1]);
const LINEAR_B = Float32Array.from([0.1, -0.2, 0.3]);

/**
 * tfjs_graph: `x` float32 [N,4] → MatMul(W [4,3]) → AddV2(b) → Identity, served as `scores` [N,3] by its
 * serving_default signature (the alias differs from the node name, as converted Keras models do).
 */
export const tfjsGraph: TfjsModelSpec = {
  json: graphJson(
    [
      placeholder('x', 'DT_FLOAT', [-1, 4]),
      constant('W', [4, 3]),
      constant('b', [3]),
      op('MatMul', 'MatMul', ['x', 'W'], {
        T: type('DT_FLOAT'),
        transpose_a: { b: false },
        transpose_b: { b: false },
      }),
      op('add', 'AddV2', ['MatMul', 'b']),
      op('Identity', 'Identity', ['add']),
    ],
    {
      inputs: { x: sigTensor('x', 'DT_FLOAT', [-1, 4]) },
      outputs: { scores: sigTensor('Identity', 'DT_FLOAT', [-1, 3]) },
    },
  ),
  weights: [
    { name: 'W', shape: [4, 3], values: LINEAR_W },
    { name: 'b', shape: [3], values: LINEAR_B },
  ],
  signature: {
    inputs: [{ name: 'x', dtype: 'float32', shape: [-1, 4] }],
    outputs: [{ name: 'scores', dtype: 'float32', shape: [-1, 3] }],
  },
  instances: [
    [1, 2, 3, 4],
    [-1, 0.5, 0, 2],
    [0, 0, 0, 0],
  ],
  predict: (instance) => dense(numberList(instance, 4, 'A tfjs_graph instance'), LINEAR_W, LINEAR_B, 3),
};

/**
 * tfjs_multi_input: `text_bytes` string [N] → Identity → `echo_bytes`; `x` float32 [N,2] times `k` int64
 * [N,1] (Cast to float) → `scaled` [N,2]. Instances are `{"text_bytes": {"b64"}, "x": [..], "k": [n]}`.
 */
export const tfjsMultiInput: TfjsModelSpec = {
  json: graphJson(
    [
      placeholder('text_bytes', 'DT_STRING', [-1]),
      placeholder('x', 'DT_FLOAT', [-1, 2]),
      placeholder('k', 'DT_INT64', [-1, 1]),
      op('echo', 'Identity', ['text_bytes'], { T: type('DT_STRING') }),
      op('k_float', 'Cast', ['k'], { SrcT: type('DT_INT64'), DstT: type('DT_FLOAT') }),
      op('scaled', 'Mul', ['x', 'k_float']),
    ],
    {
      inputs: {
        text_bytes: sigTensor('text_bytes', 'DT_STRING', [-1]),
        x: sigTensor('x', 'DT_FLOAT', [-1, 2]),
        k: sigTensor('k', 'DT_INT64', [-1, 1]),
      },
      outputs: {
        echo_bytes: sigTensor('echo', 'DT_STRING', [-1]),
        scaled: sigTensor('scaled', 'DT_FLOAT', [-1, 2]),
      },
    },
  ),
  weights: [],
  signature: {
    inputs: [
      { name: 'text_bytes', dtype: 'string', shape: [-1] },
      { name: 'x', dtype: 'float32', shape: [-1, 2] },
      { name: 'k', dtype: 'int64', shape: [-1, 1] },
    ],
    outputs: [
      { name: 'echo_bytes', dtype: 'string', shape: [-1] },
      { name: 'scaled', dtype: 'float32', shape: [-1, 2] },
    ],
  },
  instances: [
    { text_bytes: { b64: Buffer.from('héllo wörld').toString('base64') }, x: [1.5, -2], k: [3] },
    { text_bytes: { b64: Buffer.from('').toString('base64') }, x: [0.25, 4], k: [-2] },
  ],
  predict: (instance) => {
    const obj = objectInstance(instance, 'A tfjs_multi_input instance');
    const text = obj['text_bytes'] as { b64?: unknown } | undefined;
    if (typeof text?.b64 !== 'string')
      throw new Error('tfjs_multi_input `text_bytes` must be {"b64": "..."}');
    const x = numberList(obj['x'], 2, 'tfjs_multi_input `x`').map(Math.fround);
    const [k] = numberList(obj['k'], 1, 'tfjs_multi_input `k`');
    return { echo_bytes: { b64: text.b64 }, scaled: x.map((v) => Math.fround(v * (k ?? 0))) };
  },
};
