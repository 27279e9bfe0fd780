import type { LoadedModel } from '@presage/runtimes';
import { runInstances } from '../domain/predict-request';

/** One instance's result in a batch job: its prediction, or the error it is counted under. */
export type InstanceResult =
  { prediction: unknown; error?: undefined } | { prediction?: undefined; error: string };

/**
 * Predicts a chunk of instances in one model call, isolating failures: an instance the model cannot
 * take is set aside with its problem and the rest run again without it; a failed run of several
 * instances is retried one by one, so one bad instance never costs the others their predictions.
 */
export async function predictChunk(
  model: LoadedModel,
  instances: readonly unknown[],
  options: Record<string, unknown>,
): Promise<InstanceResult[]> {
  const results = new Array<InstanceResult | undefined>(instances.length);
  const pending = instances.map((_, i) => i);
  while (pending.length > 0) {
    const outcome = await runInstances(
      model,
      pending.map((i) => instances[i]),
      options,
    );
    if (outcome.predictions) {
      pending.forEach((i, k) => (results[i] = { prediction: outcome.predictions[k] }));
      break;
    }
    if (outcome.instanceIndex !== undefined) {
      const [bad] = pending.splice(outcome.instanceIndex, 1);
      results[bad!] = { error: `Failed to process the instance: ${outcome.problem}` };
      continue;
    }
    if (pending.length === 1) {
      results[pending[0]!] = { error: outcome.error };
      break;
    }
    for (const i of pending) [results[i]] = await predictChunk(model, [instances[i]], options);
    break;
  }
  return results as InstanceResult[];
}
