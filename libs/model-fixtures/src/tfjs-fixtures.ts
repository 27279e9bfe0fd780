import { join } from 'node:path';
import type { TensorSignature } from './build-fixture';
import type { TfjsModelSpec } from './tfjs-graph';
import { tfjsGraph, tfjsMultiInput } from './tfjs-graph';
import { MLP_INPUT_SIZE, mlpAsDenseLayers, sequentialDense, tfjsLayers } from './tfjs-layers';
import { writeTfjsModel } from './tfjs-writer';

export type TfjsFixtureName = 'tfjs_graph' | 'tfjs_layers' | 'tfjs_multi_input';

/** A TF.js model on disk with its instances and expected predictions, shaped like `Fixture`. */
export interface TfjsFixture {
  name: TfjsFixtureName;
  /** Directory holding model.json and its weight shard (a valid AI Platform deploymentUri). */
  dir: string;
  /** AI Platform instances and the predictions for them (floats: compare with `expectClose`). */
  instances: unknown[];
  predictions: unknown[];
  /** Inputs/outputs as Presage records them (signature aliases), -1 for the dynamic batch dim. */
  signature: { inputs: TensorSignature[]; outputs: TensorSignature[] };
}

const SPECS: Record<TfjsFixtureName, TfjsModelSpec> = {
  tfjs_graph: tfjsGraph,
  tfjs_layers: tfjsLayers,
  tfjs_multi_input: tfjsMultiInput,
};

export const TFJS_FIXTURE_NAMES = Object.keys(SPECS) as TfjsFixtureName[];

/** Writes the TF.js model into `${parentDir}/${name}/` and returns it with its expectations. */
export async function buildTfjsFixture(name: TfjsFixtureName, parentDir: string): Promise<TfjsFixture> {
  const spec = (SPECS as Partial<Record<string, TfjsModelSpec>>)[name];
  if (!spec)
    throw new Error(`Unknown TF.js fixture "${String(name)}"; valid: ${TFJS_FIXTURE_NAMES.join(', ')}`);
  const dir = join(parentDir, name);
  await writeTfjsModel(dir, spec.json, spec.weights);
  return {
    name,
    dir,
    instances: structuredClone(spec.instances),
    predictions: spec.instances.map((instance) => spec.predict(instance)),
    signature: structuredClone(spec.signature),
  };
}

/** Writes the `mlp` fixture's network (same weights as its model.onnx) as a TF.js layers model in `dir`. */
export async function writeTfjsMlp(dir: string): Promise<void> {
  const { json, weights } = sequentialDense('mlp', MLP_INPUT_SIZE, mlpAsDenseLayers());
  await writeTfjsModel(dir, json, weights);
}
