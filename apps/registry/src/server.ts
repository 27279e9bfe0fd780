import { mapDbError } from '@presage/db';
import { createGrpcServer } from '@presage/grpc-kit';
import type { GrpcServer, GrpcServerOptions } from '@presage/grpc-kit';
import {
  AccessService,
  CredentialService,
  LongrunningOperations,
  ModelService,
  Operations,
  PredictionLogService,
  RegistryDeploymentService,
} from '@presage/proto';
import { createAccessHandlers, createCredentialHandlers } from './handlers/access';
import type { RegistryDeps } from './handlers/deps';
import { createDeploymentHandlers } from './handlers/deployment';
import { createModelHandlers } from './handlers/models';
import { createMonitoringHandlers } from './handlers/monitoring';
import { createLongrunningHandlers, createOperationsHandlers } from './handlers/operations';
import { createPredictionLogHandlers } from './handlers/prediction-logs';
import { createVersionHandlers } from './handlers/versions';
import type { PredictionLogStore } from './store/prediction-logs';
import { DeploymentTargetFeed } from './watch/deployment-target-feed';

/** The registry's gRPC server: ModelService, operations under both names, API keys and IAM
 * policies, the gateway's key lookups and prediction logs, and the deployer contract. */
export function createRegistryServer(
  deps: RegistryDeps & { predictionLogs: PredictionLogStore },
  access: Pick<GrpcServerOptions, 'internalCredential'> = {},
): GrpcServer {
  const server = createGrpcServer({
    name: 'registry',
    logger: deps.logger,
    mapError: mapDbError,
    limits: deps.limits,
    internalCredential: access.internalCredential,
  });
  server.addService(ModelService, {
    ...createModelHandlers(deps),
    ...createVersionHandlers(deps),
    ...createMonitoringHandlers(deps),
  });
  server.addService(Operations, createOperationsHandlers(deps));
  server.addService(LongrunningOperations, createLongrunningHandlers(deps));
  server.addService(AccessService, createAccessHandlers(deps));
  server.addService(CredentialService, createCredentialHandlers(deps));
  server.addService(PredictionLogService, createPredictionLogHandlers(deps.predictionLogs));
  const targets = new DeploymentTargetFeed(deps.knex, deps.logger);
  server.addService(RegistryDeploymentService, {
    ...createDeploymentHandlers(deps),
    WatchDeploymentTargets: (call) => targets.serve(call),
  });
  return server;
}
