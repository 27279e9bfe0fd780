import type { FixtureDefinition } from './fixture-definition';
import { numberList, objectInstance } from './fixture-definition';
import { floatTensor, int64Tensor } from './onnx-graph';

const OUTPUTS = ['sum', 'scaled'];

/**
 * multi_input: `a` float32 [N,2], `b` float32 [N,3] → `sum` float32 [N,1] (ReduceSum over Concat(a, b))
 * and `scaled` float32 [N,2] (a · 2). Instances are objects `{a, b}`; as on AI Platform, any other key
 * of an instance (the second sample carries `"key": 7`) is passed through into that prediction object.
 */
export const multiInput: FixtureDefinition = {
  graph: () => ({
    name: 'multi_input',
    inputs: [
      { name: 'a', dtype: 'float32', shape: ['N', 2] },
      { name: 'b', dtype: 'float32', shape: ['N', 3] },
    ],
    outputs: [
      { name: 'sum', dtype: 'float32', shape: ['N', 1] },
      { name: 'scaled', dtype: 'float32', shape: ['N', 2] },
    ],
    nodes: [
      { opType: 'Concat', inputs: ['a', 'b'], outputs: ['ab'], attributes: { axis: { int: 1 } } },
      { opType: 'ReduceSum', inputs: ['ab', 'axes'], outputs: ['sum'], attributes: { keepdims: { int: 1 } } },
      { opType: 'Mul', inputs: ['a', 'two'], outputs: ['scaled'] },
    ],
    initializers: [int64Tensor('axes', [1], [1]), floatTensor('two', [], [2])],
  }),
  instances: [
    { a: [1, 2], b: [3, 4, 5] },
    { a: [-0.5, 0.25], b: [0, 1, -1], key: 7 },
    { a: [0, 0], b: [0.5, 0.5, 0.5] },
  ],
  predict: (instance) => {
    const obj = objectInstance(instance, 'A multi_input instance');
    const a = numberList(obj['a'], 2, 'multi_input `a`').map(Math.fround);
    const b = numberList(obj['b'], 3, 'multi_input `b`').map(Math.fround);
    const prediction: Record<string, unknown> = {
      sum: [Math.fround([...a, ...b].reduce((s, v) => s + v, 0))],
      scaled: a.map((v) => Math.fround(v * 2)),
    };
    for (const [key, value] of Object.entries(obj)) {
      if (key !== 'a' && key !== 'b' && !OUTPUTS.includes(key)) prediction[key] = value;
    }
    return prediction;
  },
};
