import { ApiError, StatusCode, errorInfo } from '@presage/errors';

/** Socket-level failures of the pg driver and the Node runtime. */
const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
]);

/** SQLSTATEs of a server going away: admin/crash shutdown, cannot connect now; and class 08 (connection exception). */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03']);

/** SQLSTATEs a retry can fix: serialization_failure, deadlock_detected. */
const RETRYABLE_SQLSTATES = new Set(['40001', '40P01']);

interface ErrorLike {
  code?: unknown;
  name?: unknown;
  message?: unknown;
  errors?: unknown;
}

function asErrorLike(error: unknown): ErrorLike | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  return error;
}

/** The SQLSTATE (or Node error code) of a pg/Node error, if it has one. */
export function errorCode(error: unknown): string | undefined {
  const code = asErrorLike(error)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A serialization failure or deadlock: the transaction can be retried as a whole. */
export function isRetryableTransactionError(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && RETRYABLE_SQLSTATES.has(code);
}

/** The database cannot be reached: refused, reset, shut down, or the pool timed out waiting for a connection. */
export function isConnectionError(error: unknown): boolean {
  const e = asErrorLike(error);
  if (!e) return false;
  const code = errorCode(error);
  if (
    code !== undefined &&
    (CONNECTION_ERROR_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))
  ) {
    return true;
  }
  if (e.name === 'KnexTimeoutError') return true;
  if (
    typeof e.message === 'string' &&
    /Connection terminated|Client has encountered a connection error/.test(e.message)
  ) {
    return true;
  }
  // Node's happy-eyeballs connect reports an AggregateError of the per-address attempts.
  return Array.isArray(e.errors) && e.errors.some((inner) => isConnectionError(inner));
}

/**
 * SQLSTATE class 22, data exception: a value the database cannot store or read as its column's type, such
 * as a NUL character (22021) or an escape it cannot translate (22P05). Services refuse such values before
 * they reach a query; this is the backstop for any that get through.
 */
const DATA_EXCEPTION = /^22[0-9A-Z]{3}$/;
/** What the common data exceptions mean to a client (the database's own message holds the query). */
const DATA_EXCEPTIONS: Record<string, string> = {
  '22021': 'a text value holds a character the database cannot store, such as NUL (U+0000)',
  '22P05': 'a value holds a character the database cannot store, such as \\u0000 in JSON',
  '22001': 'a text value is longer than its field allows',
  '22003': 'a number is out of the range its field allows',
};

/** The one mapping of database failures to API errors; the original error is kept as the (never sent) cause. */
export function mapDbError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const code = errorCode(error);
  if (code === '23505') {
    return new ApiError(StatusCode.ALREADY_EXISTS, 'The resource already exists.', { cause: error });
  }
  if (code !== undefined && DATA_EXCEPTION.test(code)) {
    const what = DATA_EXCEPTIONS[code] ?? 'a value is not valid for its field';
    return new ApiError(StatusCode.INVALID_ARGUMENT, `The request cannot be stored: ${what}.`, {
      details: [errorInfo('UNSTORABLE_VALUE', { sqlstate: code })],
      cause: error,
    });
  }
  if (isRetryableTransactionError(error)) {
    return new ApiError(StatusCode.ABORTED, 'concurrent update, retry', { cause: error });
  }
  if (isConnectionError(error)) {
    return ApiError.unavailable('The database is unavailable, retry later.', 1000, error);
  }
  return ApiError.from(error);
}

/** Rethrows a unique violation (on `field`) as ALREADY_EXISTS of the named resource; anything else as `mapDbError` does. */
export function alreadyExistsOn(error: unknown, resourceType: string, name: string, field: string): never {
  const mapped = mapDbError(error);
  if (mapped.code === StatusCode.ALREADY_EXISTS) throw ApiError.alreadyExists(resourceType, name, field);
  throw mapped;
}
