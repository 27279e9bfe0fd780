import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defaultRuntimes } from '../default-runtimes';
import type { ModelSignature } from '../model-runtime';
import { ModelLoadError } from '../model-runtime';
import type { ContractFixture } from '../runtime-contract';
import { describeRuntimeContract } from '../runtime-contract';
import type { Tensor } from '../tensor';
import { createXgboostRuntime, isXgboostModel } from './xgboost-runtime';

/** Boosters trained by tools/xgboost/train.py, with XGBoost's own predictions in expected.json. */
const MODELS = resolve(__dirname, '../../../../tools/xgboost/models');
const FIXTURES = ['reg-squarederror', 'binary-logistic', 'multi-softprob'] as const;
const TOLERANCE = 1e-5;

interface Expected {
  objective: string;
  /** null is a missing feature. */
  instances: (number | null)[][];
  predictions: (number | number[])[];
}

const SIGNATURES: Record<(typeof FIXTURES)[number], ModelSignature> = {
  'reg-squarederror': {
    inputs: [{ name: 'features', dtype: 'float32', shape: [-1, 10] }],
    outputs: [{ name: 'value', dtype: 'float32', shape: [-1] }],
  },
  'binary-logistic': {
    inputs: [{ name: 'features', dtype: 'float32', shape: [-1, 6] }],
    outputs: [{ name: 'probability', dtype: 'float32', shape: [-1] }],
  },
  'multi-softprob': {
    inputs: [{ name: 'features', dtype: 'float32', shape: [-1, 4] }],
    outputs: [{ name: 'probabilities', dtype: 'float32', shape: [-1, 3] }],
  },
};

async function expectedOf(name: string): Promise<Expected> {
  return JSON.parse(await readFile(join(MODELS, name, 'expected.json'), 'utf8')) as Expected;
}

function featuresOf(instances: (number | null)[][]): Record<string, Tensor> {
  const data = Float32Array.from(instances.flat(), (value) => (value === null ? NaN : value));
  return { features: { dtype: 'float32', shape: [instances.length, instances[0]!.length], data } };
}

/** The largest |ours − XGBoost's| over every value. */
function maxDifference(tensor: Tensor, expected: (number | number[])[]): number {
  const want = expected.flat();
  expect(tensor.data).toHaveLength(want.length);
  return Math.max(...want.map((value, i) => Math.abs(value - Number(tensor.data[i]))));
}

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'presage-xgboost-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describeRuntimeContract({
  runtime: () => createXgboostRuntime(),
  fixtureNames: FIXTURES,
  fixture: async (name): Promise<ContractFixture> => {
    const expected = await expectedOf(name);
    const signature = SIGNATURES[name as (typeof FIXTURES)[number]];
    return {
      name,
      dir: join(MODELS, name),
      signature,
      feeds: featuresOf(expected.instances),
      check: (outputs) => {
        const output = outputs[signature.outputs[0]!.name]!;
        expect(maxDifference(output, expected.predictions)).toBeLessThanOrEqual(TOLERANCE);
      },
    };
  },
  artifactFile: 'model.json',
  emptyDir: () => mkdtemp(join(root, 'empty-')),
  corruptDir: async () => {
    const dir = await mkdtemp(join(root, 'corrupt-'));
    await writeFile(join(dir, 'model.json'), '{"learner": ');
    return dir;
  },
});

