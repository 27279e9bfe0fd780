import type { LoadedModel } from '@presage/runtimes';
import { InstancesError, instancesToTensors, tensorsToPredictions } from '@presage/instances';
import { jsonDepthExceeds, tooDeepMessage } from '@presage/resources';
import { errorMessage } from '@presage/errors';

/** An answer of Predict: the JSON body and its HTTP status. */
export interface PredictAnswer {
  httpStatus: 200 | 400;
  body: { predictions: unknown[] } | { error: string };
}

/** The outcome of running instances through a model: a prediction per instance, or why not. */
export type RunOutcome =
  | { predictions: unknown[]; error?: undefined }
  | {
      predictions?: undefined;
      /** The client's message, AI Platform's wording. */
      error: string;
      /** The instance at fault, when one instance is; `problem` is then what is wrong with it. */
      instanceIndex?: number;
      problem?: string;
    };

/**
 * Runs one raw AI Platform request body through the model. Every failure a client caused or the
 * model hit is a 400 `{"error"}` answer (never a thrown error): bad JSON, no `instances` list, an
 * instance the model cannot take (the message names it), a failed run (`Prediction failed: ...`).
 */
export async function predictBody(model: LoadedModel, body: Uint8Array): Promise<PredictAnswer> {
  const parsed = parseBody(body);
  if (typeof parsed === 'string') return failure(parsed);
  const outcome = await runInstances(model, parsed.instances, parsed.options);
  if (outcome.error !== undefined) return failure(outcome.error);
  return { httpStatus: 200, body: { predictions: outcome.predictions } };
}

/**
 * Instances through the model: converted to tensors with the model's signature (or given as they are
 * to a model that takes JSON instances, a custom prediction routine, with `options` as the request's
 * other top-level keys), run, and turned back into one JSON prediction per instance.
 */
export async function runInstances(
  model: LoadedModel,
  instances: unknown[],
  options: Record<string, unknown>,
): Promise<RunOutcome> {
  if (model.predictInstances) return runJsonInstances(model, instances, options);
  let converted;
  try {
    converted = instancesToTensors(instances, model.signature.inputs);
  } catch (error) {
    if (!(error instanceof InstancesError)) throw error;
    return error.instanceIndex === undefined
      ? { error: error.message }
      : { error: error.message, instanceIndex: error.instanceIndex, problem: error.problem };
  }
  try {
    const outputs = await model.run(converted.feeds);
    const predictions = tensorsToPredictions(
      outputs,
      model.signature.outputs,
      converted.batchSize,
      converted.passThrough,
    );
    return { predictions };
  } catch (error) {
    return { error: `Prediction failed: ${errorMessage(error)}` };
  }
}

/** A model taking JSON instances as they are: one JSON-serialisable prediction per instance. */
async function runJsonInstances(
  model: LoadedModel,
  instances: unknown[],
  options: Record<string, unknown>,
): Promise<RunOutcome> {
  let predictions: unknown[];
  try {
    predictions = await model.predictInstances!(instances, options);
  } catch (error) {
    return { error: `Prediction failed: ${errorMessage(error)}` };
  }
  try {
    JSON.stringify(predictions);
  } catch (error) {
    return {
      error: `Prediction failed: the predictions cannot be written as JSON: ${(error as Error).message}`,
    };
  }
  return { predictions };
}

export interface ParsedBody {
  instances: unknown[];
  /** The other top-level keys, e.g. `signature_name`, `parameters`. */
  options: Record<string, unknown>;
}

/**
 * An answer as the bytes the gateway relays. One larger than `maxBytes` (PRESAGE_MAX_RESPONSE_BYTES) is
 * replaced by a 400 saying so: the transport would otherwise refuse it with a message about gRPC.
 */
export function encodeAnswer(answer: PredictAnswer, maxBytes: number): { body: Buffer; httpStatus: number } {
  let body: Buffer | undefined;
  try {
    body = Buffer.from(JSON.stringify(answer.body));
  } catch {
    // Too long for one string: larger than any limit.
  }
  if (body && body.length <= maxBytes) return { body, httpStatus: answer.httpStatus };
  const size = body ? `${body.length} bytes` : 'more than 512 MiB';
  const error =
    `The predictions (${size}) are larger than the limit of ${maxBytes} bytes for an answer ` +
    '(PRESAGE_MAX_RESPONSE_BYTES); send fewer instances per request.';
  return { body: Buffer.from(JSON.stringify({ error })), httpStatus: 400 };
}

/** The request's `instances` and other keys, or the problem with the body. */
export function parseBody(body: Uint8Array): ParsedBody | string {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'));
  } catch (error) {
    return `The request body is not valid JSON: ${(error as Error).message}`;
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return 'The request body must be a JSON object: {"instances": [...]}';
  }
  if (jsonDepthExceeds(json)) return tooDeepMessage('The request body');
  if (!('instances' in json)) return 'Missing "instances" attribute: the body must be {"instances": [...]}';
  const { instances, ...options } = json as Record<string, unknown>;
  if (!Array.isArray(instances)) return '"instances" must be a list';
  return { instances, options };
}

export function failure(error: string): PredictAnswer {
  return { httpStatus: 400, body: { error } };
}
