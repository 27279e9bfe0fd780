import type { TfjsModelSpec } from './tfjs-graph';
import { dense, numberList } from './fixture-definition';
import type { TfjsWeight } from './tfjs-writer';
import { MLP_SIZES, mlpLayers } from './mlp';

/** One Dense layer of a Sequential TF.js layers model; `w` is the kernel [inSize, units] row-major. */
export interface DenseLayer {
  name: string;
  units: number;
  activation: 'relu' | 'linear';
  w: Float32Array;
  b: Float32Array;
}

/** model.json fields and weights of a Sequential stack of Dense layers taking `inputSize` floats. */
export function sequentialDense(
  name: string,
  inputSize: number,
  layers: readonly DenseLayer[],
): { json: Record<string, unknown>; weights: TfjsWeight[] } {
  const config = layers.map((layer, i) => ({
    class_name: 'Dense',
    config: {
      name: layer.name,
      units: layer.units,
      activation: layer.activation,
      use_bias: true,
      dtype: 'float32',
      trainable: true,
      ...(i === 0 ? { batch_input_shape: [null, inputSize] } : {}),
    },
  }));
  const sizes = [inputSize, ...layers.map((l) => l.units)];
  return {
    json: {
      format: 'layers-model',
      generatedBy: 'presage model-fixtures',
      convertedBy: null,
      modelTopology: {
        class_name: 'Sequential',
        config: { name, layers: config },
        keras_version: 'tfjs-layers 4.22.0',
        backend: 'tensor_flow.js',
      },
    },
    weights: layers.flatMap((layer, i) => [
      { name: `${layer.name}/kernel`, shape: [sizes[i] ?? 0, layer.units], values: layer.w },
      { name: `${layer.name}/bias`, shape: [layer.units], values: layer.b },
    ]),
  };
}

function run(layers: readonly DenseLayer[], input: number[]): number[] {
  return layers.reduce((h, layer) => {
    const out = dense(h, layer.w, layer.b, layer.units);
    return layer.activation === 'relu' ? out.map((v) => (v > 0 ? v : 0)) : out;
  }, input);
}

const SMALL: DenseLayer[] = [
  {
    name: 'hidden',
    units: 5,
    activation: 'relu',
    w: Float32Array.from({ length: 4 * 5 }, (_, i) => ((i * 7) % 11) / 10 - 0.5),
    b: Float32Array.from([0.1, -0.1, 0.2, 0, -0.3]),
  },
  {
    name: 'scores',
    units: 3,
    activation: 'linear',
    w: Float32Array.from({ length: 5 * 3 }, (_, i) => ((i * 5) % 7) / 7 - 0.4),
    b: Float32Array.from([0.05, 0, -0.05]),
  },
];

/** tfjs_layers: Sequential Dense(4→5, relu) → Dense(5→3): input `hidden_input` [N,4], output `scores` [N,3]. */
export const tfjsLayers: TfjsModelSpec = {
  ...sequentialDense('tfjs_layers', 4, SMALL),
  signature: {
    inputs: [{ name: 'hidden_input', dtype: 'float32', shape: [-1, 4] }],
    outputs: [{ name: 'scores', dtype: 'float32', shape: [-1, 3] }],
  },
  instances: [
    [1, 2, 3, 4],
    [-1, 0.5, 0, 2],
    [0.3, -0.7, 1.1, -2],
  ],
  predict: (instance) => run(SMALL, numberList(instance, 4, 'A tfjs_layers instance')),
};

/** The `mlp` fixture (256→1024→1024→16, the same weights as its model.onnx) as a TF.js layers model. */
export function mlpAsDenseLayers(): DenseLayer[] {
  const all = mlpLayers();
  return all.map((l, i) => ({
    name: `dense_${i + 1}`,
    units: l.outSize,
    activation: i < all.length - 1 ? 'relu' : 'linear',
    w: l.w,
    b: l.b,
  }));
}

export const MLP_INPUT_SIZE = MLP_SIZES[0];
