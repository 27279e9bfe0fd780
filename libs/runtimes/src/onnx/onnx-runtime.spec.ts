import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// Only this spec uses the fixtures (a testing lib): the runtime's sources never do.
import { FIXTURE_NAMES, buildFixture, expectClose } from '@presage/model-fixtures';
import type { Fixture } from '@presage/model-fixtures';
import type { ContractFixture } from '../runtime-contract';
import { describeRuntimeContract } from '../runtime-contract';
import type { DType, Tensor } from '../tensor';
import { createOnnxRuntime } from './onnx-runtime';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'presage-onnx-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describeRuntimeContract({
  runtime: () => createOnnxRuntime(),
  fixtureNames: FIXTURE_NAMES,
  fixture: async (name) => contractFixture(await buildFixture(name as Fixture['name'], root)),
  artifactFile: 'model.onnx',
  emptyDir: () => mkdtemp(join(root, 'empty-')),
  corruptDir: async () => {
    const dir = await mkdtemp(join(root, 'corrupt-'));
    await writeFile(join(dir, 'model.onnx'), 'this is not a protobuf');
    return dir;
  },
});

describe('onnx runtime', () => {
  it('says model.onnx is not a file when it is a directory', async () => {
    const dir = await mkdtemp(join(root, 'dir-'));
    await mkdir(join(dir, 'model.onnx'));
    await expect(createOnnxRuntime().load(dir)).rejects.toThrow(
      `No model.onnx in ${dir}: ${dir}/model.onnx is not a file`,
    );
  });
});

/** The fixture's JSON instances as tensors, converted here (not with @presage/instances) to keep the suite independent. */
function contractFixture(fixture: Fixture): ContractFixture {
  const { inputs, outputs } = fixture.signature;
  const valueOf = (item: unknown, name: string, count: number): unknown =>
    count === 1 && (Array.isArray(item) || typeof item !== 'object')
      ? item
      : (item as Record<string, unknown>)[name];
  const feeds: Record<string, Tensor> = {};
  for (const input of inputs) {
    const values = fixture.instances.map((instance) => valueOf(instance, input.name, inputs.length));
    feeds[input.name] = tensorOf(input.dtype, [values.length, ...shapeOf(values[0])], values.flat(Infinity));
  }
  return {
    name: fixture.name,
    dir: fixture.dir,
    signature: fixture.signature,
    feeds,
    check: (results) => {
      for (const output of outputs) {
        const expected = fixture.predictions.flatMap((p) =>
          [valueOf(p, output.name, outputs.length)].flat(Infinity),
        );
        const data = results[output.name]!.data as ArrayLike<number | bigint>;
        expectClose(Array.from(data, Number), expected);
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
      throw new Error(`the contract fixtures have no ${dtype} input`);
  }
}
