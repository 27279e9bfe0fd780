import { mapDbError } from '@presage/db';
import { createGrpcServer } from '@presage/grpc-kit';
import type { GrpcServer } from '@presage/grpc-kit';
import type { OperationsHandlers as LongrunningHandlers } from '@presage/proto/src/generated/google/longrunning/Operations';
import type { RegistryDeploymentServiceHandlers } from '@presage/proto/src/generated/presage/internal/v1/RegistryDeploymentService';
import type { ModelServiceHandlers } from '@presage/proto/src/generated/presage/v1/ModelService';
import type { OperationsHandlers } from '@presage/proto/src/generated/presage/v1/Operations';
import type { RegistryDeps } from './handlers/deps';
import { createDeploymentHandlers } from './handlers/deployment';
import { createModelHandlers } from './handlers/models';
import { createLongrunningHandlers, createOperationsHandlers } from './handlers/operations';
import { createVersionHandlers } from './handlers/versions';
import { DeploymentTargetFeed } from './watch/deployment-target-feed';

/** The registry's gRPC server: ModelService, operations under both names, and the deployer contract. */
export function createRegistryServer(deps: RegistryDeps): GrpcServer {
  const server = createGrpcServer({
    name: 'registry',
    logger: deps.logger,
    mapError: mapDbError,
    limits: deps.limits,
  });
  server.addService<ModelServiceHandlers>('presage.v1.ModelService', {
    ...createModelHandlers(deps),
    ...createVersionHandlers(deps),
  });
  server.addService<OperationsHandlers>('presage.v1.Operations', createOperationsHandlers(deps));
  server.addService<LongrunningHandlers>('google.longrunning.Operations', createLongrunningHandlers(deps));
  const targets = new DeploymentTargetFeed(deps.knex, deps.logger);
  server.addService<RegistryDeploymentServiceHandlers>('presage.internal.v1.RegistryDeploymentService', {
    ...createDeploymentHandlers(deps),
    WatchDeploymentTargets: (call) => targets.serve(call),
  });
  return server;
}