describe('xgboost runtime', () => {
  it.each(FIXTURES)('predicts %s as XGBoost does, a missing (null) feature included', async (name) => {
    const expected = await expectedOf(name);
    expect(expected.instances.some((row) => row.includes(null))).toBe(true);
    const model = await defaultRuntimes.load(join(MODELS, name), { framework: 'XGBOOST' });
    try {
      expect(model.runtime).toBe('xgboost');
      const outputs = await model.run(featuresOf(expected.instances));
      const output = outputs[model.signature.outputs[0]!.name]!;
      const difference = maxDifference(output, expected.predictions);
      expect(difference).toBeLessThanOrEqual(TOLERANCE);
    } finally {
      await model.close();
    }
  });

  it('is detected from model.json when the framework is unset, and a TF.js model.json is not', async () => {
    await expect(defaultRuntimes.detect(join(MODELS, 'binary-logistic'))).resolves.toBe('xgboost');
    const tfjs = await mkdtemp(join(root, 'tfjs-'));
    await writeFile(join(tfjs, 'model.json'), JSON.stringify({ format: 'graph-model', modelTopology: {} }));
    await expect(isXgboostModel(tfjs)).resolves.toBe(false);
    await expect(defaultRuntimes.detect(tfjs, { framework: 'XGBOOST' })).rejects.toThrow(
      /The version's framework is XGBOOST, which needs model\.onnx, or model\.json/,
    );
  });

  it('answers the class index for multi:softmax', async () => {
    const dir = await copyWith('multi-softprob', (learner) => {
      learner.objective = { name: 'multi:softmax', softmax_multiclass_param: { num_class: '3' } };
    });
    const expected = await expectedOf('multi-softprob');
    const model = await createXgboostRuntime().load(dir);
    try {
      expect(model.signature.outputs).toEqual([{ name: 'label', dtype: 'int64', shape: [-1] }]);
      const { label } = await model.run(featuresOf(expected.instances));
      const argmax = (row: number[]): number => row.indexOf(Math.max(...row));
      expect(Array.from(label!.data as BigInt64Array, Number)).toEqual(
        (expected.predictions as number[][]).map(argmax),
      );
    } finally {
      await model.close();
    }
  });

  it.each([
    [
      'an unsupported objective, listing the supported ones',
      (learner: Learner) => (learner.objective = { name: 'rank:pairwise' }),
      'objective rank:pairwise is not supported; Presage converts reg:squarederror, reg:linear, reg:logistic, binary:logistic, multi:softprob, multi:softmax',
    ],
    [
      'a gblinear booster',
      (learner: Learner) => (learner.gradient_booster = { name: 'gblinear', model: {} }),
      "the gblinear booster is not supported; Presage converts gbtree models (booster='gbtree')",
    ],
    [
      'categorical splits',
      (learner: Learner) => {
        const trees = (learner.gradient_booster as { model: { trees: { split_type: number[] }[] } }).model
          .trees;
        trees[0]!.split_type[0] = 1;
      },
      'trees[0] has categorical splits, which Presage does not convert; one-hot encode categorical features',
    ],
  ])('refuses %s', async (_, edit, reason) => {
    const dir = await copyWith('binary-logistic', edit);
    const failure = createXgboostRuntime().load(dir);
    await expect(failure).rejects.toBeInstanceOf(ModelLoadError);
    await expect(failure).rejects.toThrow(`${dir}/model.json is not a valid XGBoost model: ${reason}`);
  });
});

type Learner = Record<string, unknown>;

/** A copy of a fixture with its learner edited. */
async function copyWith(name: string, edit: (learner: Learner) => void): Promise<string> {
  const dir = await mkdtemp(join(root, `${name}-`));
  await mkdir(dir, { recursive: true });
  await cp(join(MODELS, name, 'model.json'), join(dir, 'model.json'));
  const document = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as { learner: Learner };
  edit(document.learner);
  await writeFile(join(dir, 'model.json'), JSON.stringify(document));
  return dir;
}

describe('xgboost JSON instances', () => {
  it('takes feature vectors with null as missing and answers one prediction per instance', async () => {
    const model = await createXgboostRuntime().load(join(MODELS, 'multi-softprob'));
    try {
      const expected = await expectedOf('multi-softprob');
      const predictions = (await model.predictInstances!(expected.instances, {})) as number[][];
      expect(predictions).toHaveLength(expected.instances.length);
      const want = expected.predictions as number[][];
      const difference = Math.max(
        ...predictions.flatMap((row, i) => row.map((p, c) => Math.abs(p - want[i]![c]!))),
      );
      expect(difference).toBeLessThanOrEqual(TOLERANCE);
      const [first] = (await model.predictInstances!(
        [{ features: expected.instances[0] }],
        {},
      )) as number[][];
      expect(first).toEqual(predictions[0]);
    } finally {
      await model.close();
    }
  });

  it.each([
    [
      [[1, 2, 3]],
      "Failed to process element: 0 of 'instances' list. Error: expected a list of 4 features (numbers, null for missing), got [1,2,3]",
    ],
    [
      [
        [1, 2, 3, 4],
        [1, '2', 3, 4],
      ],
      'Failed to process element: 1 of \'instances\' list. Error: feature 1 is "2"; features are numbers, or null when missing',
    ],
    [[], '"instances" must not be empty'],
  ])('refuses %j naming the instance', async (instances, message) => {
    const model = await createXgboostRuntime().load(join(MODELS, 'multi-softprob'));
    try {
      await expect(model.predictInstances!(instances, {})).rejects.toThrow(message);
    } finally {
      await model.close();
    }
  });
});
