import type { ServerResponse } from 'node:http';
import { ApiError, httpStatusOf } from '@presage/errors';
import type { Logger } from '@presage/log';
import { randomBytes } from 'node:crypto';

/**
 * Writes Google's REST error body `{"error": {"code", "message", "status", "details"}}`. Errors that
 * are not ApiErrors become INTERNAL with a generic message and a logged trace id.
 */
export function writeError(
  response: ServerResponse,
  error: unknown,
  logger: Logger,
  httpCode?: number,
): void {
  let apiError: ApiError;
  if (error instanceof ApiError) {
    apiError = error;
  } else {
    const traceId = randomBytes(8).toString('hex');
    logger.error('unhandled error', { traceId, error: error instanceof Error ? error : String(error) });
    apiError = ApiError.internal(`Internal error (trace ${traceId})`);
  }
  const status = httpCode ?? httpStatusOf(apiError.code);
  writeJson(response, status, apiError.toJSON(status));
}

export function writeJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=UTF-8',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  response.end(text);
}
