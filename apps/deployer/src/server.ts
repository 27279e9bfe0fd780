import { createGrpcServer } from '@presage/grpc-kit';
import type { GrpcServer } from '@presage/grpc-kit';
import type { Logger } from '@presage/log';
import type { DeployerServiceHandlers } from '@presage/proto/src/generated/presage/internal/v1/DeployerService';
import type { ReplicaDriver } from './drivers/replica-driver';
import { createScaleHandlers } from './handlers/scale-handlers';
import type { Reconciler } from './version-reconciler';

/** The deployer's gRPC server: nudges in, the replica table out, replica counts from the autoscaler. */
export function createDeployerServer(deps: {
  reconciler: Reconciler;
  driver: ReplicaDriver;
  logger: Logger;
}): GrpcServer {
  const server = createGrpcServer({ name: 'deployer', logger: deps.logger });
  server.addService<DeployerServiceHandlers>('presage.internal.v1.DeployerService', {
    Nudge() {
      deps.reconciler.nudge();
      return Promise.resolve({});
    },
    ListReplicas(request) {
      return Promise.resolve({ replicas: deps.driver.list(request.version || undefined) });
    },
    ...createScaleHandlers(deps),
  });
  return server;
}
