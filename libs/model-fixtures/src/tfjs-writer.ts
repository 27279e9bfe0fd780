import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One float32 weight of a TF.js model. */
export interface TfjsWeight {
  name: string;
  shape: number[];
  values: Float32Array;
}

export const TFJS_WEIGHTS_FILE = 'group1-shard1of1.bin';

/**
 * Writes `model.json` (with a weights manifest for `weights`) and its one weight shard into `dir`. Each file
 * goes through a temporary name and a rename, the shard first, so readers never see half a model.
 */
export async function writeTfjsModel(
  dir: string,
  json: Record<string, unknown>,
  weights: readonly TfjsWeight[],
): Promise<void> {
  await mkdir(dir, { recursive: true });
  const shard = Buffer.concat(
    weights.map((w) => Buffer.from(w.values.buffer, w.values.byteOffset, w.values.byteLength)),
  );
  const manifest = [
    {
      paths: [TFJS_WEIGHTS_FILE],
      weights: weights.map((w) => ({ name: w.name, shape: w.shape, dtype: 'float32' })),
    },
  ];
  await atomicWrite(join(dir, TFJS_WEIGHTS_FILE), shard);
  await atomicWrite(join(dir, 'model.json'), JSON.stringify({ ...json, weightsManifest: manifest }, null, 1));
}

async function atomicWrite(file: string, data: string | Buffer): Promise<void> {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}
