import type { FixtureDefinition } from './fixture-definition';
import { dense, numberList } from './fixture-definition';
import { floatTensor } from './onnx-graph';

// Dyadic weights: with dyadic inputs every product and sum is exact in float32, so most expectations are exact.
const W = [0.5, -1, 0.25, 1, 0.5, -0.5, -0.25, 2, 1, 0.125, 0, -1]; // [4, 3], row-major
const B = [0.5, -0.25, 1];

/** linear: `x` float32 [N,4] → `y` float32 [N,3] = x·W + b (MatMul + Add). */
export const linear: FixtureDefinition = {
  graph: () => ({
    name: 'linear',
    inputs: [{ name: 'x', dtype: 'float32', shape: ['N', 4] }],
    outputs: [{ name: 'y', dtype: 'float32', shape: ['N', 3] }],
    nodes: [
      { opType: 'MatMul', inputs: ['x', 'W'], outputs: ['xW'] },
      { opType: 'Add', inputs: ['xW', 'b'], outputs: ['y'] },
    ],
    initializers: [floatTensor('W', [4, 3], W), floatTensor('b', [3], B)],
  }),
  instances: [
    [1, 2, 3, 4],
    [0, 0, 0, 0],
    [-1.5, 0.5, 2, -3],
    [0.1, 0.2, 0.3, 0.4],
  ],
  predict: (instance) => dense(numberList(instance, 4, 'A linear instance'), W, B, 3),
};
