import { randomBytes } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { ApiError, StatusCode, TYPE_PREFIX } from '@presage/errors';
import type { ErrorDetail } from '@presage/errors';
import type { Logger } from '@presage/log';
import { encodeMessage, lookupMessageType, packAny } from '@presage/proto';
import { formatDuration, parseDuration } from './duration';
import type { DurationMessage } from './duration';

/** The trailer gRPC clients read rich errors from: an encoded google.rpc.Status. */
export const STATUS_DETAILS_KEY = 'grpc-status-details-bin';

const RETRY_INFO = 'google.rpc.RetryInfo';
/** Codes that mean the server failed, not the request: logged with a trace id. */
const SERVER_FAULTS = new Set<StatusCode>([StatusCode.INTERNAL, StatusCode.UNKNOWN, StatusCode.DATA_LOSS]);

/**
 * A thrown value as the status a handler answers. An ApiError keeps its code, message and details
 * (packed into `grpc-status-details-bin`); anything else is INTERNAL with a generic message and a
 * trace id that finds the logged cause. The cause never reaches the client.
 */
export function toServiceError(error: unknown, logger: Logger): Partial<grpc.StatusObject> {
  if (!(error instanceof ApiError)) {
    const traceId = newTraceId();
    logger.error('unhandled error', { traceId, error: asLoggable(error) });
    return statusOf(StatusCode.INTERNAL, `Internal error (trace ${traceId})`, []);
  }
  let message = error.message;
  if (SERVER_FAULTS.has(error.code)) {
    const traceId = newTraceId();
    logger.error('server error', { traceId, code: error.status, error });
    if (error.cause !== undefined) message = `${message} (trace ${traceId})`;
  }
  return statusOf(error.code, message, error.details);
}

/** A client-side failure as an ApiError, with the details of `grpc-status-details-bin` in proto3 JSON form. */
export function fromServiceError(error: unknown): ApiError {
  if (!isServiceError(error)) return ApiError.from(error);
  const [bytes] = error.metadata.get(STATUS_DETAILS_KEY);
  const details = Buffer.isBuffer(bytes) ? decodeDetails(bytes) : [];
  return new ApiError(Number(error.code), error.details, { details, cause: error });
}

function statusOf(code: StatusCode, message: string, details: ErrorDetail[]): Partial<grpc.StatusObject> {
  const metadata = new grpc.Metadata();
  const anys = details.map(packDetail);
  metadata.set(STATUS_DETAILS_KEY, encodeMessage('google.rpc.Status', { code, message, details: anys }));
  return { code: Number(code), details: message, metadata };
}

function packDetail(detail: ErrorDetail): ReturnType<typeof packAny> {
  const { '@type': typeUrl, ...fields } = detail;
  const typeName = typeUrl.startsWith(TYPE_PREFIX) ? typeUrl.slice(TYPE_PREFIX.length) : typeUrl;
  const value: Record<string, unknown> = { ...fields };
  if (typeName === RETRY_INFO && typeof value['retryDelay'] === 'string') {
    value['retryDelay'] = parseDuration(value['retryDelay']);
  }
  return packAny(typeName, value);
}

interface DecodedStatus {
  details?: Record<string, unknown>[];
}

/** proto3 JSON (`json: true` turns each Any into `{'@type', ...fields}`), Durations as strings. */
function decodeDetails(bytes: Buffer): ErrorDetail[] {
  try {
    const statusType = lookupMessageType('google.rpc.Status');
    const status = statusType.toObject(statusType.decode(bytes), {
      longs: String,
      enums: String,
      json: true,
    });
    return ((status as DecodedStatus).details ?? []).map((detail) => {
      if (detail['@type'] === TYPE_PREFIX + RETRY_INFO && typeof detail['retryDelay'] === 'object') {
        return { ...detail, retryDelay: formatDuration(detail['retryDelay'] as DurationMessage) };
      }
      return detail;
    }) as unknown as ErrorDetail[];
  } catch {
    // Unknown detail types or a malformed trailer: keep the code and message.
    return [];
  }
}

function isServiceError(error: unknown): error is grpc.ServiceError {
  return (
    error instanceof Error &&
    typeof (error as Partial<grpc.ServiceError>).code === 'number' &&
    typeof (error as Partial<grpc.ServiceError>).details === 'string' &&
    (error as Partial<grpc.ServiceError>).metadata instanceof grpc.Metadata
  );
}

function newTraceId(): string {
  return randomBytes(8).toString('hex');
}

function asLoggable(error: unknown): unknown {
  return error instanceof Error ? error : { thrown: String(error) };
}
