import { openDatabase } from '@presage/db';
import { createClient } from '@presage/grpc-kit';
import { createLogger } from '@presage/log';
import { createTelemetry } from '@presage/telemetry';
import type { DeployerServiceHandlers } from '@presage/proto/src/generated/presage/internal/v1/DeployerService';
import type { ModelServiceHandlers } from '@presage/proto/src/generated/presage/v1/ModelService';
import { createBatchMetrics } from './batch-metrics';
import { loadBatchConfig } from './config';
import { createJobRunner } from './runner/job-runner';
import { createBatchServer } from './server';
import { BATCH_MIGRATIONS, BATCH_SCHEMA } from './store/migrations';

async function main(): Promise<void> {
  const logger = createLogger('batch');
  const config = loadBatchConfig();
  const telemetry = createTelemetry({ service: 'batch', ...config.telemetry, logger });
  if (config.metricsAddress) {
    logger.info('metrics listening', { address: await telemetry.serveMetrics(config.metricsAddress) });
  }
  const metrics = createBatchMetrics(telemetry.meter);
  const db = await openDatabase({
    url: config.databaseUrl,
    home: config.home,
    schema: BATCH_SCHEMA,
    migrations: BATCH_MIGRATIONS,
    logger,
  });
  const registry = createClient<ModelServiceHandlers>('presage.v1.ModelService', config.registryAddress, {
    limits: config.limits,
  });
  const deployer = createClient<DeployerServiceHandlers>(
    'presage.internal.v1.DeployerService',
    config.deployerAddress,
  );
  let advertised = config.advertiseAddress ?? config.address;
  const now = () => new Date();
  const runner = createJobRunner({
    knex: db.knex,
    deployer: deployer.client,
    logger,
    batchAddress: () => advertised,
    maxWorkers: config.maxWorkers,
    maxRunningJobs: config.maxRunningJobs,
    shardBytes: config.shardBytes,
    allowedRoots: config.allowedRoots,
    tickMs: config.tickMs,
    metrics,
    now,
  });
  const server = createBatchServer({
    knex: db.knex,
    logger,
    registry: registry.client,
    nudge: () => runner.nudge(),
    leaseMs: config.leaseMs,
    allowedRoots: config.allowedRoots,
    metrics,
    now,
    limits: config.limits,
  });
  const port = await server.listen(config.address);
  const address = config.address.replace(/:\d+$/, `:${port}`);
  advertised = config.advertiseAddress ?? address;
  logger.info('batch listening', { address, advertised });
  runner.start();

  const stop = async (signal: string) => {
    logger.info('batch stopping', { signal });
    await runner.stop();
    await server.shutdown();
    registry.close();
    deployer.close();
    await db.close();
    await telemetry.shutdown();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  createLogger('batch').error('batch failed to start', { error });
  process.exit(1);
});
