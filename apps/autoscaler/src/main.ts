import { openDatabase } from '@presage/db';
import { withPort } from '@presage/env';
import { createClient, createStreamClient, runService, useInternalCredential } from '@presage/grpc-kit';
import { createLogger } from '@presage/log';
import { startServiceTelemetry } from '@presage/telemetry';
import { DeployerService } from '@presage/proto';
import { createAutoscalerMetrics } from './autoscaler-metrics';
import { loadAutoscalerConfig } from './config';
import type { AutoscalerConfig } from './config';
import { SignalStore } from './domain/concurrency-signals';
import type { ScalePolicyConfig } from './domain/scale-policy';
import { createScalingState } from './domain/scaling-state';
import { WatchedScaleTargets } from './scale-targets';
import { ScalingLoop } from './scaling-loop';
import { createAutoscalerServer } from './server';
import { createDecisionLog } from './store/decision-log';
import { AUTOSCALER_MIGRATIONS, AUTOSCALER_SCHEMA } from './store/migrations';

const logger = createLogger('autoscaler');

void runService({ name: 'autoscaler', logger }, async (lifecycle) => {
  const config = loadAutoscalerConfig();
  useInternalCredential(config.internalCredential);
  const telemetry = await startServiceTelemetry(
    {
      service: 'autoscaler',
      ...config.telemetry,
      metricsAddress: config.metricsAddress,
      internalCredential: config.internalCredential,
      logger,
    },
    lifecycle,
  );
  const db = await openDatabase({
    url: config.databaseUrl,
    home: config.home,
    schema: AUTOSCALER_SCHEMA,
    migrations: AUTOSCALER_MIGRATIONS,
    logger,
  });
  lifecycle.onStop('database', () => db.close());
  const deployer = createClient(DeployerService, config.deployerAddress);
  lifecycle.onStop('deployer client', () => deployer.close());
  const deployerStreams = createStreamClient(DeployerService, config.deployerAddress);
  lifecycle.onStop('deployer streams', () => deployerStreams.close());
  const targets = new WatchedScaleTargets({
    deployer: deployer.client,
    streams: deployerStreams.client,
    deadlineMs: 5000,
    logger,
  });
  lifecycle.onStop('scale target watch', () => targets.close());
  const signals = new SignalStore({ staleAfterMs: config.metricStaleMs });
  const log = createDecisionLog({
    knex: db.knex,
    logger,
    maxAgeMs: config.decisionRetentionDays * 86_400_000,
    keepPerVersion: config.decisionsPerVersion,
  });
  lifecycle.onStop('decision log', () => log.close());
  const loop = new ScalingLoop({
    deployer: deployer.client,
    targets,
    signals,
    state: createScalingState({ policy: scalingPolicyOf(config) }),
    log,
    metrics: createAutoscalerMetrics(telemetry.meter),
    tickMs: config.tickMs,
    logger,
  });
  const server = createAutoscalerServer({
    loop,
    signals,
    knex: db.knex,
    logger,
    limits: config.limits,
    internalCredential: config.internalCredential,
  });
  lifecycle.onStop('server', () => server.shutdown());
  const port = await server.listen(config.address);
  logger.info('autoscaler listening', {
    address: withPort(config.address, port),
    tickMs: config.tickMs,
    ...scalingPolicyOf(config),
  });
  loop.start();
  lifecycle.onStop('scaling loop', () => loop.stop());
});

/** The scaling policy's settings (Knative's KPA windows and target). */
function scalingPolicyOf(
  config: AutoscalerConfig,
): Pick<ScalePolicyConfig, 'targetConcurrency' | 'stableWindowMs' | 'panicWindowMs' | 'scaleToZeroIdleMs'> {
  return {
    targetConcurrency: config.targetConcurrency,
    stableWindowMs: config.stableWindowMs,
    panicWindowMs: config.panicWindowMs,
    scaleToZeroIdleMs: config.scaleToZeroIdleMs,
  };
}
