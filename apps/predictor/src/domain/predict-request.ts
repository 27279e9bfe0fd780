import type { LoadedModel } from '@presage/runtimes';
import { InstancesError, instancesToTensors, tensorsToPredictions } from '@presage/instances';

/** An answer of Predict: the JSON body and its HTTP status. */
export interface PredictAnswer {
  httpStatus: 200 | 400;
  body: { predictions: unknown[] } | { error: string };
}

/**
 * Runs one raw AI Platform request body through the model. Every failure a client caused or the
 * model hit is a 400 `{"error"}` answer (never a thrown error): bad JSON, no `instances` list, an
 * instance the model cannot take (the message names it), a failed run (`Prediction failed: ...`).
 */
export async function predictBody(model: LoadedModel, body: Uint8Array): Promise<PredictAnswer> {
  const parsed = parseBody(body);
  if (typeof parsed === 'string') return failure(parsed);
  if (model.predictInstances) return predictInstances(model, parsed);
  let converted;
  try {
    converted = instancesToTensors(parsed.instances, model.signature.inputs);
  } catch (error) {
    if (error instanceof InstancesError) return failure(error.message);
    throw error;
  }
  try {
    const outputs = await model.run(converted.feeds);
    const predictions = tensorsToPredictions(
      outputs,
      model.signature.outputs,
      converted.batchSize,
      converted.passThrough,
    );
    return { httpStatus: 200, body: { predictions } };
  } catch (error) {
    return failure(`Prediction failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * A model taking JSON instances as they are (a custom prediction routine): it gets the request's other
 * top-level keys as `options`, and answers one JSON-serialisable prediction per instance.
 */
async function predictInstances(model: LoadedModel, request: ParsedBody): Promise<PredictAnswer> {
  let predictions: unknown[];
  try {
    predictions = await model.predictInstances!(request.instances, request.options);
  } catch (error) {
    return failure(`Prediction failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    JSON.stringify(predictions);
  } catch (error) {
    return failure(
      `Prediction failed: the predictions cannot be written as JSON: ${(error as Error).message}`,
    );
  }
  return { httpStatus: 200, body: { predictions } };
}

interface ParsedBody {
  instances: unknown[];
  /** The other top-level keys, e.g. `signature_name`, `parameters`. */
  options: Record<string, unknown>;
}

/** The request's `instances` and other keys, or the problem with the body. */
function parseBody(body: Uint8Array): ParsedBody | string {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'));
  } catch (error) {
    return `The request body is not valid JSON: ${(error as Error).message}`;
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return 'The request body must be a JSON object: {"instances": [...]}';
  }
  if (!('instances' in json)) return 'Missing "instances" attribute: the body must be {"instances": [...]}';
  const { instances, ...options } = json as Record<string, unknown>;
  if (!Array.isArray(instances)) return '"instances" must be a list';
  return { instances, options };
}

function failure(error: string): PredictAnswer {
  return { httpStatus: 400, body: { error } };
}
