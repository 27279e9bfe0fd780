import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FixtureDefinition } from './fixture-definition';
import { int64Input } from './int64-input';
import { linear } from './linear';
import { mlp } from './mlp';
import { multiInput } from './multi-input';
import type { Dtype } from './onnx-graph';
import { encodeModel, signatureOf } from './onnx-graph';
import { stringInput } from './string-input';

export type FixtureName = 'linear' | 'multi_input' | 'int64_input' | 'string_input' | 'mlp';

export interface TensorSignature {
  name: string;
  dtype: Dtype;
  /** -1 for the dynamic batch dim. */
  shape: number[];
}

export interface Fixture {
  name: FixtureName;
  /** Directory holding model.onnx (a valid AI Platform deploymentUri). */
  dir: string;
  /**
   * AI Platform instances (the JSON `instances` list) and the predictions the gateway must answer for them,
   * in AI Platform's response shape (one output → its value per instance; several outputs → an object keyed
   * by output name). Float outputs are float32 results: compare them with `expectClose` (rtol 1e-4), not
   * `toEqual`. int64 outputs are JSON numbers. For `multi_input`, the second instance carries an extra key
   * `"key": 7` that AI Platform passes through: its prediction object holds `key: 7` beside the outputs.
   */
  instances: unknown[];
  predictions: unknown[];
  /** Inputs/outputs as Presage records them, shape with -1 for the dynamic batch dim. */
  signature: { inputs: TensorSignature[]; outputs: TensorSignature[] };
}

const DEFINITIONS: Record<FixtureName, FixtureDefinition> = {
  linear,
  multi_input: multiInput,
  int64_input: int64Input,
  string_input: stringInput,
  mlp,
};

/** Every fixture name, in a stable order. */
export const FIXTURE_NAMES = Object.keys(DEFINITIONS) as FixtureName[];

function definition(name: FixtureName): FixtureDefinition {
  const def = (DEFINITIONS as Partial<Record<string, FixtureDefinition>>)[name];
  if (def === undefined)
    throw new Error(`Unknown fixture "${String(name)}"; valid: ${FIXTURE_NAMES.join(', ')}`);
  return def;
}

const encoded = new Map<FixtureName, Uint8Array>();

/** The bytes of a fixture's model.onnx (encoded once per process; identical on every run). */
export function fixtureModelBytes(name: FixtureName): Uint8Array {
  let bytes = encoded.get(name);
  if (bytes === undefined) {
    bytes = encodeModel(definition(name).graph());
    encoded.set(name, bytes);
  }
  return bytes;
}

async function readIfExists(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Writes the model into `${parentDir}/${name}/model.onnx` (creating dirs) unless the same bytes are already
 * there, and returns it with expectations. The write goes through a temporary file and a rename, so parallel
 * test workers sharing a directory never see a half-written model.
 */
export async function buildFixture(name: FixtureName, parentDir: string): Promise<Fixture> {
  const def = definition(name);
  const dir = join(parentDir, name);
  const file = join(dir, 'model.onnx');
  const bytes = fixtureModelBytes(name);
  const existing = await readIfExists(file);
  if (existing === undefined || !existing.equals(bytes)) {
    await mkdir(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(tmp, bytes);
    await rename(tmp, file);
  }
  const graph = def.graph();
  return {
    name,
    dir,
    instances: structuredClone(def.instances),
    predictions: def.instances.map((instance) => def.predict(instance)),
    signature: { inputs: graph.inputs.map(signatureOf), outputs: graph.outputs.map(signatureOf) },
  };
}

/**
 * The expected predictions for arbitrary instances, computed in plain TypeScript (never with onnxruntime).
 * Throws on an instance the model cannot take (wrong length, type or shape).
 */
export function expectedPredictions(name: FixtureName, instances: unknown[]): unknown[] {
  const def = definition(name);
  return instances.map((instance) => def.predict(instance));
}
