import type { V1Deployment } from '@kubernetes/client-node' with { 'resolution-mode': 'import' };
import { createClient } from '@presage/grpc-kit';
import { errorMessage } from '@presage/errors';
import { PredictorService } from '@presage/proto';
import { ANNOTATIONS } from './kubernetes-names';
import type { ModelDescription } from './runtime-spec';

interface Tensor {
  name: string;
  dtype: string;
  shape: Array<string | number>;
}

/**
 * What the predictor at `address` loaded (its GetModelInfo), shaped like the local driver's ready line:
 * int64 shape dimensions as numbers.
 */
export async function describeModel(address: string, deadlineMs = 10_000): Promise<ModelDescription> {
  const predictor = createClient(PredictorService, address, {
    deadlineMs,
  });
  try {
    const info = await predictor.client.GetModelInfo({});
    const tensors = (list: Tensor[] | undefined) =>
      (list ?? []).map((t) => ({ name: t.name, dtype: t.dtype, shape: t.shape.map(Number) }));
    return {
      runtime: info.runtime,
      signature: { inputs: tensors(info.signature?.inputs), outputs: tensors(info.signature?.outputs) },
      loadSeconds: info.loadSeconds,
    };
  } catch (error) {
    throw new Error(
      `The predictor at ${address} is ready but did not describe its model: ${errorMessage(error)}`,
      { cause: error },
    );
  } finally {
    predictor.close();
  }
}

/** The model description recorded on a version's Deployment, if any. */
export function parseModelAnnotation(deployment: V1Deployment | undefined): ModelDescription | undefined {
  const recorded = deployment?.metadata?.annotations?.[ANNOTATIONS.model];
  if (!recorded) return undefined;
  try {
    const value = JSON.parse(recorded) as Partial<ModelDescription>;
    if (typeof value.runtime !== 'string' || typeof value.loadSeconds !== 'number') return undefined;
    return { runtime: value.runtime, signature: value.signature, loadSeconds: value.loadSeconds };
  } catch {
    return undefined;
  }
}
