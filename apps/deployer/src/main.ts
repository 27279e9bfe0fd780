import path from 'node:path';
import { createClient, createStreamClient } from '@presage/grpc-kit';
import { createLogger } from '@presage/log';
import type { Logger } from '@presage/log';
import type { RegistryDeploymentServiceHandlers } from '@presage/proto/src/generated/presage/internal/v1/RegistryDeploymentService';
import { createTelemetry } from '@presage/telemetry';
import { loadDeployerConfig } from './config';
import type { DeployerConfig } from './config';
import { createBatchWorkers } from './batch-workers';
import type { createKubernetesDriver as createKubernetesDriverType } from './drivers/kubernetes-driver';
import { createLocalDriver } from './drivers/local-driver';
import type { ReplicaDriver } from './drivers/replica-driver';
import { DeployerWatches } from './deployer-watches';
import { fanOutTargets, nudgingSink, watchDeploymentTargets } from './domain/target-watch';
import { createDeployerServer } from './server';
import { createArtifactStore } from './staging/artifact-store';
import { createReconciler } from './version-reconciler';

async function main(): Promise<void> {
  const logger = createLogger('deployer');
  const config = loadDeployerConfig();
  const telemetry = createTelemetry({ service: 'deployer', ...config.telemetry, logger });
  if (config.metricsAddress) {
    logger.info('metrics listening', { address: await telemetry.serveMetrics(config.metricsAddress) });
  }
  const registry = createClient<RegistryDeploymentServiceHandlers>(
    'presage.internal.v1.RegistryDeploymentService',
    config.registryAddress,
    { limits: config.limits },
  );
  const registryStreams = createStreamClient<RegistryDeploymentServiceHandlers>(
    'presage.internal.v1.RegistryDeploymentService',
    config.registryAddress,
    { limits: config.limits },
  );
  const artifactsDir = path.join(config.home, 'artifacts');
  const watches = new DeployerWatches({ driver: () => driver, reconciler: () => reconciler, logger });
  const driver = await createDriver(config, artifactsDir, logger, () => watches.replicasChanged());
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
  const server = createDeployerServer({ reconciler, driver, batchWorkers, watches, logger });
  const port = await server.listen(config.address);
  logger.info('deployer listening', { address: config.address.replace(/:\d+$/, `:${port}`) });
  reconciler.start();
  // Each change the registry commits nudges the reconciler, which lists the targets itself.
  const targetWatch = watchDeploymentTargets({
    registry: registryStreams.client,
    sink: fanOutTargets(
      watches.targets,
      nudgingSink(() => reconciler.nudge()),
    ),
    logger,
  });

  const stop = async (signal: string) => {
    logger.info('deployer stopping', { signal });
    targetWatch.close();
    await reconciler.stop();
    await server.shutdown();
    watches.close();
    await driver.close();
    registry.close();
    registryStreams.close();
    await telemetry.shutdown();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

/** The configured replica driver; the Kubernetes client and its dependencies load only for that one. */
async function createDriver(
  config: DeployerConfig,
  artifactsDir: string,
  logger: Logger,
  onReplicasChanged: () => void,
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
      onReplicasChanged,
    });
  }
  return createLocalDriver({
    predictorEntry: config.predictorEntry,
    advertiseHost: config.predictorHost,
    stateDir: path.join(config.home, 'deployer'),
    replicasOutliveDriver: config.replicasOutliveDeployer,
    logger,
    onReplicasChanged,
  });
}

main().catch((error: unknown) => {
  createLogger('deployer').error('deployer failed to start', { error });
  process.exit(1);
});
