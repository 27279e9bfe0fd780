import type { Knex } from 'knex';
import { isRetryableTransactionError, mapDbError } from './db-errors';

export type IsolationLevel = 'serializable' | 'repeatable read' | 'read committed';

export interface TransactionOptions {
  /** @default the server's default ('read committed' on Postgres) */
  isolation?: IsolationLevel;
  /** Extra attempts after a serialization failure or deadlock. @default 3 */
  retries?: number;
}

const ISOLATION_SQL: Record<IsolationLevel, string> = {
  serializable: 'SERIALIZABLE',
  'repeatable read': 'REPEATABLE READ',
  'read committed': 'READ COMMITTED',
};

/**
 * Runs `work` in one transaction, committing when it resolves and rolling back when it throws. A
 * serialization failure (40001) or deadlock (40P01) reruns the whole of `work` up to `retries` times,
 * so `work` must have no side effects outside the transaction. The last error is rethrown as it is:
 * pass it to `mapDbError` for the client (ABORTED). Keep transactions short: each holds a pooled
 * connection and its row locks until it ends.
 */
export async function withTransaction<T>(
  knex: Knex,
  work: (trx: Knex.Transaction) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const retries = options.retries ?? 3;
  for (let attempt = 0; ; attempt++) {
    try {
      return await knex.transaction(async (trx) => {
        if (options.isolation)
          await trx.raw(`SET TRANSACTION ISOLATION LEVEL ${ISOLATION_SQL[options.isolation]}`);
        return work(trx);
      });
    } catch (error) {
      if (attempt >= retries || !isRetryableTransactionError(error)) throw error;
      await delay(backoffMs(attempt));
    }
  }
}

/**
 * `withTransaction` for request handlers: whatever ends it is thrown as an ApiError (`mapDbError`), so
 * a unique violation is ALREADY_EXISTS, a serialization failure past the retries ABORTED, and an
 * ApiError thrown by `work` goes out as it is.
 */
export async function inTransaction<T>(
  knex: Knex,
  work: (trx: Knex.Transaction) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  try {
    return await withTransaction(knex, work, options);
  } catch (error) {
    throw mapDbError(error);
  }
}

/** 10, 20, 40 … ms with full jitter, so that two retrying transactions drift apart. */
function backoffMs(attempt: number): number {
  return Math.random() * 10 * 2 ** attempt;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
