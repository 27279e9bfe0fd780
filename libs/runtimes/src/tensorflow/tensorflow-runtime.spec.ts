import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
// Only specs use the fixtures (a testing lib): the runtime's sources never do.
import { TFJS_FIXTURE_NAMES, buildTfjsFixture, expectClose } from '@presage/model-fixtures';
import type { TfjsFixture, TfjsFixtureName } from '@presage/model-fixtures';
import { ModelLoadError, ModelRunError } from '../model-runtime';
import type { ContractFixture } from '../runtime-contract';
import { describeRuntimeContract } from '../runtime-contract';
import type { DType, Tensor } from '../tensor';
import { isTensorflowModel } from './tensorflow-detection';
import { createTensorflowRuntime } from './tensorflow-runtime';

const HAS_TFJS_NODE = (() => {
  try {
    require.resolve('@tensorflow/tfjs-node');
    return true;
  } catch {
    return false;
  }
})();

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'presage-tensorflow-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describeRuntimeContract({
  runtime: () => createTensorflowRuntime(),
  fixtureNames: TFJS_FIXTURE_NAMES,
  fixture: async (name) => contractFixture(await buildTfjsFixture(name as TfjsFixtureName, root)),
  artifactFile: 'model.json',
  emptyDir: () => mkdtemp(join(root, 'empty-')),
  corruptDir: async () => {
    const dir = await mkdtemp(join(root, 'corrupt-'));
    await writeFile(join(dir, 'model.json'), '{"modelTopology": ');
    return dir;
  },
});

describe('tensorflow runtime', () => {
  const runtime = createTensorflowRuntime();

  it(`runs on ${HAS_TFJS_NODE ? 'the native backend' : 'WebAssembly'} and says so in its name`, async () => {
    const fixture = await buildTfjsFixture('tfjs_graph', root);
    const model = await runtime.load(fixture.dir);
    await model.close();
    expect(model.runtime).toBe(HAS_TFJS_NODE ? 'tensorflow-node' : 'tensorflow-wasm');
    expect(tf.getBackend()).toBe(HAS_TFJS_NODE ? 'tensorflow' : 'wasm');
  });

  it.each(TFJS_FIXTURE_NAMES.map((name) => [name]))(
    'keeps the number of TF.js tensors flat over 200 predictions of %s',
    async (name) => {
      const fixture = contractFixture(await buildTfjsFixture(name, root));
      const model = await runtime.load(fixture.dir);
      try {
        for (let i = 0; i < 10; i++) await model.run(fixture.feeds!);
        const before = tf.memory().numTensors;
        for (let i = 0; i < 200; i++) await model.run(fixture.feeds!);
        expect(tf.memory().numTensors).toBe(before);
      } finally {
        await model.close();
      }
    },
  );

  it('frees its weights on close', async () => {
    const before = tf.memory().numTensors;
    const model = await runtime.load((await buildTfjsFixture('tfjs_layers', root)).dir);
    expect(tf.memory().numTensors).toBeGreaterThan(before);
    await model.close();
    expect(tf.memory().numTensors).toBe(before);
  });

  it("names a graph model's inputs and outputs by their nodes when model.json has no signature", async () => {
    const fixture = await buildTfjsFixture('tfjs_graph', join(root, 'unsigned'));
    const path = join(fixture.dir, 'model.json');
    const { signature: _dropped, ...json } = JSON.parse(await readFile(path, 'utf8')) as Record<
      string,
      unknown
    >;
    await writeFile(path, JSON.stringify(json));
    const model = await runtime.load(fixture.dir);
    try {
      expect(model.signature).toEqual({
        inputs: [{ name: 'x', dtype: 'float32', shape: [-1, 4] }],
        outputs: [{ name: 'Identity', dtype: 'float32', shape: [-1] }],
      });
      const outputs = await model.run({ x: floatTensor([1, 4], [1, 2, 3, 4]) });
      expectClose(Array.from(outputs['Identity']!.data as Float32Array), fixture.predictions[0]);
    } finally {
      await model.close();
    }
  });

  it('serves the signature asked for and lists the ones there are otherwise', async () => {
    const fixture = await buildTfjsFixture('tfjs_graph', root);
    const model = await runtime.load(fixture.dir, { signatureName: 'serving_default' });
    await model.close();
    await expect(runtime.load(fixture.dir, { signatureName: 'predict_proba' })).rejects.toThrow(
      `${fixture.dir}/model.json has no signature "predict_proba"; it has: serving_default. ` +
        'tensorflowjs_converter keeps one signature: convert with `--signature_name predict_proba` to serve it.',
    );
  });

  it('takes int64 inputs as int32 and refuses values TF.js cannot hold', async () => {
    const fixture = await buildTfjsFixture('tfjs_multi_input', root);
    const model = await runtime.load(fixture.dir);
    try {
      const feeds = {
        text_bytes: { dtype: 'string', shape: [1], data: ['a'] } as Tensor,
        x: floatTensor([1, 2], [1, 2]),
        k: { dtype: 'int64', shape: [1, 1], data: BigInt64Array.from([2n ** 40n]) } as Tensor,
      };
      await expect(model.run(feeds)).rejects.toThrow(
        new ModelRunError(
          "input 'k' holds 1099511627776, outside the 32-bit integers TensorFlow.js computes with",
        ),
      );
    } finally {
      await model.close();
    }
  });

  it('says what a model.json that is not TF.js is', async () => {
    const dir = await mkdtemp(join(root, 'xgboost-'));
    await writeFile(join(dir, 'model.json'), '{"learner": {}, "version": [2, 0, 0]}');
    await expect(runtime.load(dir)).rejects.toThrow(
      `${dir}/model.json is not a valid TensorFlow.js model: it has no "modelTopology" (it looks like an XGBoost model: set framework XGBOOST)`,
    );
  });

  it('names a missing weight shard', async () => {
    const fixture = await buildTfjsFixture('tfjs_layers', join(root, 'no-weights'));
    await rm(join(fixture.dir, 'group1-shard1of1.bin'));
    await expect(runtime.load(fixture.dir)).rejects.toThrow(
      new RegExp(
        `^${fixture.dir}/model.json is not a valid TensorFlow.js model: weight shard group1-shard1of1.bin cannot be read`,
      ),
    );
  });
});

