import type * as grpc from '@grpc/grpc-js';
import { ApiError, StatusCode, badRequest, errorMessage } from '@presage/errors';
import { protoRoot } from '@presage/proto';
import type { Type } from 'protobufjs';
import type { AsyncUnaryHandler } from './async-handler';
import { checkRequestText } from './request-text';

/**
 * A service whose requests are checked before its handlers run: a message that does not decode, or is
 * larger than `maxRequestBytes`, answers INVALID_ARGUMENT saying why (grpc-js would answer INTERNAL for
 * a deserializer that throws); a message holding text no service can store (NUL, unpaired surrogates)
 * answers INVALID_ARGUMENT naming the field. `definition` is the one to register, `wrap` checks each
 * handler's request.
 */
export function checkedService(
  serviceName: string,
  definition: grpc.ServiceDefinition,
  maxRequestBytes: number | undefined,
): { definition: grpc.ServiceDefinition; wrap<H extends object>(handlers: H): H } {
  const service = protoRoot().lookupService(serviceName);
  const checked: Record<string, grpc.MethodDefinition<unknown, unknown>> = {};
  const types = new Map<string, Type | null>();
  for (const [name, method] of Object.entries(definition)) {
    const type = service.methods[name]?.resolvedRequestType ?? null;
    types.set(name, type);
    checked[name] = { ...method, requestDeserialize: deserializer(method, type, maxRequestBytes) };
  }
  const wrap = <H extends object>(handlers: H): H => {
    const wrapped: Record<string, unknown> = {};
    for (const [name, handler] of Object.entries(handlers as Record<string, unknown>)) {
      const type = types.get(name);
      const unary = definition[name] && !definition[name].requestStream && !definition[name].responseStream;
      wrapped[name] =
        typeof handler === 'function' && type !== undefined && unary
          ? checkedHandler(handler as AsyncUnaryHandler<unknown, unknown>, type)
          : handler;
    }
    return wrapped as H;
  };
  return { definition: checked, wrap };
}

/** The method's deserializer, answering an UndecodableRequest instead of throwing. */
function deserializer(
  method: grpc.MethodDefinition<unknown, unknown>,
  type: Type | null,
  maxRequestBytes: number | undefined,
): (bytes: Buffer) => unknown {
  const typeName = type ? type.fullName.replace(/^\./, '') : method.path;
  return (bytes) => {
    if (maxRequestBytes !== undefined && bytes.length > maxRequestBytes) {
      return new UndecodableRequest(tooLarge(bytes.length, maxRequestBytes));
    }
    try {
      return method.requestDeserialize(bytes);
    } catch (error) {
      const reason = errorMessage(error);
      return new UndecodableRequest(`The request is not a valid ${typeName} message: ${reason}`);
    }
  };
}

function checkedHandler(
  handler: AsyncUnaryHandler<unknown, unknown>,
  type: Type | null,
): AsyncUnaryHandler<unknown, unknown> {
  return (request, context) => {
    if (request instanceof UndecodableRequest) return Promise.reject(request.toApiError());
    if (type) checkRequestText(type, request);
    return handler(request, context);
  };
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
