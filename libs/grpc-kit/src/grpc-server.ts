import * as grpc from '@grpc/grpc-js';
import type { InternalCredential } from '@presage/env';
import type { Logger } from '@presage/log';
import { loadProtos, serviceDefinition } from '@presage/proto';
import type { ServiceDescriptor } from '@presage/proto';
import { adaptUnaryHandler, unimplementedHandler, unimplementedStreamHandler } from './async-handler';
import type { AsyncHandlers, AsyncUnaryHandler, CallObserver, ErrorMapper } from './async-handler';
import { ServerStreams } from './server-streams';
import { addServerReflection } from './server-reflection';
import { createServingHealth } from './serving-health';
import { DEFAULT_MESSAGE_LIMITS, channelMessageBytes, messageSizeOptions } from './message-limits';
import type { MessageLimits } from './message-limits';
import { checkedService } from './request-checks';
import { internalServerCredentials, requireInternalCredential } from './internal-credential';

export interface GrpcServerOptions {
  /** The service's name in logs, e.g. `registry`. */
  name: string;
  logger: Logger;
  /**
   * The sizes the platform agrees on: messages up to channelMessageBytes(limits) pass either way.
   * @default DEFAULT_MESSAGE_LIMITS
   */
  limits?: MessageLimits;
  /**
   * The largest request message a handler gets (the public edge: publicRequestBytes(limits)). A larger
   * one answers INVALID_ARGUMENT saying the limit, up to four times this size; the transport refuses
   * anything larger (RESOURCE_EXHAUSTED) before reading it. @default undefined (the channel size)
   */
  maxRequestBytes?: number;
  /** How long shutdown waits for in-flight calls before cancelling them. @default 10_000 */
  shutdownGraceMs?: number;
  /** Told of every answered call (e.g. telemetry's rpc.server.call.duration). @default undefined */
  onCallFinished?: CallObserver;
  /**
   * What a handler threw, as the error to answer: a service with a database passes libs/db's mapDbError,
   * so a database that cannot be reached answers UNAVAILABLE wherever the query was made. @default as thrown
   */
  mapError?: ErrorMapper;
  /**
   * The platform's internal credential, which every call must then carry (grpc-kit's clients send it
   * after useInternalCredential); others answer UNAUTHENTICATED. grpc.health.v1 stays open. Internal
   * services pass their config's; the gateway's public server passes none.
   * @default undefined (anyone who reaches the port may call)
   */
  internalCredential?: InternalCredential | undefined;
}

export interface GrpcServer {
  /**
   * `service` is a descriptor from @presage/proto (e.g. ModelService), which types the handlers; registers
   * it for health (SERVING once listening) and reflection. Methods without a handler answer
   * UNIMPLEMENTED. Only before listen().
   */
  addService<H>(service: ServiceDescriptor<H>, handlers: Partial<AsyncHandlers<H>>): void;
  /**
   * A service Presage has no proto for (OTLP's MetricsService): each unary method takes and returns
   * the encoded message bytes, so the handler decodes them itself and answers a malformed request
   * with its own status (a deserializer that throws would be INTERNAL). Registered for health, not
   * for reflection. Only before listen().
   */
  addRawService(serviceName: string, handlers: Record<string, AsyncUnaryHandler<Buffer, Buffer>>): void;
  /** '127.0.0.1:0' → resolves the bound port. */
  listen(address: string): Promise<number>;
  /** Health → NOT_SERVING, stop accepting, wait for in-flight calls up to the grace period, then force. Idempotent. */
  shutdown(): Promise<void>;
  setServingStatus(serviceName: string, serving: boolean): void;
}

const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

