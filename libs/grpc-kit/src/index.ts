export { adaptUnaryHandler, unimplementedHandler } from './async-handler';
export type { AsyncHandlers, AsyncUnaryHandler } from './async-handler';
export type { CallContext } from './call-context';
export { createGrpcServer } from './grpc-server';
export type { GrpcServer, GrpcServerOptions } from './grpc-server';
export { createClient, waitForReady } from './promise-client';
export type { Decoded, RequestInput } from './message-types';
export type { ClientOptions, ConnectedClient, PromiseClient, UnaryCallOptions } from './promise-client';
export { STATUS_DETAILS_KEY, fromServiceError, toServiceError } from './status-details';
