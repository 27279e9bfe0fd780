import type { ErrorDetail, FieldViolation } from './details';
import { badRequest, errorInfo, quotaFailure, resourceInfo, retryInfo } from './details';
import { StatusCode, statusName } from './status-code';

export interface ApiErrorOptions {
  details?: ErrorDetail[];
  /** The underlying failure: logged, never sent to a client. */
  cause?: unknown;
}

/**
 * The one error type of Presage: a gRPC status code, a message a client can act on, google.rpc
 * details, and the cause kept for logs only.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: StatusCode;
  readonly details: ErrorDetail[];

  constructor(code: StatusCode, message: string, options: ApiErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details ?? [];
  }

  get status(): string {
    return statusName(this.code);
  }

  /** Any thrown value as an ApiError; anything not already one becomes INTERNAL with a generic message. */
  static from(error: unknown): ApiError {
    if (error instanceof ApiError) return error;
    return new ApiError(StatusCode.INTERNAL, 'Internal error', { cause: error });
  }

  /** The message convention of AI Platform: `Field: <path> Error: <text>`, with a BadRequest detail. */
  static invalidArgument(violations: FieldViolation[] | FieldViolation, cause?: unknown): ApiError {
    const list = Array.isArray(violations) ? violations : [violations];
    const message = list.map((v) => `Field: ${v.field} Error: ${v.description}`).join('\n');
    return new ApiError(StatusCode.INVALID_ARGUMENT, message, { details: [badRequest(list)], cause });
  }

  /** A resource that does not exist, e.g. `notFound('model', 'projects/p/models/m')`. */
  static notFound(resourceType: string, resourceName: string, hint = ''): ApiError {
    const message = `The ${resourceType} resource "${resourceName}" was not found.${hint ? ` ${hint}` : ''}`;
    return new ApiError(StatusCode.NOT_FOUND, message, {
      details: [resourceInfo(resourceType, resourceName)],
    });
  }

  static alreadyExists(resourceType: string, resourceName: string, field?: string): ApiError {
    const message = `The ${resourceType} resource "${resourceName}" already exists.`;
    const details: ErrorDetail[] = [resourceInfo(resourceType, resourceName)];
    if (field) details.push(badRequest([{ field, description: message }]));
    return new ApiError(StatusCode.ALREADY_EXISTS, message, { details });
  }

  static failedPrecondition(message: string, reason?: string): ApiError {
    return new ApiError(
      StatusCode.FAILED_PRECONDITION,
      message,
      reason ? { details: [errorInfo(reason)] } : {},
    );
  }

  static aborted(message: string, reason?: string): ApiError {
    return new ApiError(StatusCode.ABORTED, message, reason ? { details: [errorInfo(reason)] } : {});
  }

  static unavailable(message: string, retryAfterMs?: number, cause?: unknown): ApiError {
    return new ApiError(StatusCode.UNAVAILABLE, message, {
      details: retryAfterMs === undefined ? [] : [retryInfo(retryAfterMs)],
      cause,
    });
  }

  static resourceExhausted(message: string, retryAfterMs?: number): ApiError {
    return new ApiError(StatusCode.RESOURCE_EXHAUSTED, message, {
      details: retryAfterMs === undefined ? [] : [retryInfo(retryAfterMs)],
    });
  }

  /** No credential, or one that is not valid (unknown, revoked, expired): HTTP 401. */
  static unauthenticated(message: string): ApiError {
    return new ApiError(StatusCode.UNAUTHENTICATED, message, {
      details: [errorInfo('CREDENTIALS_MISSING_OR_INVALID')],
    });
  }

  /** The caller is known and lacks `permission` on `resource` (Google's wording and ErrorInfo): HTTP 403. */
  static permissionDenied(permission: string, resource: string): ApiError {
    return new ApiError(
      StatusCode.PERMISSION_DENIED,
      `Permission '${permission}' denied on resource '${resource}' (or it may not exist).`,
      { details: [errorInfo('IAM_PERMISSION_DENIED', { permission, resource })] },
    );
  }

  /**
   * A quota of `subject` (e.g. `projects/demo`) is used up: RESOURCE_EXHAUSTED (HTTP 429) with RetryInfo
   * (when it frees up) and QuotaFailure (which quota), as Google's APIs answer.
   */
  static quotaExceeded(subject: string, description: string, retryAfterMs: number): ApiError {
    return new ApiError(StatusCode.RESOURCE_EXHAUSTED, `Quota exceeded for ${subject}: ${description}`, {
      details: [
        retryInfo(retryAfterMs),
        quotaFailure(subject, description),
        errorInfo('RATE_LIMIT_EXCEEDED'),
      ],
    });
  }

  static unimplemented(message: string): ApiError {
    return new ApiError(StatusCode.UNIMPLEMENTED, message);
  }

  static internal(message: string, cause?: unknown): ApiError {
    return new ApiError(StatusCode.INTERNAL, message, { cause });
  }

  /** The REST body of Google APIs: `{"error": {"code", "message", "status", "details"}}`. */
  toJSON(httpCode: number): {
    error: { code: number; message: string; status: string; details?: ErrorDetail[] };
  } {
    return {
      error: {
        code: httpCode,
        message: this.message,
        status: this.status,
        ...(this.details.length > 0 ? { details: this.details } : {}),
      },
    };
  }
}
