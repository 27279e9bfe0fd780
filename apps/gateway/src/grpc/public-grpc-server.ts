import * as grpc from '@grpc/grpc-js';
import { ApiError } from '@presage/errors';
import { createGrpcServer, metadataValue, publicRequestBytes } from '@presage/grpc-kit';
import type {
  AsyncUnaryHandler,
  CallContext,
  CallObserver,
  GrpcServer,
  MessageLimits,
} from '@presage/grpc-kit';
import type { Logger } from '@presage/log';
import { serviceDefinition } from '@presage/proto';
import { pickTraceHeaders } from '@presage/telemetry';
import { grpcCredential } from '../auth/credentials';
import { SERVED_VERSION, VERSION_KEY, actorOf } from '../method-table';
import type { HttpBodyReply, MethodTable } from '../method-table';
import { ROUTING_KEY } from '../predict/traffic-split';

export interface PublicGrpcServerOptions {
  logger: Logger;
  /** A request message over publicRequestBytes(limits) answers INVALID_ARGUMENT, as REST answers a body over maxBodyBytes. */
  limits: MessageLimits;
  onCallFinished?: CallObserver | undefined;
}

/**
 * The public gRPC services, each method answered by the gateway's method table (forwarding to the
 * registry, the batch service, or the predict router). Methods missing from the table answer
 * UNIMPLEMENTED. A prediction's answer carries the version that gave it as the `x-presage-version`
 * trailing metadata. Requests are checked as every Presage server checks them (undecodable, too large,
 * text no service can store: INVALID_ARGUMENT).
 */
export function createPublicGrpcServer(
  services: readonly string[],
  table: MethodTable,
  { logger, limits, onCallFinished }: PublicGrpcServerOptions,
): GrpcServer {
  const server = createGrpcServer({
    name: 'gateway',
    logger,
    onCallFinished,
    limits,
    maxRequestBytes: publicRequestBytes(limits),
  });
  for (const serviceName of services) {
    const handlers: Record<string, AsyncUnaryHandler<unknown, unknown>> = {};
    for (const [name, method] of Object.entries(serviceDefinition(serviceName))) {
      const invoke = table.get(method.path);
      if (!invoke) continue;
      handlers[name] = (request: unknown, context: CallContext) => {
        if (typeof request !== 'object' || request === null)
          return Promise.reject(ApiError.internal('request is not a message'));
        return invoke(request as Record<string, unknown>, {
          actor: actorOf(context.metadata),
          deadline: context.deadline,
          signal: context.signal,
          credential: () => grpcCredential(context.metadata),
          trace: pickTraceHeaders((key) => metadataValue(context.metadata, key)),
          routingKey: metadataValue(context.metadata, ROUTING_KEY),
        }).then((reply) => withVersionTrailer(reply, context));
      };
    }
    // Served by name: the gateway forwards every method it has no handler of its own for.
    server.addService<Record<string, never>>({ fullName: serviceName }, handlers);
  }
  return server;
}

/** A prediction names the version that answered it in the trailing metadata. */
function withVersionTrailer(reply: unknown, context: CallContext): unknown {
  const version = (reply as Partial<HttpBodyReply> | null)?.[SERVED_VERSION];
  if (version !== undefined) {
    const trailer = (context.trailer ??= new grpc.Metadata());
    trailer.set(VERSION_KEY, version);
  }
  return reply;
}
