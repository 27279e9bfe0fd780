import type { Tensor } from '@presage/runtimes';
import type { ConvertedInstances } from './instances-to-tensors';

/**
 * What converted requests must share to run as one batch: each input's dtype and the shape of one
 * instance (everything after the batch dimension). Requests with the same key merge with mergeInstances.
 */
export function batchKey(converted: ConvertedInstances): string {
  let key = '';
  for (const name in converted.feeds) {
    const tensor = converted.feeds[name]!;
    key += `${name}:${tensor.dtype}:${tensor.shape.slice(1).join('x')};`;
  }
  return key;
}

/**
 * Requests converted apart (each validated on its own) stacked into one batch along the batch
 * dimension, in order; their pass-through keys follow. All must have the same batchKey.
 */
export function mergeInstances(parts: readonly ConvertedInstances[]): ConvertedInstances {
  if (parts.length === 1) return parts[0]!;
  const batchSize = parts.reduce((sum, part) => sum + part.batchSize, 0);
  const feeds: Record<string, Tensor> = {};
  for (const name in parts[0]!.feeds) {
    feeds[name] = stack(
      parts.map((part) => part.feeds[name]!),
      batchSize,
    );
  }
  return { feeds, batchSize, passThrough: parts.flatMap((part) => part.passThrough) };
}

function stack(tensors: Tensor[], batchSize: number): Tensor {
  const [first] = tensors as [Tensor, ...Tensor[]];
  const shape = [batchSize, ...first.shape.slice(1)];
  if (first.dtype === 'string') {
    return { dtype: 'string', shape, data: tensors.flatMap((t) => t.data as string[]) };
  }
  const length = tensors.reduce((sum, t) => sum + t.data.length, 0);
  const Typed = first.data.constructor as new (length: number) => Exclude<Tensor['data'], string[]>;
  const data = new Typed(length);
  let offset = 0;
  for (const tensor of tensors) {
    (data as Float32Array).set(tensor.data as Float32Array, offset);
    offset += tensor.data.length;
  }
  return { dtype: first.dtype, shape, data };
}
