import { openDatabase } from '@presage/db';
import { createClient, createStreamClient } from '@presage/grpc-kit';
import { createLogger } from '@presage/log';
import { createTelemetry } from '@presage/telemetry';
import type { DeployerServiceHandlers } from '@presage/proto/src/generated/presage/internal/v1/DeployerService';
import { createAutoscalerMetrics } from './autoscaler-metrics';
import { loadAutoscalerConfig } from './config';
import { createSignalStore } from './domain/concurrency-signals';
import { createScalingState } from './domain/scaling-state';
import { WatchedScaleTargets } from './scale-targets';
import { createScalingLoop } from './scaling-loop';
import { createAutoscalerServer } from './server';
import { createDecisionLog } from './store/decision-log';
import { AUTOSCALER_MIGRATIONS, AUTOSCALER_SCHEMA } from './store/migrations';

async function main(): Promise<void> {
  const logger = createLogger('autoscaler');
  const config = loadAutoscalerConfig();
  const telemetry = createTelemetry({ service: 'autoscaler', ...config.telemetry, logger });
  if (config.metricsAddress) {
    logger.info('metrics listening', { address: await telemetry.serveMetrics(config.metricsAddress) });
  }
  const db = await openDatabase({
    url: config.databaseUrl,
    home: config.home,
    schema: AUTOSCALER_SCHEMA,
    migrations: AUTOSCALER_MIGRATIONS,
    logger,
  });
  const deployer = createClient<DeployerServiceHandlers>(
    'presage.internal.v1.DeployerService',
    config.deployerAddress,
  );
  const deployerStreams = createStreamClient<DeployerServiceHandlers>(
    'presage.internal.v1.DeployerService',
    config.deployerAddress,
  );
  const targets = new WatchedScaleTargets({
    deployer: deployer.client,
    streams: deployerStreams.client,
    deadlineMs: 5000,
    logger,
  });
  const signals = createSignalStore({ staleAfterMs: config.metricStaleMs });
  const log = createDecisionLog({
    knex: db.knex,
    logger,
    maxAgeMs: config.decisionRetentionDays * 86_400_000,
    keepPerVersion: config.decisionsPerVersion,
  });
  const loop = createScalingLoop({
    deployer: deployer.client,
    targets,
    signals,
    state: createScalingState({
      policy: {
        targetConcurrency: config.targetConcurrency,
        stableWindowMs: config.stableWindowMs,
        panicWindowMs: config.panicWindowMs,
        scaleToZeroIdleMs: config.scaleToZeroIdleMs,
      },
    }),
    log,
    metrics: createAutoscalerMetrics(telemetry.meter),
    tickMs: config.tickMs,
    logger,
  });
  const server = createAutoscalerServer({ loop, signals, knex: db.knex, logger, limits: config.limits });
  const port = await server.listen(config.address);
  logger.info('autoscaler listening', {
    address: config.address.replace(/:\d+$/, `:${port}`),
    tickMs: config.tickMs,
    stableWindowMs: config.stableWindowMs,
    panicWindowMs: config.panicWindowMs,
    scaleToZeroIdleMs: config.scaleToZeroIdleMs,
    targetConcurrency: config.targetConcurrency,
  });
  loop.start();

  const stop = async (signal: string) => {
    logger.info('autoscaler stopping', { signal });
    await loop.stop();
    await server.shutdown();
    await log.close();
    targets.close();
    deployer.close();
    deployerStreams.close();
    await db.close();
    await telemetry.shutdown();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  createLogger('autoscaler').error('autoscaler failed to start', { error });
  process.exit(1);
});