/** A grpc-js server with async handlers, grpc.health.v1 health, server reflection and graceful shutdown. */
export function createGrpcServer(options: GrpcServerOptions): GrpcServer {
  const logger = options.logger.child({ server: options.name });
  const graceMs = options.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS;
  const channelBytes = channelMessageBytes(options.limits ?? DEFAULT_MESSAGE_LIMITS);
  const server = new grpc.Server({
    ...messageSizeOptions(channelBytes),
    ...(options.maxRequestBytes === undefined
      ? {}
      : { 'grpc.max_receive_message_length': Math.min(channelBytes, 4 * options.maxRequestBytes) }),
    interceptors: options.internalCredential
      ? [requireInternalCredential(options.internalCredential, logger)]
      : [],
  });
  const health = createServingHealth(server);
  const streams = new ServerStreams();
  const serviceNames: string[] = [];
  const rawServiceNames: string[] = [];
  let state: 'new' | 'listening' | 'stopping' = 'new';
  let stopped: Promise<void> | undefined;

  const addService = <H>(service: ServiceDescriptor<H>, handlers: Partial<AsyncHandlers<H>>): void => {
    const serviceName = service.fullName;
    if (state !== 'new')
      throw new Error(`addService(${serviceName}) after listen(): add every service first`);
    if (serviceNames.includes(serviceName)) throw new Error(`service ${serviceName} is already added`);
    const definition = serviceDefinition(serviceName);
    // Requests that do not decode, are too large or hold unstorable text never reach a handler.
    const checked = checkedService(serviceName, definition, options.maxRequestBytes);
    const implemented = implementation(
      serviceName,
      definition,
      checked.wrap(handlers),
      logger,
      options,
      streams,
    );
    server.addService(checked.definition, implemented);
    serviceNames.push(serviceName);
    health.register(serviceName);
  };

  const addRawService = (
    serviceName: string,
    handlers: Record<string, AsyncUnaryHandler<Buffer, Buffer>>,
  ): void => {
    if (state !== 'new')
      throw new Error(`addRawService(${serviceName}) after listen(): add every service first`);
    if ([...serviceNames, ...rawServiceNames].includes(serviceName))
      throw new Error(`service ${serviceName} is already added`);
    const definition: Record<string, grpc.MethodDefinition<Buffer, Buffer>> = {};
    const implementation: grpc.UntypedServiceImplementation = {};
    for (const [name, handler] of Object.entries(handlers)) {
      definition[name] = rawMethod(`/${serviceName}/${name}`, name);
      implementation[name] = adaptUnaryHandler(handler, logger, { mapError: options.mapError });
    }
    server.addService(definition, implementation);
    rawServiceNames.push(serviceName);
    health.register(serviceName);
  };

  const listen = async (address: string): Promise<number> => {
    if (state !== 'new') throw new Error(`listen(${address}) called twice or after shutdown()`);
    state = 'listening';
    addServerReflection(server, () => loadProtos().definition, [...serviceNames]);
    const port = await new Promise<number>((resolve, reject) => {
      server.bindAsync(address, internalServerCredentials(options.internalCredential), (error, bound) =>
        error ? reject(error) : resolve(bound),
      );
    });
    health.start();
    logger.info('listening', {
      address,
      port,
      services: [...serviceNames, ...rawServiceNames],
      internalCredential: options.internalCredential ? 'required' : 'not required',
      tls: options.internalCredential?.tls ? 'mutual' : 'none',
    });
    return port;
  };

  const stop = async (): Promise<void> => {
    state = 'stopping';
    health.stop();
    logger.info('shutting down', { graceMs });
    // Server streams (watches) run until cancelled: end them, their clients watch another server.
    streams.endAll('The server is shutting down; watch again.');
    const graceful = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), graceMs);
      server.tryShutdown(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    if (!graceful) {
      logger.warn('calls still running after the grace period: cancelling them', { graceMs });
      server.forceShutdown();
    }
    logger.info('stopped', { graceful });
  };

  return {
    addService,
    addRawService,
    listen,
    shutdown: () => (stopped ??= stop()),
    setServingStatus: (serviceName, serving) => health.set(serviceName, serving),
  };
}

const identity = (bytes: Buffer): Buffer => bytes;

function rawMethod(path: string, originalName: string): grpc.MethodDefinition<Buffer, Buffer> {
  return {
    path,
    originalName,
    requestStream: false,
    responseStream: false,
    requestSerialize: identity,
    requestDeserialize: identity,
    responseSerialize: identity,
    responseDeserialize: identity,
  };
}

function implementation(
  serviceName: string,
  definition: grpc.ServiceDefinition,
  handlers: object,
  logger: Logger,
  options: Pick<GrpcServerOptions, 'onCallFinished' | 'mapError'>,
  streams: ServerStreams,
): grpc.UntypedServiceImplementation {
  const given = handlers as Record<string, AsyncUnaryHandler<unknown, unknown> | undefined>;
  const unknown = Object.keys(given).filter((name) => !(name in definition));
  if (unknown.length > 0) {
    const valid = Object.keys(definition).join(', ');
    throw new Error(`${serviceName} has no method ${unknown.join(', ')}; its methods are ${valid}`);
  }
  const result: grpc.UntypedServiceImplementation = {};
  for (const [name, method] of Object.entries(definition)) {
    const handler = given[name];
    if (handler && method.requestStream && method.responseStream) {
      result[name] = handler as unknown as grpc.handleBidiStreamingCall<unknown, unknown>;
      continue;
    }
    if (handler && method.responseStream && !method.requestStream) {
      result[name] = streams.track(handler as unknown as grpc.handleServerStreamingCall<unknown, unknown>);
      continue;
    }
    if (handler && method.requestStream) {
      throw new Error(`${method.path} streams from the client: grpc-kit takes every other kind of method`);
    }
    if (!handler) {
      const streaming = method.requestStream || method.responseStream;
      result[name] = streaming ? unimplementedStreamHandler(method.path) : unimplementedHandler(method.path);
      continue;
    }
    result[name] = adaptUnaryHandler(handler, logger, {
      observer: options.onCallFinished,
      mapError: options.mapError,
    });
  }
  return result;
}
