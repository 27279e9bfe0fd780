import { setTimeout as sleep } from 'node:timers/promises';
import { StatusCode, httpStatusOf, statusName } from '@presage/errors';
import { ApiCallError } from '../cli-errors';
import type { FieldViolation } from '../cli-errors';
import type { Json } from '../client/rest-client';
import type { CommandContext } from '../command-context';
import { Spinner } from '../progress/progress-display';

const FIRST_POLL_MS = 100;
const MAX_POLL_MS = 2_000;

/**
 * Polls a long-running operation until it is done (the REST API has no watch), with a spinner
 * labelled `label`; backs off from 100 ms to 2 s. Resolves with the done operation.
 */
export async function waitForOperation(
  context: CommandContext,
  operation: Json,
  label: string,
): Promise<Json> {
  const name = String(operation['name']);
  let current = operation;
  if (current['done'] === true) return current;
  const spinner = new Spinner(label, context.progress, context.io.stderr).start();
  let delay = FIRST_POLL_MS;
  try {
    while (current['done'] !== true) {
      await sleep(delay);
      delay = Math.min(MAX_POLL_MS, delay * 2);
      current = await context.client.get(name);
    }
  } catch (error) {
    spinner.stop('failed');
    throw error;
  }
  spinner.stop(current['error'] ? 'failed' : 'done');
  return current;
}

/** The operation's response, or its error as an ApiCallError (exit 1). */
export function operationResponse(operation: Json): Json {
  const error = operation['error'] as { code?: number; message?: string; details?: unknown[] } | undefined;
  if (error) {
    const code = (error.code ?? StatusCode.UNKNOWN) as StatusCode;
    const violations: FieldViolation[] = [];
    for (const detail of error.details ?? []) {
      const typed = detail as { fieldViolations?: FieldViolation[] };
      violations.push(...(typed.fieldViolations ?? []));
    }
    throw new ApiCallError(
      statusName(code),
      httpStatusOf(code),
      error.message ?? 'the operation failed',
      violations,
    );
  }
  return (operation['response'] as Json | undefined) ?? {};
}

/**
 * The usual ending of a command that starts an operation: with `--async`, prints the operation as it
 * is (gcloud's habit); else waits for it, throws its error, and answers its response.
 */
export async function settle(
  context: CommandContext,
  operation: Json,
  options: { async?: boolean; label: string },
): Promise<Json | undefined> {
  if (options.async) {
    context.printer.note(`Request issued; the operation is [${String(operation['name'])}].`);
    context.printer.resource(operation);
    return undefined;
  }
  return operationResponse(await waitForOperation(context, operation, options.label));
}
