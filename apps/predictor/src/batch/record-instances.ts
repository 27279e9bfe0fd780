import { jsonDepthExceeds, tooDeepMessage } from '@presage/resources';
import type { TensorSpec } from '@presage/runtimes';
import { decodeTfExample, exampleToInstance } from '@presage/tfrecord';

/** A record that cannot become an instance; the message is what its error is counted under. */
export type ParsedRecord = { instance: unknown; error?: undefined } | { instance?: undefined; error: string };

/**
 * One input record as an AI Platform instance. JSON: the line is a JSON value (else an error). TEXT: a
 * JSON line is that value, any other line is a string instance. TF_RECORD: a tf.Example becomes an object
 * keyed by feature (a one-value feature a model input takes as a scalar, or that is not an input, such as
 * `key`, is unwrapped); other record bytes become `{"b64": ...}`.
 */
export function recordToInstance(data: Buffer, format: string, inputs: readonly TensorSpec[]): ParsedRecord {
  if (format === 'TF_RECORD') return exampleInstance(data, inputs);
  const text = data.toString('utf8');
  let instance: unknown;
  try {
    instance = JSON.parse(text) as unknown;
  } catch {
    if (format === 'TEXT') return { instance: text };
    return { error: 'The line is not valid JSON.' };
  }
  return jsonDepthExceeds(instance) ? { error: tooDeepMessage('The line') } : { instance };
}

function exampleInstance(data: Buffer, inputs: readonly TensorSpec[]): ParsedRecord {
  let features: Record<string, unknown[]>;
  try {
    features = exampleToInstance(decodeTfExample(data));
  } catch {
    return { instance: { b64: data.toString('base64') } };
  }
  if (Object.keys(features).length === 0) return { instance: { b64: data.toString('base64') } };
  const byName = new Map(inputs.map((spec) => [spec.name, spec]));
  const instance: Record<string, unknown> = {};
  for (const [name, values] of Object.entries(features)) {
    const spec = byName.get(name);
    const scalar = spec ? spec.shape.length <= 1 : true;
    instance[name] = scalar && values.length === 1 ? values[0] : values;
  }
  return { instance };
}
