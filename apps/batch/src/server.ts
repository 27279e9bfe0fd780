import { mapDbError } from '@presage/db';
import { createGrpcServer } from '@presage/grpc-kit';
import type { GrpcServer, GrpcServerOptions } from '@presage/grpc-kit';
import { BatchWorkerService, JobService } from '@presage/proto';
import type { BatchDeps } from './handlers/deps';
import { createJobHandlers } from './handlers/jobs';
import { createWorkerHandlers } from './handlers/workers';

/** The batch service's gRPC server: JobService for users (through the gateway), BatchWorkerService for workers. */
export function createBatchServer(
  deps: BatchDeps,
  access: Pick<GrpcServerOptions, 'internalCredential'> = {},
): GrpcServer {
  const server = createGrpcServer({
    name: 'batch',
    logger: deps.logger,
    mapError: mapDbError,
    limits: deps.limits,
    internalCredential: access.internalCredential,
  });
  server.addService(JobService, createJobHandlers(deps));
  server.addService(BatchWorkerService, createWorkerHandlers(deps));
  return server;
}
