import type { Tensor, TensorSpec } from '@presage/runtimes';
import { elementCount } from '@presage/runtimes';
import { InstancesError, ValueProblem, showShape, showValue } from './instances-error';
import type { Leaf } from './json-value';
import { flattenValue, isB64, isNumberList, isPlainObject, sameShape } from './json-value';
import type { TensorBuffer } from './tensor-buffer';
import { createTensorBuffer, decodeB64 } from './tensor-buffer';

export interface ConvertedInstances {
  /** One tensor per model input, the instances stacked along the batch dimension. */
  feeds: Record<string, Tensor>;
  batchSize: number;
  /** Per instance, the keys of an object instance that are not inputs (e.g. `key`); undefined when none. */
  passThrough: (Record<string, unknown> | undefined)[];
}

interface InputBatch {
  spec: TensorSpec;
  /** Each instance's expected shape: the signature's without the batch dim; -1 until instance 0 fixes it. */
  instanceShape: number[];
  buffer?: TensorBuffer;
}

/**
 * AI Platform JSON instances as one tensor per input (API.md §5): for a single-input model each
 * instance is the input's value (or an object keyed by its name); for several inputs an object keyed
 * by input name, whose other keys pass through. Throws an InstancesError naming the bad instance.
 */
export function instancesToTensors(instances: unknown, inputs: readonly TensorSpec[]): ConvertedInstances {
  if (!Array.isArray(instances))
    throw new InstancesError(`"instances" must be a list, got ${describe(instances)}`);
  if (instances.length === 0) throw new InstancesError('"instances" must not be empty');
  const batchSize = instances.length;
  const batches = inputs.map((spec) => startBatch(spec, batchSize));
  const passThrough: (Record<string, unknown> | undefined)[] = [];
  instances.forEach((instance: unknown, index) => {
    const { values, extra } = splitInstance(instance, index, inputs);
    passThrough.push(extra);
    batches.forEach((batch, k) => addValue(batch, values[k], index, batchSize));
  });
  const feeds: Record<string, Tensor> = {};
  for (const { spec, instanceShape, buffer } of batches) {
    if (!buffer) continue;
    const shape = spec.shape.length > 0 ? [batchSize, ...instanceShape] : instanceShape;
    feeds[spec.name] = { dtype: spec.dtype, shape, data: buffer.data };
  }
  return { feeds, batchSize, passThrough };
}

function startBatch(spec: TensorSpec, batchSize: number): InputBatch {
  const batchDim = spec.shape[0];
  if (batchDim === undefined && batchSize !== 1) {
    throw new InstancesError(
      `input '${spec.name}' is a single value: the model takes 1 instance per request, got ${batchSize}`,
    );
  }
  if (batchDim !== undefined && batchDim >= 0 && batchDim !== batchSize) {
    throw new InstancesError(
      `the model takes exactly ${batchDim} instance(s) per request (input '${spec.name}' has shape ${showShape(spec.shape)}), got ${batchSize}`,
    );
  }
  if (spec.dtype === 'float16') {
    throw new InstancesError(
      `input '${spec.name}' is float16, which JSON instances cannot feed yet; export it as float32`,
    );
  }
  return { spec, instanceShape: spec.shape.slice(1) };
}

function splitInstance(
  instance: unknown,
  index: number,
  inputs: readonly TensorSpec[],
): { values: unknown[]; extra: Record<string, unknown> | undefined } {
  if (isPlainObject(instance) && !isB64(instance)) {
    const values = inputs.map((spec) => {
      if (!(spec.name in instance)) {
        throw new InstancesError(
          `missing input '${spec.name}'; the model's inputs are ${listInputs(inputs)}`,
          index,
        );
      }
      return instance[spec.name];
    });
    const names = new Set(inputs.map((spec) => spec.name));
    const extraKeys = Object.keys(instance).filter((key) => !names.has(key));
    const extra =
      extraKeys.length === 0 ? undefined : Object.fromEntries(extraKeys.map((key) => [key, instance[key]]));
    return { values, extra };
  }
  if (inputs.length !== 1) {
    throw new InstancesError(
      `the model has ${inputs.length} inputs: each instance must be an object keyed by input name (${listInputs(inputs)}), got ${describe(instance)}`,
      index,
    );
  }
  return { values: [instance], extra: undefined };
}

function addValue(batch: InputBatch, value: unknown, index: number, batchSize: number): void {
  const { spec } = batch;
  if ((spec.dtype === 'float32' || spec.dtype === 'float64') && isNumberList(value)) {
    // A feature vector into a float input (the common case): copied at once, nothing to convert.
    checkShape(batch, [value.length], index);
    batch.buffer ??= createTensorBuffer(spec.dtype, batchSize * value.length);
    (batch.buffer.data as Float32Array | Float64Array).set(value, index * value.length);
    return;
  }
  const leaves: Leaf[] = [];
  let shape: number[];
  try {
    shape = flattenInput(value, spec, leaves);
  } catch (error) {
    throw error instanceof ValueProblem ? new InstancesError(error.message, index) : error;
  }
  checkShape(batch, shape, index);
  batch.buffer ??= createTensorBuffer(spec.dtype, batchSize * elementCount(batch.instanceShape));
  const offset = index * leaves.length;
  for (let j = 0; j < leaves.length; j++) {
    try {
      batch.buffer.put(offset + j, leaves[j]!);
    } catch (error) {
      if (!(error instanceof ValueProblem)) throw error;
      throw new InstancesError(`at ${spec.name}${elementPath(j, shape)}: ${error.message}`, index);
    }
  }
}

/** A whole-input `{"b64"}` for a uint8 input is its bytes; anything else is nested lists. */
function flattenInput(value: unknown, spec: TensorSpec, leaves: Leaf[]): number[] {
  if (spec.dtype === 'uint8' && isB64(value)) {
    const bytes = decodeB64(value.b64);
    for (const byte of bytes) leaves.push(byte);
    return [bytes.length];
  }
  return flattenValue(value, spec.name, leaves);
}

function checkShape(batch: InputBatch, shape: number[], index: number): void {
  const expected = batch.instanceShape;
  if (sameShape(shape, expected)) return;
  const fits = shape.length === expected.length && expected.every((dim, k) => dim < 0 || dim === shape[k]);
  if (fits) {
    // Only instance 0 reaches this (it fixes the dynamic dims for the whole request).
    batch.instanceShape = shape;
    return;
  }
  const got = shape.length === 0 ? '[] (a single value)' : showShape(shape);
  const dynamic = index > 0 && batch.spec.shape.slice(1).some((dim) => dim < 0);
  const hint = dynamic ? '; every instance must have the shape of instance 0' : '';
  throw new InstancesError(
    `input '${batch.spec.name}' expects shape ${showShape(expected)} per instance, got ${got}${hint}`,
    index,
  );
}

/** The `[i][j]` of the j-th element (row-major) of a value of `shape`. */
function elementPath(flatIndex: number, shape: readonly number[]): string {
  let rest = flatIndex;
  const parts: string[] = [];
  for (let k = shape.length - 1; k >= 0; k--) {
    const dim = shape[k]!;
    parts.unshift(`[${rest % dim}]`);
    rest = Math.floor(rest / dim);
  }
  return parts.join('');
}

function listInputs(inputs: readonly TensorSpec[]): string {
  return inputs.map((spec) => `'${spec.name}' (${spec.dtype} ${showShape(spec.shape)})`).join(', ');
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return `an object (${showValue(value)})`;
  return `${typeof value} ${showValue(value)}`;
}
