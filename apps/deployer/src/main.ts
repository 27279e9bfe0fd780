import path from 'node:path';
import { withPort } from '@presage/env';
import { createClient, createStreamClient, runService, useInternalCredential } from '@presage/grpc-kit';
import { createLogger } from '@presage/log';
import type { Logger } from '@presage/log';
import { startServiceTelemetry } from '@presage/telemetry';
import { RegistryDeploymentService } from '@presage/proto';
import { loadDeployerConfig } from './config';
import type { DeployerConfig } from './config';
import { createBatchWorkers } from './batch-workers';
import { DeployerWatches } from './deployer-watches';
import { fanOutTargets, watchDeploymentTargets } from './domain/target-watch';
import { RegistryVersionReports } from './domain/version-reports';
import type { DeployerDrivers } from './drivers/deployer-drivers';
import type { createKubernetesDrivers as createKubernetesDriversType } from './drivers/kubernetes-drivers';
import { createLocalDrivers } from './drivers/local-drivers';
import { createDeployerServer } from './server';
import { createArtifactStore } from './staging/artifact-store';
import { StagedModels } from './staging/staged-models';
import { VersionReconciler } from './version-reconciler';

const logger = createLogger('deployer');

void runService({ name: 'deployer', logger }, async (lifecycle) => {
  const config = loadDeployerConfig();
  useInternalCredential(config.internalCredential);
  await startServiceTelemetry(
    {
      service: 'deployer',
      ...config.telemetry,
      metricsAddress: config.metricsAddress,
      internalCredential: config.internalCredential,
      logger,
    },
    lifecycle,
  );
  const registry = createClient(RegistryDeploymentService, config.registryAddress, { limits: config.limits });
  lifecycle.onStop('registry client', () => registry.close());
  const registryStreams = createStreamClient(RegistryDeploymentService, config.registryAddress, {
    limits: config.limits,
  });
  lifecycle.onStop('registry streams', () => registryStreams.close());
  const artifactsDir = path.join(config.home, 'artifacts');
  const watches = new DeployerWatches({
    driver: () => drivers.serving,
    reconciler: () => reconciler,
    logger,
  });
  const drivers = await createDrivers(config, artifactsDir, logger, () => watches.replicasChanged());
  lifecycle.onStop('drivers', () => drivers.close());
  lifecycle.onStop('watches', () => watches.close());
  const store = createArtifactStore({
    root: artifactsDir,
    maxBytes: config.maxArtifactBytes,
    idleTimeoutMs: config.stagingTimeoutMs,
    allowed: config.allowedPaths,
  });
  const staged = new StagedModels(store, logger.child({ component: 'staging' }), {
    customRoutines: config.customRoutines,
  });
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
  const server = createDeployerServer({
    reconciler,
    driver: drivers.serving,
    batchWorkers,
    watches,
    logger,
    internalCredential: config.internalCredential,
  });
  lifecycle.onStop('server', () => server.shutdown());
  const port = await server.listen(config.address);
  logger.info('deployer listening', { address: withPort(config.address, port) });
  reconciler.start();
  lifecycle.onStop('reconciler', () => reconciler.stop());
  // The registry's committed changes reach the reconciler's queue (and the scale targets) as they happen.
  const targetWatch = watchDeploymentTargets({
    registry: registryStreams.client,
    sink: fanOutTargets(watches.targets, reconciler),
    onConnection: (connected) => reconciler.watchConnected(connected),
    logger,
  });
  lifecycle.onStop('target watch', () => targetWatch.close());
});

/** The configured drivers; the Kubernetes client and its dependencies load only for those. */
async function createDrivers(
  config: DeployerConfig,
  artifactsDir: string,
  logger: Logger,
  onReplicasChanged: () => void,
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
      internalCredentialFromSecret: config.internalCredential !== undefined,
      logger,
      onReplicasChanged,
    });
  }
  return createLocalDrivers({
    predictorEntry: config.predictorEntry,
    advertiseHost: config.predictorHost,
    stateDir: path.join(config.home, 'deployer'),
    replicasOutliveDriver: config.replicasOutliveDeployer,
    credentialEnv: config.internalCredential?.environment ?? {},
    logger,
    onReplicasChanged,
  });
}
