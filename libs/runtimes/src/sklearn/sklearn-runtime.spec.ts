import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { onnx } from 'onnx-proto';
import { defaultRuntimes } from '../default-runtimes';
import { ModelLoadError } from '../model-runtime';
import type { Tensor } from '../tensor';
import { createSklearnRuntime } from './sklearn-runtime';

/** ONNX written by tools/sklearn/build.py in skl2onnx's layout, with sklearn's answers in expected.json. */
const MODELS = resolve(__dirname, '../../../../tools/sklearn/models');
const CLASSIFIER = join(MODELS, 'classifier');
const REGRESSOR = join(MODELS, 'regressor');
const TOLERANCE = 1e-5;

interface Expected {
  instances: number[][];
  labels?: number[];
  probabilities?: number[][];
  predictions?: number[];
}

async function expectedOf(dir: string): Promise<Expected> {
  return JSON.parse(await readFile(join(dir, 'expected.json'), 'utf8')) as Expected;
}

function floatInput(instances: number[][]): Record<string, Tensor> {
  const data = Float32Array.from(instances.flat());
  return { float_input: { dtype: 'float32', shape: [instances.length, instances[0]!.length], data } };
}

/** |a − b| ≤ 1e-5 relative to the value (float32 keeps ~7 digits of a regression's ~150). */
function expectClose(actual: ArrayLike<number>, expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((value, i) =>
    expect(Math.abs(Number(actual[i]) - value)).toBeLessThanOrEqual(TOLERANCE * Math.max(1, Math.abs(value))),
  );
}

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'presage-sklearn-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('sklearn runtime', () => {
  it('answers a classifier’s label per instance for framework SCIKIT_LEARN', async () => {
    const expected = await expectedOf(CLASSIFIER);
    const model = await defaultRuntimes.load(CLASSIFIER, { framework: 'SCIKIT_LEARN' });
    try {
      expect(model.runtime).toBe('sklearn');
      expect(model.signature).toEqual({
        inputs: [{ name: 'float_input', dtype: 'float32', shape: [-1, 4] }],
        outputs: [{ name: 'label', dtype: 'int64', shape: [-1] }],
      });
      const outputs = await model.run(floatInput(expected.instances));
      expect(Object.keys(outputs)).toEqual(['label']);
      expect(Array.from(outputs.label!.data as BigInt64Array, Number)).toEqual(expected.labels);
    } finally {
      await model.close();
    }
  });

  it('answers a regressor’s value per instance, [N, 1] flattened to [N]', async () => {
    const expected = await expectedOf(REGRESSOR);
    const model = await defaultRuntimes.load(REGRESSOR, { framework: 'SCIKIT_LEARN' });
    try {
      expect(model.signature.outputs).toEqual([{ name: 'variable', dtype: 'float32', shape: [-1] }]);
      const { variable } = await model.run(floatInput(expected.instances));
      expect(variable!.shape).toEqual([expected.instances.length]);
      expectClose(variable!.data as Float32Array, expected.predictions!);
    } finally {
      await model.close();
    }
  });

  it('leaves probabilities to framework ONNX, which answers every output, as does detection', async () => {
    const expected = await expectedOf(CLASSIFIER);
    await expect(defaultRuntimes.detect(CLASSIFIER)).resolves.toBe('onnx');
    const model = await defaultRuntimes.load(CLASSIFIER, { framework: 'ONNX' });
    try {
      expect(model.signature.outputs.map((output) => output.name)).toEqual(['label', 'probabilities']);
      const outputs = await model.run(floatInput(expected.instances));
      expect(Array.from(outputs.label!.data as BigInt64Array, Number)).toEqual(expected.labels);
      expectClose(outputs.probabilities!.data as Float32Array, expected.probabilities!.flat());
    } finally {
      await model.close();
    }
  });

  it('refuses a ZipMap output, saying how to export without it', async () => {
    const dir = await mkdtemp(join(root, 'zipmap-'));
    await writeFile(join(dir, 'model.onnx'), await withZipMap(join(CLASSIFIER, 'model.onnx')));
    const failure = createSklearnRuntime().load(dir);
    await expect(failure).rejects.toBeInstanceOf(ModelLoadError);
    await expect(failure).rejects.toThrow(
      `${dir}/model.onnx has outputs that are not tensors (probabilities), e.g. skl2onnx's ZipMap of class ` +
        "probabilities, which Presage does not serve: export with to_onnx(model, X[:1], options={'zipmap': False})",
    );
  });

  it('keeps the onnx runtime’s messages for a missing or corrupt model.onnx', async () => {
    const dir = await mkdtemp(join(root, 'corrupt-'));
    await expect(createSklearnRuntime().load(dir)).rejects.toThrow(`No model.onnx in ${dir}: `);
    await writeFile(join(dir, 'model.onnx'), 'not a protobuf');
    await expect(createSklearnRuntime().load(dir)).rejects.toThrow(
      new RegExp(`^${dir}/model\\.onnx is not a valid ONNX model: .+`),
    );
  });
});

/** The classifier with its probabilities behind skl2onnx's ZipMap: a sequence of {class: probability}. */
async function withZipMap(path: string): Promise<Uint8Array> {
  const model = onnx.ModelProto.decode(await readFile(path));
  const graph = model.graph!;
  const nodes = graph.node!;
  const outputs = graph.output!;
  nodes[0]!.output = ['label', 'probability_tensor'];
  nodes.push(
    onnx.NodeProto.create({
      opType: 'ZipMap',
      domain: 'ai.onnx.ml',
      input: ['probability_tensor'],
      output: ['probabilities'],
      attribute: [
        { name: 'classlabels_int64s', type: onnx.AttributeProto.AttributeType.INTS, ints: [0, 1, 2] },
      ],
    }),
  );
  outputs[1] = onnx.ValueInfoProto.create({
    name: 'probabilities',
    type: {
      sequenceType: {
        elemType: {
          mapType: {
            keyType: onnx.TensorProto.DataType.INT64,
            valueType: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT } },
          },
        },
      },
    },
  });
  return onnx.ModelProto.encode(model).finish();
}