(HAS_TFJS_NODE ? describe.skip : describe)('a SavedModel without @tensorflow/tfjs-node', () => {
  it('fails to load with how to enable the native backend or convert the model', async () => {
    const dir = await mkdtemp(join(root, 'saved-'));
    await writeFile(join(dir, 'saved_model.pb'), 'not really a graph');
    await mkdir(join(dir, 'variables'));
    const failure = createTensorflowRuntime().load(dir);
    await expect(failure).rejects.toBeInstanceOf(ModelLoadError);
    await expect(failure).rejects.toThrow(
      'This is a TensorFlow SavedModel; running it needs the native backend: `npm install @tensorflow/tfjs-node` ' +
        'on a machine with internet access, or convert the model: to ONNX with ' +
        `\`python -m tf2onnx.convert --saved-model ${dir} --output model.onnx\`, or to TF.js with ` +
        `\`tensorflowjs_converter --input_format=tf_saved_model ${dir} <out>\``,
    );
  });
});

if (!HAS_TFJS_NODE) {
  console.log(
    'Skipping the SavedModel tests on the native backend: @tensorflow/tfjs-node is not installed ' +
      '(its install downloads libtensorflow, which this machine cannot reach). The contract suite ran on WebAssembly.',
  );
}
(HAS_TFJS_NODE ? describe : describe.skip)('a SavedModel with @tensorflow/tfjs-node', () => {
  it('says a broken saved_model.pb is not a valid SavedModel', async () => {
    const dir = await mkdtemp(join(root, 'saved-native-'));
    await writeFile(join(dir, 'saved_model.pb'), 'not really a graph');
    await expect(createTensorflowRuntime().load(dir)).rejects.toThrow(
      new RegExp(`^${dir}(/saved_model.pb is not a valid SavedModel|: the SavedModel has no)`),
    );
  });
});

describe('telling a TF.js model.json from XGBoost', () => {
  it.each([
    ['a graph model', { format: 'graph-model', modelTopology: { node: [] } }, true],
    ['a Keras topology', { modelTopology: { class_name: 'Sequential' } }, true],
    ['an XGBoost booster', { learner: {}, version: [2, 0, 0] }, false],
    ['other JSON', { hello: 'world' }, false],
  ])('%s', async (_what, json, expected) => {
    const dir = await mkdtemp(join(root, 'detect-'));
    await writeFile(join(dir, 'model.json'), JSON.stringify(json));
    expect(await isTensorflowModel(dir, ['model.json'])).toBe(expected);
  });

  it('takes saved_model.pb as TensorFlow and unreadable JSON as not', async () => {
    const dir = await mkdtemp(join(root, 'detect-'));
    await writeFile(join(dir, 'model.json'), 'not json');
    expect(await isTensorflowModel(dir, ['model.json'])).toBe(false);
    expect(await isTensorflowModel(dir, ['saved_model.pb', 'variables'])).toBe(true);
  });
});

function floatTensor(shape: number[], values: number[]): Tensor {
  return { dtype: 'float32', shape, data: Float32Array.from(values) };
}

/** The fixture's JSON instances as tensors (`{"b64"}` decoded to text), converted here to keep the suite independent. */
function contractFixture(fixture: TfjsFixture): ContractFixture {
  const { inputs, outputs } = fixture.signature;
  const valueOf = (item: unknown, name: string, count: number): unknown =>
    count === 1 && (Array.isArray(item) || typeof item !== 'object')
      ? item
      : (item as Record<string, unknown>)[name];
  const leaf = (value: unknown): unknown =>
    value !== null && typeof value === 'object' && 'b64' in value
      ? Buffer.from(String(value.b64), 'base64').toString('utf8')
      : value;
  const feeds: Record<string, Tensor> = {};
  for (const input of inputs) {
    const values = fixture.instances.map((instance) => valueOf(instance, input.name, inputs.length));
    const flat = values.flat(Infinity).map(leaf);
    feeds[input.name] = tensorOf(input.dtype, [values.length, ...shapeOf(values[0])], flat);
  }
  return {
    name: fixture.name,
    dir: fixture.dir,
    signature: fixture.signature,
    feeds,
    check: (results) => {
      for (const output of outputs) {
        const expected = fixture.predictions.flatMap((p) =>
          [valueOf(p, output.name, outputs.length)].flat(Infinity).map(leaf),
        );
        const data = results[output.name]!.data as ArrayLike<number | bigint | string>;
        expectClose(
          Array.from(data, (v) => (typeof v === 'bigint' ? Number(v) : v)),
          expected,
        );
      }
    },
  };
}

function shapeOf(value: unknown): number[] {
  return Array.isArray(value) ? [value.length, ...shapeOf(value[0])] : [];
}

function tensorOf(dtype: DType, shape: number[], flat: unknown[]): Tensor {
  switch (dtype) {
    case 'float32':
      return { dtype, shape, data: Float32Array.from(flat as number[]) };
    case 'int64':
      return { dtype, shape, data: BigInt64Array.from(flat as number[], (v) => BigInt(v)) };
    case 'string':
      return { dtype, shape, data: flat as string[] };
    default:
      throw new Error(`the TF.js fixtures have no ${dtype} input`);
  }
}
