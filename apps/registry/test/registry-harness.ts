import type { Confinement } from '@presage/env';
import * as grpc from '@grpc/grpc-js';
import { openDatabase } from '@presage/db';
import type { Database } from '@presage/db';
import { createClient, createStreamClient, startWatch } from '@presage/grpc-kit';
import type { MessageLimits, PromiseClient } from '@presage/grpc-kit';
import { createLogger } from '@presage/log';
import type { Logger } from '@presage/log';
import {
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
  DeploymentTarget__Output,
  WatchDeploymentTargetsResponse__Output,
} from '@presage/proto';
import { createRegistryServer } from '../src/server';
import { PredictionLogStore } from '../src/store/prediction-logs';
import { REGISTRY_MIGRATIONS, REGISTRY_SCHEMA } from '../src/store/migrations';

/**
 * A registry on port 0 over a fresh database, with gRPC clients for each of its services, and a
 * watch of its deployment targets as the deployer keeps one (the registry never calls the deployer).
 */
export interface RegistryHarness {
  address: string;
  models: PromiseClient<ModelServiceHandlers>;
  operations: PromiseClient<OperationsHandlers>;
  longrunning: PromiseClient<LongrunningOperationsHandlers>;
  deployment: PromiseClient<RegistryDeploymentServiceHandlers>;
  /** The versions the deployment target watch told of, in order (a deployer would act on each). */
  watched: string[];
  stop(): Promise<void>;
}

export interface RegistryHarnessOptions {
  /** The registry's message sizes (its page budget). @default DEFAULT_MESSAGE_LIMITS */
  limits?: MessageLimits;
  /** The database it owns (dropped by stop()). @default a fresh createTestDatabase() */
  database?: TestDatabase;
  /** @default errors only, to stderr */
  logger?: Logger;
  /** What CreateVersion refuses at once. @default nothing */
  confinement?: Confinement;
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

  const server = createRegistryServer({
    knex: db.knex,
    logger,
    now: () => new Date(),
    predictionLogs: new PredictionLogStore(db.knex, () => new Date()),
    limits: options.limits,
    confinement: options.confinement,
  });
  const address = `127.0.0.1:${await server.listen('127.0.0.1:0')}`;
  const models = createClient(ModelService, address);
  const operations = createClient(Operations, address);
  const longrunning = createClient(LongrunningOperations, address);
  const deployment = createClient(RegistryDeploymentService, address);
  const streams = createStreamClient(RegistryDeploymentService, address);
  const watched: string[] = [];
  const watch = startWatch<WatchDeploymentTargetsResponse__Output, DeploymentTarget__Output>({
    open: () => streams.client.WatchDeploymentTargets({}),
    batchOf: (m) => ({ snapshot: m.snapshot, more: m.more, items: m.targets, removed: m.removedVersions }),
    onResync(items) {
      watched.push(...items.map((t) => t.version?.name ?? ''));
    },
    onChanges(items, removed) {
      watched.push(...items.map((t) => t.version?.name ?? ''), ...removed);
    },
    logger,
  });

  return {
    address,
    models: models.client,
    operations: operations.client,
    longrunning: longrunning.client,
    deployment: deployment.client,
    watched,
    async stop() {
      for (const c of [models, operations, longrunning, deployment]) c.close();
      watch.close();
      streams.close();
      await server.shutdown();
      await db.close();
      await testDb.drop();
    },
  };
}

export function metadataOf(op: Pick<Operation__Output, 'metadata'>): OperationMetadata__Output {
  return unpackAny<OperationMetadata__Output>(op.metadata!);
}

export { grpc };
