import { mapDbError } from '@presage/db';
import { createGrpcServer } from '@presage/grpc-kit';
import type { GrpcServer } from '@presage/grpc-kit';
import type { BatchWorkerServiceHandlers } from '@presage/proto/src/generated/presage/internal/v1/BatchWorkerService';
import type { JobServiceHandlers } from '@presage/proto/src/generated/presage/v1/JobService';
import type { BatchDeps } from './handlers/deps';
import { createJobHandlers } from './handlers/jobs';
import { createWorkerHandlers } from './handlers/workers';

/** The batch service's gRPC server: JobService for users (through the gateway), BatchWorkerService for workers. */
export function createBatchServer(deps: BatchDeps): GrpcServer {
  const server = createGrpcServer({
    name: 'batch',
    logger: deps.logger,
    mapError: mapDbError,
    limits: deps.limits,
  });
  server.addService<JobServiceHandlers>('presage.v1.JobService', createJobHandlers(deps));
  server.addService<BatchWorkerServiceHandlers>(
    'presage.internal.v1.BatchWorkerService',
    createWorkerHandlers(deps),
  );
  return server;
}
