import { UsageError } from '../cli-errors';
import type { Json } from '../client/rest-client';
import type { CommandContext } from '../command-context';
import { tableText } from '../output/table-text';

/** The flags that give a prediction's instances, as gcloud's predict and local predict take them. */
export interface InstanceFlags {
  jsonInstances?: string;
  jsonRequest?: string;
  textInstances?: string;
}

/** A predict request body: `instances` and the other top-level keys (`signature_name`, `parameters`). */
export interface PredictBody {
  instances: unknown[];
  options: Json;
}

/**
 * The request from exactly one of `--json-instances` (one JSON instance per line), `--json-request`
 * (a whole `{"instances": […]}` body) or `--text-instances` (each line a string); `-` reads stdin.
 */
export async function readPredictBody(context: CommandContext, flags: InstanceFlags): Promise<PredictBody> {
  const given = (['jsonInstances', 'jsonRequest', 'textInstances'] as const).filter(
    (key) => flags[key] !== undefined,
  );
  if (given.length !== 1)
    throw new UsageError('give exactly one of --json-instances, --json-request or --text-instances');
  if (flags.jsonRequest !== undefined)
    return requestBody(await context.readInput(flags.jsonRequest, '--json-request'), flags.jsonRequest);
  const file = (flags.jsonInstances ?? flags.textInstances)!;
  const flag = flags.jsonInstances !== undefined ? '--json-instances' : '--text-instances';
  const lines = (await context.readInput(file, flag)).split('\n');
  const instances: unknown[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    if (flags.textInstances !== undefined) return void instances.push(line.replace(/\r$/, ''));
    try {
      instances.push(JSON.parse(line));
    } catch (error) {
      throw new UsageError(
        `${flag} ${file}, line ${index + 1}, is not JSON (one instance per line): ${(error as Error).message}`,
      );
    }
  });
  if (instances.length === 0) throw new UsageError(`${flag} ${file} holds no instances`);
  return { instances, options: {} };
}

function requestBody(text: string, file: string): PredictBody {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--json-request ${file} is not JSON: ${(error as Error).message}`);
  }
  const body = parsed as { instances?: unknown } | null;
  if (!body || typeof body !== 'object' || !Array.isArray(body.instances))
    throw new UsageError(`--json-request ${file} must be a JSON object with an "instances" list`);
  const { instances, ...options } = body as { instances: unknown[] };
  return { instances, options };
}

/** Predictions as gcloud shows them: a table with a column per key of object predictions; else the JSON/YAML body. */
export function printPredictions(context: CommandContext, body: { predictions: unknown[] }): void {
  if (context.format !== 'table') return context.printer.value(body);
  const predictions = body.predictions;
  const objects = predictions.every((p) => p !== null && typeof p === 'object' && !Array.isArray(p));
  if (!objects || predictions.length === 0) {
    context.io.stdout(tableText(predictions, [{ header: 'PREDICTIONS', value: (p) => p }]));
    return;
  }
  const keys = [...new Set(predictions.flatMap((p) => Object.keys(p as Json)))];
  context.io.stdout(
    tableText(
      predictions as Json[],
      keys.map((key) => ({ header: key.toUpperCase(), value: (p: Json) => p[key] })),
    ),
  );
}
