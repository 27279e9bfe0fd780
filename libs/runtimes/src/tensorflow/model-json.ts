import { readFile } from 'node:fs/promises';
import { dirname, join, normalize, relative, sep } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { ModelLoadError } from '../model-runtime';
import { unreadableReason } from '../fs-reasons';

export const TFJS_MODEL_FILE = 'model.json';

/** A TF.js `model.json` as tensorflowjs_converter or `model.save()` writes it. */
export interface ModelJson {
  format?: string;
  modelTopology?: unknown;
  weightsManifest?: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  signature?: unknown;
  userDefinedMetadata?: Record<string, unknown>;
  [key: string]: unknown;
}

/** Reads and checks `model.json`; throws a ModelLoadError naming the file and what is wrong. */
export async function readModelJson(path: string): Promise<ModelJson> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = unreadableReason(error, 'file', path);
    throw new ModelLoadError(`No ${TFJS_MODEL_FILE} in ${dirname(path)}: ${reason}`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw invalid(path, `it is not JSON (${(error as Error).message})`, error);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw invalid(path, 'it is not a JSON object');
  }
  const model = json as ModelJson;
  if (typeof model.modelTopology !== 'object' || model.modelTopology === null) {
    const hint = 'learner' in model ? ' (it looks like an XGBoost model: set framework XGBOOST)' : '';
    throw invalid(path, `it has no "modelTopology"${hint}`);
  }
  return model;
}

/** The model's artifacts with every weight shard read from the files next to `model.json`. */
export async function readArtifacts(path: string, model: ModelJson): Promise<tf.io.ModelArtifacts> {
  const dir = dirname(path);
  const manifest = model.weightsManifest ?? [];
  const weightSpecs = manifest.flatMap((group) => group.weights);
  const shards: Buffer[] = [];
  for (const group of manifest) {
    for (const shard of group.paths) {
      const file = normalize(join(dir, shard));
      if (relative(dir, file).startsWith(`..${sep}`)) {
        throw invalid(path, `weight shard "${shard}" is outside the model directory`);
      }
      try {
        shards.push(await readFile(file));
      } catch (error) {
        throw invalid(path, `weight shard ${shard} cannot be read (${(error as Error).message})`, error);
      }
    }
  }
  const weightData = concat(shards);
  const { weightsManifest: _manifest, ...rest } = model;
  return {
    ...(rest as Omit<tf.io.ModelArtifacts, 'weightSpecs' | 'weightData'>),
    modelTopology: model.modelTopology as tf.io.ModelArtifacts['modelTopology'],
    weightSpecs,
    weightData,
  };
}

/** An IOHandler that hands TF.js artifacts already read (TF.js cannot fetch file:// without tfjs-node). */
export function memoryHandler(artifacts: tf.io.ModelArtifacts): tf.io.IOHandler {
  return { load: () => Promise.resolve(artifacts) };
}

export function invalid(path: string, reason: string, cause?: unknown): ModelLoadError {
  return new ModelLoadError(
    `${path} is not a valid TensorFlow.js model: ${reason}`,
    cause === undefined ? undefined : { cause },
  );
}

function concat(buffers: Buffer[]): ArrayBuffer {
  const total = buffers.reduce((sum, b) => sum + b.byteLength, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const b of buffers) {
    out.set(b, offset);
    offset += b.byteLength;
  }
  return out.buffer;
}
