import type * as grpc from '@grpc/grpc-js';
import { ApiError, StatusCode, statusName } from '@presage/errors';
import type { Logger } from '@presage/log';
import { createCallContext } from './call-context';
import type { CallContext } from './call-context';
import { toServiceError } from './status-details';

export type AsyncUnaryHandler<Req, Res> = (request: Req, context: CallContext) => Promise<Res>;

/** One answered call, for metrics: the method path, its status name (`OK`, `NOT_FOUND`) and duration. */
export interface FinishedCall {
  /** e.g. `/presage.v1.ModelService/GetModel`. */
  method: string;
  status: string;
  seconds: number;
}

/** Told of every answered call; what it throws is logged, never sent to the client. */
export type CallObserver = (call: FinishedCall) => void;

/** What a handler threw, as the error to answer (an ApiError, or anything toServiceError takes). */
export type ErrorMapper = (error: unknown) => unknown;

export interface AdapterOptions {
  /** Told of every answered call. @default undefined */
  observer?: CallObserver | undefined;
  /** @default the error as thrown */
  mapError?: ErrorMapper | undefined;
}

/**
 * The generated `*Handlers` interfaces (callback style) as promise-returning handlers. The index
 * signature those interfaces inherit from `UntypedServiceImplementation` is dropped, so a misspelt
 * method name is a type error.
 */
export type AsyncHandlers<H> = {
  [K in keyof H as string extends K ? never : K]: H[K] extends grpc.handleUnaryCall<infer Req, infer Res>
    ? AsyncUnaryHandler<Req, Res>
    : H[K] extends grpc.handleServerStreamingCall<infer Req, infer Res>
      ? ServerStreamHandler<Req, Res>
      : H[K] extends grpc.handleBidiStreamingCall<infer Req, infer Res>
        ? StreamHandler<Req, Res>
        : never;
};

/**
 * A bidirectional streaming method, handled on grpc-js's stream itself. A message the server could not
 * decode arrives as an UndecodableRequest: answer it with `call.emit('error', ...)`.
 */
export type StreamHandler<Req, Res> = (call: grpc.ServerDuplexStream<Req, Res>) => void;

/**
 * A server-streaming method (a watch, say: see WatchHub), handled on grpc-js's stream itself. Its request
 * was checked before the handler runs. The server ends the calls still open when it shuts down.
 */
export type ServerStreamHandler<Req, Res> = (call: grpc.ServerWritableStream<Req, Res>) => void;

/**
 * One unary handler in grpc-js form: the promise's value is the response (sent with the trailing
 * metadata the handler put in `context.trailer`), a rejection becomes a status through toServiceError,
 * a call the client abandoned answers CANCELLED or DEADLINE_EXCEEDED. Nothing a handler does (throwing
 * synchronously, rejecting with a non-Error) escapes to the process.
 */
export function adaptUnaryHandler<Req, Res>(
  handler: AsyncUnaryHandler<Req, Res>,
  logger: Logger,
  { observer, mapError }: AdapterOptions = {},
): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    const started = Date.now();
    const startedAt = process.hrtime.bigint();
    const { context, release } = createCallContext(call, logger);
    const answer = (error: Partial<grpc.StatusObject> | null, response?: Res): void => {
      release();
      try {
        if (error === null && context.trailer) callback(null, response, context.trailer);
        else callback(error, response);
      } catch (cause) {
        context.logger.error('failed to send the response', {
          error: cause instanceof Error ? cause : String(cause),
        });
      }
      try {
        observer?.({
          method: context.method,
          status: statusName((error?.code ?? StatusCode.OK) as number),
          seconds: Number(process.hrtime.bigint() - startedAt) / 1e9,
        });
      } catch (cause) {
        context.logger.error('call observer failed', {
          error: cause instanceof Error ? cause : String(cause),
        });
      }
    };
    void Promise.resolve()
      .then(() => handler(call.request, context))
      .then(
        (response) => {
          context.logger.debug('call finished', { code: 'OK', durationMs: Date.now() - started });
          answer(null, response);
        },
        (error: unknown) => {
          const thrown =
            context.signal.aborted && !(error instanceof ApiError)
              ? (context.signal.reason as unknown)
              : error;
          const status = toServiceError(mapError ? mapError(thrown) : thrown, context.logger);
          context.logger.debug('call failed', { code: status.code, durationMs: Date.now() - started });
          answer(status);
        },
      )
      .catch((error: unknown) =>
        logger.error('call adapter failed', { error: error instanceof Error ? error : String(error) }),
      );
  };
}

/** The answer of a method the service defines but this server does not implement. */
export function unimplementedHandler(method: string): grpc.handleUnaryCall<unknown, unknown> {
  return (_call, callback) => {
    callback(unimplemented(method));
  };
}

/** The same for a streaming method: its stream ends UNIMPLEMENTED. */
export function unimplementedStreamHandler(
  method: string,
): grpc.handleServerStreamingCall<unknown, unknown> & grpc.handleBidiStreamingCall<unknown, unknown> {
  return (call: grpc.ServerWritableStream<unknown, unknown> | grpc.ServerDuplexStream<unknown, unknown>) => {
    call.emit('error', unimplemented(method));
  };
}

function unimplemented(method: string): Partial<grpc.StatusObject> {
  return {
    code: StatusCode.UNIMPLEMENTED as number,
    details: `Method ${method} is not implemented`,
  };
}
