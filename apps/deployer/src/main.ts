import path from 'node:path';
import { withPort } from '@presage/env';
import { createClient, runService } from '@presage/grpc-kit';
import { createLogger } from '@presage/log';
import type { Logger } from '@presage/log';
import { startServiceTelemetry } from '@presage/telemetry';
import { RegistryDeploymentService } from '@presage/proto';
import { loadDeployerConfig } from './config';
import type { DeployerConfig } from './config';
import { createBatchWorkers } from './batch-workers';
import type { createKubernetesDriver as createKubernetesDriverType } from './drivers/kubernetes-driver';
import { createLocalDriver } from './drivers/local-driver';
import type { ReplicaDriver } from './drivers/replica-driver';
import { createDeployerServer } from './server';
import { createArtifactStore } from './staging/artifact-store';
import { createReconciler } from './version-reconciler';

const logger = createLogger('deployer');

void runService({ name: 'deployer', logger }, async (lifecycle) => {
  const config = loadDeployerConfig();
  await startServiceTelemetry(
    { service: 'deployer', ...config.telemetry, metricsAddress: config.metricsAddress, logger },
    lifecycle,
  );
  const registry = createClient(RegistryDeploymentService, config.registryAddress, { limits: config.limits });
  lifecycle.onStop('registry client', () => registry.close());
  const artifactsDir = path.join(config.home, 'artifacts');
  const driver = await createDriver(config, artifactsDir, logger);
  lifecycle.onStop('replica driver', () => driver.close());
  const store = createArtifactStore({
    root: artifactsDir,
    maxBytes: config.maxArtifactBytes,
    idleTimeoutMs: config.stagingTimeoutMs,
  });
  const batchWorkers = createBatchWorkers({ driver, store, logger });
  const reconciler = createReconciler({
    registry: registry.client,
    driver,
    store,
    logger,
    intervalMs: config.reconcileIntervalMs,
    deployDeadlineMs: config.deployDeadlineMs,
    digestsInUse: () => batchWorkers.digestsInUse(),
  });
  const server = createDeployerServer({ reconciler, driver, batchWorkers, logger });
  lifecycle.onStop('server', () => server.shutdown());
  const port = await server.listen(config.address);
  logger.info('deployer listening', { address: withPort(config.address, port) });
  reconciler.start();
  lifecycle.onStop('reconciler', () => reconciler.stop());
});

/** The configured replica driver; the Kubernetes client and its dependencies load only for that one. */
async function createDriver(
  config: DeployerConfig,
  artifactsDir: string,
  logger: Logger,
): Promise<ReplicaDriver> {
  if (config.kubernetes) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createKubernetesDriver } = require('./drivers/kubernetes-driver') as {
      createKubernetesDriver: typeof createKubernetesDriverType;
    };
    return createKubernetesDriver({
      ...config.kubernetes,
      predictorEntry: config.predictorEntry,
      artifactsDir,
      env: config.kubernetes.podEnv,
      logger,
    });
  }
  return createLocalDriver({
    predictorEntry: config.predictorEntry,
    advertiseHost: config.predictorHost,
    stateDir: path.join(config.home, 'deployer'),
    replicasOutliveDriver: config.replicasOutliveDeployer,
    logger,
  });
}
