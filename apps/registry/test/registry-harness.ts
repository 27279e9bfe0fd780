import * as grpc from '@grpc/grpc-js';
import { openDatabase } from '@presage/db';
import type { Database } from '@presage/db';
import { createClient, createGrpcServer } from '@presage/grpc-kit';
import type { GrpcServer, MessageLimits, PromiseClient } from '@presage/grpc-kit';
import { createLogger } from '@presage/log';
import type { Logger } from '@presage/log';
import {
  DeployerService,
  LongrunningOperations,
  ModelService,
  Operations,
  RegistryDeploymentService,
  unpackAny,
} from '@presage/proto';
import { createTestDatabase } from '@presage/testing';
import type { TestDatabase } from '@presage/testing';
import type {
  LongrunningOperationsHandlers,
  ModelServiceHandlers,
  OperationMetadata__Output,
  Operation__Output,
  OperationsHandlers,
  RegistryDeploymentServiceHandlers,
} from '@presage/proto';
import { createDeployerNudger } from '../src/deployer-nudger';
import { createRegistryServer } from '../src/server';
import { REGISTRY_MIGRATIONS, REGISTRY_SCHEMA } from '../src/store/migrations';

/**
 * A registry on port 0 over a fresh database, with gRPC clients for each of its services. The
 * deployer is stood in for by a gRPC server that only records nudges: the real one is its own
 * service, and the registry only ever nudges it.
 */
export interface RegistryHarness {
  address: string;
  models: PromiseClient<ModelServiceHandlers>;
  operations: PromiseClient<OperationsHandlers>;
  longrunning: PromiseClient<LongrunningOperationsHandlers>;
  deployment: PromiseClient<RegistryDeploymentServiceHandlers>;
  nudges: string[];
  stop(): Promise<void>;
}

export interface RegistryHarnessOptions {
  /** The registry's message sizes (its page budget). @default DEFAULT_MESSAGE_LIMITS */
  limits?: MessageLimits;
  /** The database it owns (dropped by stop()). @default a fresh createTestDatabase() */
  database?: TestDatabase;
  /** @default errors only, to stderr */
  logger?: Logger;
}

export async function startRegistry(options: RegistryHarnessOptions = {}): Promise<RegistryHarness> {
  const logger = options.logger ?? createLogger('registry-test', { level: 'error' });
  const testDb: TestDatabase = options.database ?? (await createTestDatabase());
  const db: Database = await openDatabase({
    url: testDb.url,
    schema: REGISTRY_SCHEMA,
    migrations: REGISTRY_MIGRATIONS,
    logger,
  });

  const nudges: string[] = [];
  const deployer: GrpcServer = createGrpcServer({ name: 'recording-deployer', logger });
  deployer.addService(DeployerService, {
    Nudge: (request) => {
      nudges.push(request.version);
      return Promise.resolve({});
    },
  });
  const deployerPort = await deployer.listen('127.0.0.1:0');
  const nudger = createDeployerNudger(`127.0.0.1:${deployerPort}`, logger);

  const server = createRegistryServer({
    knex: db.knex,
    logger,
    nudger,
    now: () => new Date(),
    limits: options.limits,
  });
  const address = `127.0.0.1:${await server.listen('127.0.0.1:0')}`;
  const models = createClient(ModelService, address);
  const operations = createClient(Operations, address);
  const longrunning = createClient(LongrunningOperations, address);
  const deployment = createClient(RegistryDeploymentService, address);

  return {
    address,
    models: models.client,
    operations: operations.client,
    longrunning: longrunning.client,
    deployment: deployment.client,
    nudges,
    async stop() {
      for (const c of [models, operations, longrunning, deployment]) c.close();
      nudger.close();
      await server.shutdown();
      await deployer.shutdown();
      await db.close();
      await testDb.drop();
    },
  };
}

export function metadataOf(op: Pick<Operation__Output, 'metadata'>): OperationMetadata__Output {
  return unpackAny<OperationMetadata__Output>(op.metadata!);
}

export { grpc };
