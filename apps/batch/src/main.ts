import { openDatabase } from '@presage/db';
import { withPort } from '@presage/env';
import { createClient, runService, useInternalCredential } from '@presage/grpc-kit';
import { createLogger } from '@presage/log';
import { startServiceTelemetry } from '@presage/telemetry';
import { AccessService, DeployerService, ModelService } from '@presage/proto';
import { createBatchMetrics } from './batch-metrics';
import { loadBatchConfig } from './config';
import { createJobRunner } from './runner/job-runner';
import { createBatchServer } from './server';
import { BATCH_MIGRATIONS, BATCH_SCHEMA } from './store/migrations';

const logger = createLogger('batch');

void runService({ name: 'batch', logger }, async (lifecycle) => {
  const config = loadBatchConfig();
  useInternalCredential(config.internalCredential);
  const telemetry = await startServiceTelemetry(
    {
      service: 'batch',
      ...config.telemetry,
      metricsAddress: config.metricsAddress,
      internalCredential: config.internalCredential,
      logger,
    },
    lifecycle,
  );
  const metrics = createBatchMetrics(telemetry.meter);
  const db = await openDatabase({
    url: config.databaseUrl,
    home: config.home,
    schema: BATCH_SCHEMA,
    migrations: BATCH_MIGRATIONS,
    logger,
  });
  lifecycle.onStop('database', () => db.close());
  const registry = createClient(ModelService, config.registryAddress, {
    limits: config.limits,
  });
  const access = createClient(AccessService, config.registryAddress, { deadlineMs: 5_000 });
  const deployer = createClient(DeployerService, config.deployerAddress);
  lifecycle.onStop('clients', () => {
    registry.close();
    access.close();
    deployer.close();
  });
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
  const server = createBatchServer(
    {
      knex: db.knex,
      logger,
      registry: registry.client,
      concurrentJobsLimit: async (project) => {
        const name = `projects/${project}/quotaSettings`;
        const setting = (await access.client.GetQuotaSettings({ name })).concurrentBatchJobs;
        if (setting === 0) {
          return { limit: config.concurrentJobsPerProject, source: 'PRESAGE_QUOTA_CONCURRENT_JOBS' };
        }
        return { limit: Math.max(0, setting), source: name };
      },
      nudge: () => runner.nudge(),
      leaseMs: config.leaseMs,
      allowedRoots: config.allowedRoots,
      metrics,
      now,
      limits: config.limits,
    },
    { internalCredential: config.internalCredential },
  );
  lifecycle.onStop('server', () => server.shutdown());
  const port = await server.listen(config.address);
  const address = withPort(config.address, port);
  advertised = config.advertiseAddress ?? address;
  logger.info('batch listening', { address, advertised });
  runner.start();
  lifecycle.onStop('job runner', () => runner.stop());
});
