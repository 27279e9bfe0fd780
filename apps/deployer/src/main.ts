import path from 'node:path';
import { createClient } from '@presage/grpc-kit';
import { createLogger } from '@presage/log';
import type { Logger } from '@presage/log';
import type { RegistryDeploymentServiceHandlers } from '@presage/proto/src/generated/presage/internal/v1/RegistryDeploymentService';
import { createTelemetry } from '@presage/telemetry';
import { loadDeployerConfig } from './config';
import type { DeployerConfig } from './config';
import { createBatchWorkers } from './batch-workers';
import { RegistryVersionReports } from './domain/version-reports';
import type { DeployerDrivers } from './drivers/deployer-drivers';
import type { createKubernetesDrivers as createKubernetesDriversType } from './drivers/kubernetes-drivers';
import { createLocalDrivers } from './drivers/local-drivers';
import { createDeployerServer } from './server';
import { createArtifactStore } from './staging/artifact-store';
import { StagedModels } from './staging/staged-models';
import { VersionReconciler } from './version-reconciler';

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
  const artifactsDir = path.join(config.home, 'artifacts');
  const drivers = await createDrivers(config, artifactsDir, logger);
  const store = createArtifactStore({
    root: artifactsDir,
    maxBytes: config.maxArtifactBytes,
    idleTimeoutMs: config.stagingTimeoutMs,
  });
  const staged = new StagedModels(store, logger.child({ component: 'staging' }));
  const batchWorkers = createBatchWorkers({ workers: drivers.workers, staged, logger });
  const reconciler = new VersionReconciler({
    registry: registry.client,
    reports: new RegistryVersionReports(registry.client),
    driver: drivers.serving,
    staged,
    logger,
    intervalMs: config.reconcileIntervalMs,
    deployDeadlineMs: config.deployDeadlineMs,
  });
  const server = createDeployerServer({ reconciler, driver: drivers.serving, batchWorkers, logger });
  const port = await server.listen(config.address);
  logger.info('deployer listening', { address: config.address.replace(/:\d+$/, `:${port}`) });
  reconciler.start();

  const stop = async (signal: string) => {
    logger.info('deployer stopping', { signal });
    await reconciler.stop();
    await server.shutdown();
    await drivers.close();
    registry.close();
    await telemetry.shutdown();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

/** The configured drivers; the Kubernetes client and its dependencies load only for those. */
async function createDrivers(
  config: DeployerConfig,
  artifactsDir: string,
  logger: Logger,
): Promise<DeployerDrivers> {
  if (config.kubernetes) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createKubernetesDrivers } = require('./drivers/kubernetes-drivers') as {
      createKubernetesDrivers: typeof createKubernetesDriversType;
    };
    return createKubernetesDrivers({
      ...config.kubernetes,
      predictorEntry: config.predictorEntry,
      artifactsDir,
      env: config.kubernetes.podEnv,
      logger,
    });
  }
  return createLocalDrivers({
    predictorEntry: config.predictorEntry,
    advertiseHost: config.predictorHost,
    stateDir: path.join(config.home, 'deployer'),
    replicasOutliveDriver: config.replicasOutliveDeployer,
    logger,
  });
}

main().catch((error: unknown) => {
  createLogger('deployer').error('deployer failed to start', { error });
  process.exit(1);
});
