import * as grpc from '@grpc/grpc-js';
import { serviceDefinition } from '@presage/proto';
import type { ServiceDescriptor } from '@presage/proto';
import { DEFAULT_MESSAGE_LIMITS, channelMessageBytes, messageSizeOptions } from './message-limits';
import type { MessageLimits } from './message-limits';
import type { Decoded, RequestInput } from './message-types';
import { clientChannelCredentials, internalCredentialInterceptors } from './internal-credential';
import { toMetadata } from './metadata-value';
import { fromServiceError } from './status-details';

export interface StreamCallOptions {
  /** Ends the stream (CANCELLED) when aborted. @default none */
  signal?: AbortSignal | undefined;
  /** A deadline for the whole stream; watches set none. @default none */
  deadlineMs?: number | undefined;
  metadata?: grpc.Metadata | Record<string, string> | undefined;
}

/**
 * The messages of one server-streaming call, in order. Iteration ends when the server ends the stream
 * with OK and throws an ApiError when it fails; leaving the loop early cancels the call.
 */
export interface ServerStream<T> extends AsyncIterable<T> {
  /** Cancels the call; an iteration in progress ends without an error. */
  cancel(): void;
}

type StreamMethod<Req, Res> = (request: Req, options?: StreamCallOptions) => ServerStream<Res>;

/** A ServerStream per server-streaming method of a generated `*Handlers` interface H. */
export type StreamClient<H> = {
  [
    K in keyof H as string extends K
      ? never
      : H[K] extends grpc.handleServerStreamingCall<infer _Req, infer _Res>
        ? K
        : never
  ]: H[K] extends grpc.handleServerStreamingCall<infer Req, infer Res>
    ? StreamMethod<RequestInput<Req>, Decoded<Res>>
    : never;
};

export interface ConnectedStreamClient<H> {
  client: StreamClient<H>;
  raw: grpc.Client;
  close(): void;
}

export interface StreamClientOptions {
  /** Messages up to channelMessageBytes(limits) pass either way. @default DEFAULT_MESSAGE_LIMITS */
  limits?: MessageLimits;
}

const MAX_RECONNECT_BACKOFF_MS = 5_000;

/**
 * A client of the server-streaming methods of `serviceName` at `address`; calls carry the
 * internal credential (useInternalCredential).
 */
export function createStreamClient<H>(
  service: ServiceDescriptor<H>,
  address: string,
  options: StreamClientOptions = {},
): ConnectedStreamClient<H> {
  const definition = serviceDefinition(service);
  const raw = new grpc.Client(address, clientChannelCredentials(), {
    ...messageSizeOptions(channelMessageBytes(options.limits ?? DEFAULT_MESSAGE_LIMITS)),
    // A watch is opened again as soon as its server is back: grpc-js's own reconnect backoff (up to
    // 120 s) would keep a watcher on stale state for minutes after a long outage.
    'grpc.initial_reconnect_backoff_ms': 200,
    'grpc.max_reconnect_backoff_ms': MAX_RECONNECT_BACKOFF_MS,
    interceptors: internalCredentialInterceptors(),
  });
  const client: Record<string, StreamMethod<unknown, unknown>> = {};
  for (const [name, method] of Object.entries(definition)) {
    if (method.requestStream || !method.responseStream) continue;
    client[name] = (request, callOptions = {}) => {
      const call = raw.makeServerStreamRequest(
        method.path,
        method.requestSerialize,
        method.responseDeserialize,
        request,
        toMetadata(callOptions.metadata),
        callOptions.deadlineMs === undefined ? {} : { deadline: Date.now() + callOptions.deadlineMs },
      );
      return serverStream(call, callOptions.signal);
    };
  }
  return { client: client as StreamClient<H>, raw, close: () => raw.close() };
}

function serverStream<T>(
  call: grpc.ClientReadableStream<T>,
  signal: AbortSignal | undefined,
): ServerStream<T> {
  let cancelled = false;
  const cancel = (): void => {
    cancelled = true;
    call.cancel();
  };
  // The status of a cancelled call arrives as an 'error' nobody may be listening to any more.
  call.on('error', () => undefined);
  if (signal?.aborted) cancel();
  else signal?.addEventListener('abort', cancel, { once: true });
  async function* messages(): AsyncGenerator<T> {
    try {
      for await (const message of call) yield message as T;
    } catch (error) {
      if (!cancelled) throw fromServiceError(error);
    } finally {
      signal?.removeEventListener('abort', cancel);
      call.cancel();
    }
  }
  return { [Symbol.asyncIterator]: messages, cancel };
}
