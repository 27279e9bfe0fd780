import { ApiError, errorMessage } from '@presage/errors';
import type { Logger } from '@presage/log';
import type { Knex } from 'knex';
import { isConnectionError } from './db-errors';

/** `host:port/database` of a postgres URL, without credentials, for messages. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

/** Runs `select 1` until it succeeds, retrying connection errors with backoff until `timeoutMs`. */
export async function waitForConnection(
  knex: Knex,
  url: string,
  logger: Logger,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      await knex.raw('select 1');
      return;
    } catch (error) {
      if (!isConnectionError(error)) throw error;
      const waitMs = Math.min(100 * 2 ** attempt, 2000);
      if (Date.now() + waitMs > deadline) {
        const reason = errorMessage(error);
        throw ApiError.unavailable(
          `Cannot connect to PostgreSQL at ${describeUrl(url)} after ${Math.round(timeoutMs / 1000)} s: ${reason}. ` +
            'Check that the server is running and DATABASE_URL is right, or unset DATABASE_URL to use the embedded database.',
          undefined,
          error,
        );
      }
      logger.warn('database not reachable yet, retrying', {
        database: describeUrl(url),
        retryInMs: waitMs,
        error,
      });
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}
