import type * as grpc from '@grpc/grpc-js';
import { ApiError, StatusCode, badRequest } from '@presage/errors';
import { protoRoot } from '@presage/proto';
import type { AsyncUnaryHandler } from './async-handler';
import { checkRequestText } from './request-text';

export interface RequestChecks {
  /** Larger request messages answer INVALID_ARGUMENT; undefined: no limit beyond the transport's. */
  maxRequestBytes: number | undefined;
}

/**
 * A method whose requests are checked before its handler runs: a message that does not decode, or is
 * larger than `maxRequestBytes`, answers INVALID_ARGUMENT saying why (grpc-js would answer INTERNAL
 * for a deserializer that throws); a message holding text no service can store (NUL, unpaired
 * surrogates) answers INVALID_ARGUMENT naming the field.
 */
export function checkedMethod(
  serviceName: string,
  methodName: string,
  method: grpc.MethodDefinition<unknown, unknown>,
  checks: RequestChecks,
): {
  method: grpc.MethodDefinition<unknown, unknown>;
  wrap: (handler: AsyncUnaryHandler<unknown, unknown>) => AsyncUnaryHandler<unknown, unknown>;
} {
  const type = protoRoot().lookupService(serviceName).methods[methodName]?.resolvedRequestType;
  const typeName = type ? type.fullName.replace(/^\./, '') : methodName;
  const { maxRequestBytes } = checks;
  const requestDeserialize = (bytes: Buffer): unknown => {
    if (maxRequestBytes !== undefined && bytes.length > maxRequestBytes) {
      return new UndecodableRequest(tooLarge(bytes.length, maxRequestBytes));
    }
    try {
      return method.requestDeserialize(bytes);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return new UndecodableRequest(`The request is not a valid ${typeName} message: ${reason}`);
    }
  };
  const wrap =
    (handler: AsyncUnaryHandler<unknown, unknown>): AsyncUnaryHandler<unknown, unknown> =>
    (request, context) => {
      if (request instanceof UndecodableRequest) return Promise.reject(request.toApiError());
      if (type) checkRequestText(type, request);
      return handler(request, context);
    };
  return { method: { ...method, requestDeserialize }, wrap };
}

function tooLarge(size: number, limit: number): string {
  return (
    `The request message (${size} bytes) is larger than the limit of ${limit} bytes ` +
    `(${(limit / (1024 * 1024)).toFixed(1)} MiB: PRESAGE_MAX_BODY_BYTES and 64 KiB for the fields around the body); ` +
    'send fewer instances per request or raise PRESAGE_MAX_BODY_BYTES.'
  );
}

/** A request the server could not decode, or larger than it takes: answered INVALID_ARGUMENT before any handler runs. */
export class UndecodableRequest {
  constructor(readonly description: string) {}

  toApiError(): ApiError {
    return new ApiError(StatusCode.INVALID_ARGUMENT, this.description, {
      details: [badRequest([{ field: '', description: this.description }])],
    });
  }
}
