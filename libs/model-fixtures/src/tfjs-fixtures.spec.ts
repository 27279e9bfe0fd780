import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mlpLayers } from './mlp';
import type { TfjsFixtureName } from './tfjs-fixtures';
import { TFJS_FIXTURE_NAMES, buildTfjsFixture, writeTfjsMlp } from './tfjs-fixtures';

// The TF.js runtime's spec runs these models; here: what is on disk matches what the fixtures promise.

interface Manifest {
  weightsManifest: { paths: string[]; weights: { name: string; shape: number[] }[] }[];
}

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'presage-tfjs-fixtures-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function shardBytesMatchManifest(dir: string): Promise<Manifest> {
  const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as Manifest;
  const group = json.weightsManifest[0]!;
  const floats = group.weights.reduce((sum, w) => sum + w.shape.reduce((a, b) => a * b, 1), 0);
  expect((await stat(join(dir, group.paths[0]!))).size).toBe(floats * 4);
  return json;
}

describe('TF.js fixtures', () => {
  it.each(TFJS_FIXTURE_NAMES.map((name) => [name]))(
    '%s: writes model.json with a shard its manifest describes, and one prediction per instance',
    async (name) => {
      const fixture = await buildTfjsFixture(name, root);
      expect(fixture.dir).toBe(join(root, name));
      await shardBytesMatchManifest(fixture.dir);
      expect(fixture.predictions).toHaveLength(fixture.instances.length);
    },
  );

  it('rebuilds over an existing fixture and refuses an unknown name, listing the valid ones', async () => {
    await buildTfjsFixture('tfjs_graph', root);
    await expect(buildTfjsFixture('tfjs_graph', root)).resolves.toMatchObject({ name: 'tfjs_graph' });
    await expect(buildTfjsFixture('nope' as TfjsFixtureName, root)).rejects.toThrow(
      'Unknown TF.js fixture "nope"; valid: tfjs_graph, tfjs_layers, tfjs_multi_input',
    );
  });

  it("writes the mlp with the ONNX fixture's weights, kernel [in, out] as in MatMul", async () => {
    const dir = join(root, 'mlp');
    await writeTfjsMlp(dir);
    const json = await shardBytesMatchManifest(dir);
    const shapes = json.weightsManifest[0]!.weights.map((w) => w.shape);
    expect(shapes).toEqual(mlpLayers().flatMap((l) => [[l.inSize, l.outSize], [l.outSize]]));
    const shard = await readFile(join(dir, json.weightsManifest[0]!.paths[0]!));
    const first = mlpLayers()[0]!.w;
    expect(new Float32Array(shard.buffer, shard.byteOffset, first.length)).toEqual(first);
  });
});
