import type { LoadedModel } from '../model-runtime';
import { ModelRunError } from '../model-runtime';
import type { Tensor } from '../tensor';
import { FEATURES_INPUT } from './booster-to-onnx';

/**
 * AI Platform's XGBoost instances — one feature vector (a list of numbers) per instance — as the
 * converted model's `features` tensor, where null is a missing value (NaN, XGBoost's default `missing`):
 * JSON has no NaN. An instance may also be an object `{"features": [...]}`. Throws naming the instance.
 */
export function featuresTensor(instances: readonly unknown[], numFeature: number): Tensor<'float32'> {
  if (instances.length === 0) throw new ModelRunError('"instances" must not be empty');
  const data = new Float32Array(instances.length * numFeature);
  instances.forEach((instance, i) => {
    const row = isObject(instance) ? instance[FEATURES_INPUT] : instance;
    if (!Array.isArray(row) || row.length !== numFeature) {
      throw instanceError(
        i,
        `expected a list of ${numFeature} features (numbers, null for missing), got ${show(row)}`,
      );
    }
    row.forEach((value: unknown, j) => {
      if (value === null) data[i * numFeature + j] = NaN;
      else if (typeof value === 'number') data[i * numFeature + j] = value;
      else
        throw instanceError(i, `feature ${j} is ${show(value)}; features are numbers, or null when missing`);
    });
  });
  return { dtype: 'float32', shape: [instances.length, numFeature], data };
}

/** One JSON prediction per instance of the converted model's single output. */
export function predictionsOf(tensor: Tensor, batchSize: number): unknown[] {
  const width = tensor.shape.length === 2 ? tensor.shape[1]! : 0;
  const value = (k: number): number => {
    const raw = tensor.data[k];
    return typeof raw === 'bigint' ? Number(raw) : shortestFloat32(Number(raw));
  };
  return Array.from({ length: batchSize }, (_, i) =>
    width === 0 ? value(i) : Array.from({ length: width }, (_, c) => value(i * width + c)),
  );
}

/** Runs JSON instances through a converted booster (LoadedModel.predictInstances). */
export async function predictFeatureInstances(
  model: LoadedModel,
  instances: readonly unknown[],
  numFeature: number,
): Promise<unknown[]> {
  const outputs = await model.run({ [FEATURES_INPUT]: featuresTensor(instances, numFeature) });
  const output = outputs[model.signature.outputs[0]!.name]!;
  return predictionsOf(output, instances.length);
}

/** The shortest decimal that reads back as the same float32 (0.1f → 0.1, not 0.10000000149011612). */
function shortestFloat32(value: number): number {
  for (let precision = 6; precision <= 9; precision++) {
    const candidate = Number(value.toPrecision(precision));
    if (Math.fround(candidate) === value) return candidate;
  }
  return value;
}

function instanceError(index: number, problem: string): ModelRunError {
  return new ModelRunError(`Failed to process element: ${index} of 'instances' list. Error: ${problem}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
