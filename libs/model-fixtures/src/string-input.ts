import type { FixtureDefinition } from './fixture-definition';

const LABELS = new Map<string, number>([
  ['cat', 1],
  ['dog', 2],
  ['bird', 3],
  ['fish', 4],
]);
const DEFAULT_LABEL = -1;

/** string_input: `word` string [N,1] → `label` int64 [N,1] by ai.onnx.ml LabelEncoder (unknown words → -1). */
export const stringInput: FixtureDefinition = {
  graph: () => ({
    name: 'string_input',
    inputs: [{ name: 'word', dtype: 'string', shape: ['N', 1] }],
    outputs: [{ name: 'label', dtype: 'int64', shape: ['N', 1] }],
    nodes: [
      {
        opType: 'LabelEncoder',
        domain: 'ai.onnx.ml',
        inputs: ['word'],
        outputs: ['label'],
        attributes: {
          keys_strings: { strings: [...LABELS.keys()] },
          values_int64s: { ints: [...LABELS.values()] },
          default_int64: { int: DEFAULT_LABEL },
        },
      },
    ],
    initializers: [],
    opsets: { '': 13, 'ai.onnx.ml': 2 },
  }),
  instances: [['cat'], ['dog'], ['zebra'], ['fish']],
  predict: (instance) => {
    if (!Array.isArray(instance) || instance.length !== 1 || typeof instance[0] !== 'string') {
      throw new Error(
        `A string_input instance must be a list of one string, got ${JSON.stringify(instance)}`,
      );
    }
    return [LABELS.get(instance[0]) ?? DEFAULT_LABEL];
  },
};
