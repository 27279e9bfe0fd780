export { adaptUnaryHandler, unimplementedHandler } from './async-handler';
export type {
  AdapterOptions,
  AsyncHandlers,
  AsyncUnaryHandler,
  CallObserver,
  ErrorMapper,
  FinishedCall,
  ServerStreamHandler,
  StreamHandler,
} from './async-handler';
export { UndecodableRequest } from './request-checks';
export type { CallContext } from './call-context';
export { createGrpcServer } from './grpc-server';
export {
  INTERNAL_PORT_REFUSAL,
  clientChannelCredentials,
  internalChannelCredentials,
  internalCredentialInterceptors,
  internalServerCredentials,
  requireInternalCredential,
  useInternalCredential,
} from './internal-credential';
export { checkHealth } from './health-client';
export type { ServingStatus } from './health-client';
export type { GrpcServer, GrpcServerOptions } from './grpc-server';
export {
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MESSAGE_LIMITS,
  ENVELOPE_BYTES,
  RESPONSE_FACTOR,
  channelMessageBytes,
  messageSizeOptions,
  publicRequestBytes,
  readMessageLimits,
} from './message-limits';
export type { MessageLimits } from './message-limits';
export { metadataValue, toMetadata } from './metadata-value';
export { createClient, waitForReady } from './promise-client';
export type { Decoded, RequestInput } from './message-types';
export type { ClientOptions, ConnectedClient, PromiseClient, UnaryCallOptions } from './promise-client';
export { MAX_MESSAGE_DEPTH, checkRequestText } from './request-text';
export { EXIT_FAILURE, EXIT_OK, ServiceExit, runService } from './service-lifecycle';
export type { ServiceLifecycle, ServiceOptions, ServiceProcess } from './service-lifecycle';
export { STATUS_DETAILS_KEY, fromServiceError, toServiceError } from './status-details';
export { createStreamClient } from './stream-client';
export type {
  ConnectedStreamClient,
  ServerStream,
  StreamCallOptions,
  StreamClient,
  StreamClientOptions,
} from './stream-client';
export { startWatch } from './watch-client';
export type { Watch, WatchBatch, WatchOptions } from './watch-client';
export { WatchHub } from './watch-hub';
export type { WatchHubOptions, WatchSource } from './watch-hub';
