import { ApiError } from '@presage/errors';
import { createGrpcServer } from '@presage/grpc-kit';
import type { GrpcServer, GrpcServerOptions } from '@presage/grpc-kit';
import type { Logger } from '@presage/log';
import { DeployerService } from '@presage/proto';
import type { BatchWorkers } from './batch-workers';
import type { DeployerWatches } from './deployer-watches';
import type { ServingDriver } from './drivers/serving-driver';
import { createScaleHandlers } from './handlers/scale-handlers';
import type { VersionReconciler } from './version-reconciler';

/**
 * The deployer's gRPC server: nudges in, the replica table and scale targets out (listed and watched),
 * replica counts from the autoscaler.
 */
export function createDeployerServer(deps: {
  reconciler: VersionReconciler;
  driver: ServingDriver;
  batchWorkers: BatchWorkers;
  watches: DeployerWatches;
  logger: Logger;
  internalCredential?: GrpcServerOptions['internalCredential'];
}): GrpcServer {
  const server = createGrpcServer({
    name: 'deployer',
    logger: deps.logger,
    internalCredential: deps.internalCredential,
  });
  server.addService(DeployerService, {
    Nudge(request) {
      deps.reconciler.nudge(request.version);
      return Promise.resolve({});
    },
    ListReplicas(request) {
      return Promise.resolve({ replicas: deps.driver.list(request.version || undefined) });
    },
    EnsureBatchWorkers(request) {
      if (!request.job)
        throw ApiError.invalidArgument({ field: 'job', description: 'A job name is required.' });
      return deps.batchWorkers.ensure(request);
    },
    async StopBatchWorkers(request) {
      if (!request.job)
        throw ApiError.invalidArgument({ field: 'job', description: 'A job name is required.' });
      await deps.batchWorkers.stop(request.job);
      return {};
    },
    ...createScaleHandlers({
      ...deps,
      onScaled: (version) => deps.watches.scaleTargets.changed([version]),
    }),
    ...deps.watches.handlers(),
  });
  return server;
}
