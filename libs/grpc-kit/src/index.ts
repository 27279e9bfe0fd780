export { adaptUnaryHandler, unimplementedHandler } from './async-handler';
export type {
  AdapterOptions,
  AsyncHandlers,
  AsyncUnaryHandler,
  CallObserver,
  ErrorMapper,
  FinishedCall,
} from './async-handler';
export type { CallContext } from './call-context';
export { createGrpcServer } from './grpc-server';
export { checkHealth } from './health-client';
export type { ServingStatus } from './health-client';
export type { GrpcServer, GrpcServerOptions } from './grpc-server';
export { metadataValue } from './metadata-value';
export { createClient, waitForReady } from './promise-client';
export type { Decoded, RequestInput } from './message-types';
export type { ClientOptions, ConnectedClient, PromiseClient, UnaryCallOptions } from './promise-client';
export { STATUS_DETAILS_KEY, fromServiceError, toServiceError } from './status-details';
