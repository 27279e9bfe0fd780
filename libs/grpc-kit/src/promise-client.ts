import * as grpc from '@grpc/grpc-js';
import type { MethodDefinition } from '@grpc/proto-loader';
import { ApiError } from '@presage/errors';
import { serviceDefinition } from '@presage/proto';
import type { ServiceDescriptor } from '@presage/proto';
import { DEFAULT_MESSAGE_LIMITS, channelMessageBytes, messageSizeOptions } from './message-limits';
import type { MessageLimits } from './message-limits';
import type { Decoded, RequestInput } from './message-types';
import { clientChannelCredentials, internalCredentialInterceptors } from './internal-credential';
import { toMetadata } from './metadata-value';
import { fromServiceError } from './status-details';

export interface ClientOptions {
  /** The deadline of each call unless the call sets its own. @default 10_000 */
  deadlineMs?: number;
  /** Messages up to channelMessageBytes(limits) pass either way. @default DEFAULT_MESSAGE_LIMITS */
  limits?: MessageLimits;
}

export interface UnaryCallOptions {
  /** @default ClientOptions.deadlineMs */
  deadlineMs?: number;
  metadata?: grpc.Metadata | Record<string, string>;
}

type UnaryMethod<Req, Res> = (request: Req, options?: UnaryCallOptions) => Promise<Res>;

/**
 * A promise per unary method. H is a generated `*Handlers` interface (requests: the decoded type made
 * deep-partial; responses: the input type as LOADER_OPTIONS decode it) or a `*Definition` interface
 * (the generated input and output types exactly).
 */
export type PromiseClient<H> = {
  [K in keyof H as string extends K ? never : K]: H[K] extends MethodDefinition<
    infer In,
    infer _Out,
    infer _InOut,
    infer Res
  >
    ? UnaryMethod<In, Res>
    : H[K] extends grpc.handleUnaryCall<infer Req, infer Res>
      ? UnaryMethod<RequestInput<Req>, Decoded<Res>>
      : never;
};

export interface ConnectedClient<H> {
  client: PromiseClient<H>;
  raw: grpc.Client;
  close(): void;
}

const DEFAULT_DEADLINE_MS = 10_000;

/**
 * A client of `service` (a descriptor from @presage/proto, e.g. ModelService) at `address`;
 * every call has a deadline, carries the internal credential (useInternalCredential) and rejects with
 * an ApiError.
 */
export function createClient<H>(
  service: ServiceDescriptor<H>,
  address: string,
  options: ClientOptions = {},
): ConnectedClient<H> {
  const definition = serviceDefinition(service);
  const raw = new grpc.Client(address, clientChannelCredentials(), {
    ...messageSizeOptions(channelMessageBytes(options.limits ?? DEFAULT_MESSAGE_LIMITS)),
    interceptors: internalCredentialInterceptors(),
  });
  const defaultDeadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const client: Record<string, UnaryMethod<unknown, unknown>> = {};
  for (const [name, method] of Object.entries(definition)) {
    if (method.requestStream || method.responseStream) continue;
    client[name] = (request, callOptions = {}) =>
      new Promise((resolve, reject) => {
        const deadline = new Date(Date.now() + (callOptions.deadlineMs ?? defaultDeadlineMs));
        raw.makeUnaryRequest(
          method.path,
          method.requestSerialize,
          method.responseDeserialize,
          request,
          toMetadata(callOptions.metadata),
          { deadline },
          (error, response) => (error ? reject(fromServiceError(error)) : resolve(response)),
        );
      });
  }
  return { client: client as PromiseClient<H>, raw, close: () => raw.close() };
}

/** Resolves once the channel is connected; rejects with UNAVAILABLE after timeoutMs. */
export async function waitForReady(client: grpc.Client, timeoutMs: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    client.waitForReady(new Date(Date.now() + timeoutMs), (error) => {
      if (!error) return resolve();
      reject(
        ApiError.unavailable(
          `${client.getChannel().getTarget()} not ready within ${timeoutMs} ms`,
          undefined,
          error,
        ),
      );
    });
  });
}
