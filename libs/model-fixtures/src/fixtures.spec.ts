import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import type { Fixture, FixtureName, TensorSignature } from './build-fixture';
import { buildFixture, expectedPredictions, FIXTURE_NAMES } from './build-fixture';
import { expectClose } from './expect-close';
import { createPrng } from './prng';

// Runs each fixture with onnxruntime-node directly and checks ORT against the plain-TypeScript expectations.

function toTensor(sig: TensorSignature, rows: unknown[]): ort.Tensor {
  const flat = rows.flatMap((row) => (Array.isArray(row) ? (row.flat(8) as unknown[]) : [row]));
  const dims = [rows.length, ...sig.shape.slice(1)];
  switch (sig.dtype) {
    case 'float32':
      return new ort.Tensor('float32', Float32Array.from(flat as number[]), dims);
    case 'int64':
      return new ort.Tensor(
        'int64',
        BigInt64Array.from(flat as number[], (v) => BigInt(v)),
        dims,
      );
    case 'string':
      return new ort.Tensor('string', flat as string[], dims);
    default:
      throw new Error(`no test conversion for ${sig.dtype}`);
  }
}

function nest(values: unknown[], shape: number[]): unknown {
  const [first, ...rest] = shape;
  if (first === undefined) return values[0];
  const size = rest.reduce((a, b) => a * b, 1);
  return Array.from({ length: first }, (_, i) => nest(values.slice(i * size, (i + 1) * size), rest));
}

async function predictWithOrt(
  session: ort.InferenceSession,
  fixture: Fixture,
  instances: unknown[],
): Promise<unknown[]> {
  const { inputs, outputs } = fixture.signature;
  const feeds: Record<string, ort.Tensor> = {};
  for (const sig of inputs) {
    const rows =
      inputs.length === 1 ? instances : instances.map((i) => (i as Record<string, unknown>)[sig.name]);
    feeds[sig.name] = toTensor(sig, rows);
  }
  const results = await session.run(feeds);
  const perInstance = instances.map((_, index) => {
    const entry: Record<string, unknown> = {};
    for (const sig of outputs) {
      const tensor = results[sig.name]!;
      const values = Array.from(tensor.data as ArrayLike<number | bigint>, (v) => Number(v));
      const size = values.length / instances.length;
      entry[sig.name] = nest(values.slice(index * size, (index + 1) * size), sig.shape.slice(1));
    }
    return entry;
  });
  if (outputs.length === 1) return perInstance.map((entry) => entry[outputs[0]!.name]);
  // AI Platform passes keys that are not inputs through into the prediction object.
  const inputNames = new Set(inputs.map((s) => s.name));
  return perInstance.map((entry, i) => {
    const instance = instances[i];
    if (Array.isArray(instance) || typeof instance !== 'object' || instance === null) return entry;
    const extra = Object.entries(instance).filter(([k]) => !inputNames.has(k));
    return { ...entry, ...Object.fromEntries(extra) };
  });
}

describe('model fixtures', () => {
  let parentDir: string;
  beforeAll(async () => {
    parentDir = await mkdtemp(join(tmpdir(), 'presage-model-fixtures-'));
  });
  afterAll(async () => {
    await rm(parentDir, { recursive: true, force: true });
  });

  it.each(FIXTURE_NAMES)(
    '%s: onnxruntime agrees with the independent expectations',
    async (name: FixtureName) => {
      const fixture = await buildFixture(name, parentDir);
      expect(fixture.dir).toBe(join(parentDir, name));
      const session = await ort.InferenceSession.create(join(fixture.dir, 'model.onnx'));
      try {
        expect(session.inputNames).toEqual(fixture.signature.inputs.map((s) => s.name));
        expect(session.outputNames).toEqual(fixture.signature.outputs.map((s) => s.name));
        expect(fixture.predictions).toHaveLength(fixture.instances.length);
        expectClose(await predictWithOrt(session, fixture, fixture.instances), fixture.predictions);
        // One instance at a time gives the same answers (batch dim is dynamic).
        for (let i = 0; i < fixture.instances.length; i++) {
          expectClose(await predictWithOrt(session, fixture, [fixture.instances[i]]), [
            fixture.predictions[i],
          ]);
        }
      } finally {
        await session.release();
      }
    },
  );

  it('writes the same bytes every time and leaves an identical model in place', async () => {
    const first = await buildFixture('mlp', parentDir);
    const bytes = await readFile(join(first.dir, 'model.onnx'));
    const other = await mkdtemp(join(tmpdir(), 'presage-model-fixtures-'));
    try {
      const again = await buildFixture('mlp', other);
      expect((await readFile(join(again.dir, 'model.onnx'))).equals(bytes)).toBe(true);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
    await buildFixture('mlp', parentDir);
    expect((await readFile(join(first.dir, 'model.onnx'))).equals(bytes)).toBe(true);
  });

  it.each(['linear', 'mlp'] as const)(
    '%s: expectedPredictions matches ORT on a random batch of 32',
    async (name) => {
      const fixture = await buildFixture(name, parentDir);
      const width = fixture.signature.inputs[0]!.shape[1]!;
      const random = createPrng(99);
      const instances = Array.from({ length: 32 }, () =>
        Array.from({ length: width }, () => random() * 4 - 2),
      );
      const session = await ort.InferenceSession.create(join(fixture.dir, 'model.onnx'));
      try {
        expectClose(await predictWithOrt(session, fixture, instances), expectedPredictions(name, instances));
      } finally {
        await session.release();
      }
    },
  );

  it('records signatures with -1 for the batch dim', async () => {
    expect((await buildFixture('string_input', parentDir)).signature).toEqual({
      inputs: [{ name: 'word', dtype: 'string', shape: [-1, 1] }],
      outputs: [{ name: 'label', dtype: 'int64', shape: [-1, 1] }],
    });
    expect((await buildFixture('multi_input', parentDir)).predictions[1]).toEqual({
      sum: [-0.25],
      scaled: [-1, 0.5],
      key: 7,
    });
    expect((await buildFixture('int64_input', parentDir)).predictions[2]).toEqual({
      doubled: [6000000000, -6000000000, 14],
      total: [7],
    });
  });

  it('rejects instances the model cannot take', () => {
    expect(() => expectedPredictions('linear', [[1, 2, 3]])).toThrow('list of 4 numbers');
    expect(() => expectedPredictions('string_input', [[1]])).toThrow('one string');
  });
});
