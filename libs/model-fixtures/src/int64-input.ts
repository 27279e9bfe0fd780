import type { FixtureDefinition } from './fixture-definition';
import { numberList } from './fixture-definition';
import { int64Tensor } from './onnx-graph';

const FLOAT = 1; // TensorProto.DataType.FLOAT, the Cast target

function ids(instance: unknown): number[] {
  const values = numberList(instance, 3, 'An int64_input instance');
  for (const v of values) {
    if (!Number.isSafeInteger(v) || !Number.isSafeInteger(v * 2)) {
      throw new Error(`int64_input ids must be integers whose doubles are safe integers, got ${v}`);
    }
  }
  return values;
}

/**
 * int64_input: `ids` int64 [N,3] → `doubled` int64 [N,3] (Mul by 2) and `total` float32 [N,1]
 * (Cast to float, ReduceSum). int64 outputs are JSON numbers (safe integers); the third sample holds ids
 * beyond int32 (±3e9) so an int32 narrowing shows.
 */
export const int64Input: FixtureDefinition = {
  graph: () => ({
    name: 'int64_input',
    inputs: [{ name: 'ids', dtype: 'int64', shape: ['N', 3] }],
    outputs: [
      { name: 'doubled', dtype: 'int64', shape: ['N', 3] },
      { name: 'total', dtype: 'float32', shape: ['N', 1] },
    ],
    nodes: [
      { opType: 'Mul', inputs: ['ids', 'two'], outputs: ['doubled'] },
      { opType: 'Cast', inputs: ['ids'], outputs: ['ids_float'], attributes: { to: { int: FLOAT } } },
      {
        opType: 'ReduceSum',
        inputs: ['ids_float', 'axes'],
        outputs: ['total'],
        attributes: { keepdims: { int: 1 } },
      },
    ],
    initializers: [int64Tensor('two', [], [2]), int64Tensor('axes', [1], [1])],
  }),
  instances: [
    [1, 2, 3],
    [-4, 0, 5],
    [3000000000, -3000000000, 7],
  ],
  predict: (instance) => {
    const values = ids(instance);
    return {
      doubled: values.map((v) => v * 2),
      total: [Math.fround(values.reduce((s, v) => Math.fround(s + Math.fround(v)), 0))],
    };
  },
};
