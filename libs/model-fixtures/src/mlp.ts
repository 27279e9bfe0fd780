import type { FixtureDefinition } from './fixture-definition';
import { dense, numberList } from './fixture-definition';
import { floatTensor } from './onnx-graph';
import { createPrng, uniformFloat32 } from './prng';

/** Layer widths: 256 → 1024 → 1024 → 16 (~1.3 M float32 weights, a ~5 MB model). */
export const MLP_SIZES = [256, 1024, 1024, 16] as const;
const WEIGHT_SEED = 20240601;
const INSTANCE_SEED = 7;

export interface MlpLayer {
  w: Float32Array;
  b: Float32Array;
  inSize: number;
  outSize: number;
}

let cachedLayers: MlpLayer[] | undefined;

/** Weights uniform in ±1/√fan_in from a seeded PRNG; generated once per process. */
function layers(): MlpLayer[] {
  if (cachedLayers === undefined) {
    const random = createPrng(WEIGHT_SEED);
    cachedLayers = MLP_SIZES.slice(1).map((outSize, i) => {
      const inSize = MLP_SIZES[i] ?? 0;
      const limit = 1 / Math.sqrt(inSize);
      return {
        w: uniformFloat32(random, inSize * outSize, limit),
        b: uniformFloat32(random, outSize, limit),
        inSize,
        outSize,
      };
    });
  }
  return cachedLayers;
}

/** The mlp's weights (W as [inSize, outSize] row-major, as in model.onnx): for the same MLP in other formats. */
export function mlpLayers(): readonly MlpLayer[] {
  return layers();
}

/** Sample instances: values k/64 (exact in float32 and short in JSON) from a seeded PRNG. */
function sampleInstances(count: number): number[][] {
  const random = createPrng(INSTANCE_SEED);
  return Array.from({ length: count }, () =>
    Array.from({ length: MLP_SIZES[0] }, () => Math.floor(random() * 129 - 64) / 64),
  );
}

/** mlp: `x` float32 [N,256] → (MatMul+Add, Relu) ×2 → MatMul+Add → `y` float32 [N,16]. */
export const mlp: FixtureDefinition = {
  graph: () => {
    const [l1, l2, l3] = layers();
    if (l1 === undefined || l2 === undefined || l3 === undefined) throw new Error('mlp needs three layers');
    return {
      name: 'mlp',
      inputs: [{ name: 'x', dtype: 'float32', shape: ['N', MLP_SIZES[0]] }],
      outputs: [{ name: 'y', dtype: 'float32', shape: ['N', MLP_SIZES[3]] }],
      nodes: [
        { opType: 'MatMul', inputs: ['x', 'W1'], outputs: ['h1_mm'] },
        { opType: 'Add', inputs: ['h1_mm', 'b1'], outputs: ['h1_pre'] },
        { opType: 'Relu', inputs: ['h1_pre'], outputs: ['h1'] },
        { opType: 'MatMul', inputs: ['h1', 'W2'], outputs: ['h2_mm'] },
        { opType: 'Add', inputs: ['h2_mm', 'b2'], outputs: ['h2_pre'] },
        { opType: 'Relu', inputs: ['h2_pre'], outputs: ['h2'] },
        { opType: 'MatMul', inputs: ['h2', 'W3'], outputs: ['y_mm'] },
        { opType: 'Add', inputs: ['y_mm', 'b3'], outputs: ['y'] },
      ],
      initializers: [l1, l2, l3].flatMap((l, i) => [
        floatTensor(`W${i + 1}`, [l.inSize, l.outSize], l.w),
        floatTensor(`b${i + 1}`, [l.outSize], l.b),
      ]),
    };
  },
  instances: sampleInstances(3),
  predict: (instance) => {
    let h: number[] = numberList(instance, MLP_SIZES[0], 'An mlp instance');
    const all = layers();
    all.forEach((l, i) => {
      h = dense(h, l.w, l.b, l.outSize);
      if (i < all.length - 1) h = h.map((v) => (v > 0 ? v : 0));
    });
    return h;
  },
};
