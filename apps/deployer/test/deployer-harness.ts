import { INTERNAL_CREDENTIAL_ENV, InternalCredential } from '@presage/env';
import { createClient, useInternalCredential } from '@presage/grpc-kit';
import type { ConnectedClient } from '@presage/grpc-kit';
import { createTestDatabase, freePort, serviceMain, startServiceProcess, waitFor } from '@presage/testing';
import type { ServiceProcess, TestDatabase } from '@presage/testing';
import type {
  DeployerServiceHandlers,
  ModelServiceHandlers,
  Operation__Output,
  OperationsHandlers,
  RegistryDeploymentServiceHandlers,
  Replica__Output,
} from '@presage/proto';
import { DeployerService, ModelService, Operations, RegistryDeploymentService } from '@presage/proto';

/** A registry and a deployer as real processes on a fresh database, with clients of their gRPC APIs. */
export interface DeployerPlatform {
  models: ConnectedClient<ModelServiceHandlers>;
  operations: ConnectedClient<OperationsHandlers>;
  replicas: ConnectedClient<DeployerServiceHandlers>;
  /** The registry's side of the deployer contract, to report as a deployer would. */
  deployment: ConnectedClient<RegistryDeploymentServiceHandlers>;
  /** host:port of the deployer's gRPC server. */
  deployerAddress: string;
  /** The deployer process running now. */
  deployer(): ServiceProcess;
  /** Starts the deployer again (after `deployer().stop()`) on the same address, `extraEnv` over its own. */
  startDeployer(extraEnv?: Record<string, string>): Promise<ServiceProcess>;
  /** Polls an operation until it is done. */
  waitForOperation(name: string, timeoutMs?: number): Promise<Operation__Output>;
  readyReplicas(version: string): Promise<Replica__Output[]>;
  /** Stops the deployer (SIGKILL after `deployerGraceMs`) and the registry, and drops the database. */
  stop(deployerGraceMs?: number): Promise<void>;
}

export interface DeployerPlatformOptions {
  /** PRESAGE_HOME of the deployer; the caller makes it and removes it. */
  home: string;
  /** The deployer's settings beyond the addresses, the home and a 1 s reconcile interval. */
  deployerEnv?: Record<string, string>;
  /**
   * The platform's internal credential: the registry and the deployer require it, and the grpc-kit
   * clients of this test process present it from now on. @default none
   */
  internalCredential?: string;
}

export async function startDeployerPlatform(options: DeployerPlatformOptions): Promise<DeployerPlatform> {
  const secret = options.internalCredential;
  const credentialEnv: Record<string, string> = secret ? { [INTERNAL_CREDENTIAL_ENV]: secret } : {};
  useInternalCredential(secret ? new InternalCredential(secret, credentialEnv) : undefined);
  const db: TestDatabase = await createTestDatabase();
  const deployerAddress = `127.0.0.1:${await freePort()}`;
  const registry = await startServiceProcess({
    entry: serviceMain('registry'),
    env: {
      PRESAGE_REGISTRY_ADDRESS: '127.0.0.1:0',
      DATABASE_URL: db.url,
      PRESAGE_DEPLOYER_ADDRESS: deployerAddress,
      ...credentialEnv,
    },
    listeningMessage: 'registry listening',
  }).catch(async (error: unknown) => {
    await db.drop();
    throw error;
  });
  const startDeployer = (extraEnv: Record<string, string> = {}) =>
    startServiceProcess({
      entry: serviceMain('deployer'),
      env: {
        PRESAGE_DEPLOYER_ADDRESS: deployerAddress,
        PRESAGE_REGISTRY_ADDRESS: registry.address,
        PRESAGE_HOME: options.home,
        PRESAGE_RECONCILE_INTERVAL_MS: '1000',
        // Stopping the harness stops the replicas; a test of adoption asks for the default.
        PRESAGE_REPLICAS_OUTLIVE_DEPLOYER: '0',
        ...credentialEnv,
        ...options.deployerEnv,
        ...extraEnv,
      },
      listeningMessage: 'deployer listening',
    });
  let deployer = await startDeployer().catch(async (error: unknown) => {
    await registry.stop();
    await db.drop();
    throw error;
  });
  const models = createClient(ModelService, registry.address);
  const operations = createClient(Operations, registry.address);
  const replicas = createClient(DeployerService, deployerAddress);
  const deployment = createClient(RegistryDeploymentService, registry.address);

  return {
    models,
    operations,
    replicas,
    deployment,
    deployerAddress,
    deployer: () => deployer,
    async startDeployer(extraEnv) {
      deployer = await startDeployer(extraEnv);
      return deployer;
    },
    waitForOperation(name, timeoutMs = 60_000) {
      return waitFor(
        async () => {
          const op = await operations.client.GetOperation({ name });
          return op.done ? op : undefined;
        },
        { timeoutMs, description: `operation ${name} to finish` },
      );
    },
    async readyReplicas(version) {
      return (await replicas.client.ListReplicas({ version })).replicas.filter((r) => r.state === 'READY');
    },
    async stop(deployerGraceMs) {
      for (const client of [models, operations, replicas, deployment]) client.close();
      await deployer.stop(deployerGraceMs);
      await registry.stop();
      await db.drop();
    },
  };
}
