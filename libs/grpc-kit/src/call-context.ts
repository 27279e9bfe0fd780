import type * as grpc from '@grpc/grpc-js';
import { ApiError, StatusCode } from '@presage/errors';
import type { Logger } from '@presage/log';

/** What a handler knows about its call besides the request. */
export interface CallContext {
  /** Request metadata. */
  metadata: grpc.Metadata;
  /** From the call, undefined if none. */
  deadline: Date | undefined;
  /** Aborted when the client cancels or the deadline passes; its reason is a CANCELLED or DEADLINE_EXCEEDED ApiError. */
  signal: AbortSignal;
  /** The full method path, e.g. `/presage.v1.ModelService/CreateModel`. */
  method: string;
  /** A child logger with the method. */
  logger: Logger;
  /** Trailing metadata a handler sets to send with its response (not with an error). @default none */
  trailer?: grpc.Metadata | undefined;
}

export interface ActiveCallContext {
  context: CallContext;
  /** Stops the deadline timer and listeners once the call has answered. */
  release: () => void;
}

type ServerCall = grpc.ServerUnaryCall<unknown, unknown>;

export function createCallContext(call: ServerCall, logger: Logger): ActiveCallContext {
  const method = call.getPath();
  const deadline = deadlineOf(call.getDeadline());
  const controller = new AbortController();
  const onCancelled = (): void => {
    if (controller.signal.aborted) return;
    const expired = deadline !== undefined && deadline.getTime() <= Date.now();
    controller.abort(expired ? deadlineExceeded(method) : cancelled(method));
  };
  call.on('cancelled', onCancelled);
  const timer =
    deadline === undefined
      ? undefined
      : setTimeout(
          () => controller.abort(deadlineExceeded(method)),
          Math.max(0, deadline.getTime() - Date.now()),
        );
  timer?.unref();
  if (call.cancelled) onCancelled();
  const context: CallContext = {
    metadata: call.metadata,
    deadline,
    signal: controller.signal,
    method,
    logger: logger.child({ method }),
  };
  return {
    context,
    release: () => {
      if (timer) clearTimeout(timer);
      call.removeListener('cancelled', onCancelled);
    },
  };
}

function deadlineOf(value: grpc.Deadline): Date | undefined {
  if (value instanceof Date) return Number.isFinite(value.getTime()) ? value : undefined;
  return Number.isFinite(value) ? new Date(value) : undefined;
}

function deadlineExceeded(method: string): ApiError {
  return new ApiError(StatusCode.DEADLINE_EXCEEDED, `Deadline exceeded for ${method}`);
}

function cancelled(method: string): ApiError {
  return new ApiError(StatusCode.CANCELLED, `Call ${method} was cancelled by the client`);
}
