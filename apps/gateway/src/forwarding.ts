import { ApiError, StatusCode } from '@presage/errors';
import type { ErrorDetail } from '@presage/errors';
import { createClient } from '@presage/grpc-kit';
import type { MessageLimits, UnaryCallOptions } from '@presage/grpc-kit';
import { serviceDefinition } from '@presage/proto';
import type { ServiceDescriptor } from '@presage/proto';
import { ACTOR_KEY, remainingMs } from './method-table';
import type { CallInfo, MethodInvoker } from './method-table';

type UntypedClient = Record<string, (request: unknown, options?: UnaryCallOptions) => Promise<unknown>>;

export interface ForwardedService {
  invokers: Map<string, MethodInvoker>;
  close(): void;
}

/** Default deadline of a forwarded call when the caller sets none. */
const FORWARD_DEADLINE_MS = 30_000;
/** The retry delay of a forwarded call whose service could not be reached. */
const UNREACHABLE_RETRY_MS = 1_000;

/**
 * Every method of `service` forwarded to the same service at `address` over gRPC, with the caller
 * identity as metadata. Errors pass through with their code, message and details.
 */
export function forwardService(
  service: ServiceDescriptor<unknown>,
  address: string,
  limits: MessageLimits,
): ForwardedService {
  const serviceName = service.fullName;
  // Untyped on purpose: requests pass through as the caller sent them.
  const connected = createClient(service, address, { limits });
  const client = connected.client as unknown as UntypedClient;
  const invokers = new Map<string, MethodInvoker>();
  for (const [name, method] of Object.entries(serviceDefinition(serviceName))) {
    const call = client[name];
    if (!call) continue;
    invokers.set(method.path, (request, info) =>
      call(request, callOptions(info)).catch((error: unknown) => {
        throw unreachableAsRetryable(serviceName, error);
      }),
    );
  }
  return { invokers, close: () => connected.close() };
}

/**
 * An UNAVAILABLE without a retry delay came from the transport (the service is down or restarting, not an
 * answer of the service's own): it says so without internal addresses, with the delay clients wait.
 */
function unreachableAsRetryable(serviceName: string, error: unknown): ApiError {
  const apiError = ApiError.from(error);
  if (apiError.code !== StatusCode.UNAVAILABLE || apiError.details.some(isRetryInfo)) return apiError;
  return ApiError.unavailable(
    `${serviceName} cannot be reached right now; retry shortly.`,
    UNREACHABLE_RETRY_MS,
    error,
  );
}

function isRetryInfo(detail: ErrorDetail): boolean {
  return detail['@type'] === 'type.googleapis.com/google.rpc.RetryInfo';
}

/** Every method of `service` answering UNIMPLEMENTED with `message`. */
export function disabledService(service: ServiceDescriptor<unknown>, message: string): ForwardedService {
  const invokers = new Map<string, MethodInvoker>();
  for (const method of Object.values(serviceDefinition(service))) {
    invokers.set(method.path, () => Promise.reject(ApiError.unimplemented(message)));
  }
  return { invokers, close: () => undefined };
}

export function callOptions(info: CallInfo): UnaryCallOptions {
  return {
    deadlineMs: remainingMs(info, FORWARD_DEADLINE_MS),
    metadata: info.actor ? { [ACTOR_KEY]: info.actor } : {},
  };
}
