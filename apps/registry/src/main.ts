import { openDatabase } from '@presage/db';
import { withPort } from '@presage/env';
import { runService, useInternalCredential } from '@presage/grpc-kit';
import { createLogger } from '@presage/log';
import { startServiceTelemetry } from '@presage/telemetry';
import { loadRegistryConfig } from './config';
import { AlertWebhook } from './monitoring/alert-webhook';
import { ModelMonitor } from './monitoring/model-monitor';
import { PredictionLogRetention } from './prediction-log-retention';
import { createRegistryServer } from './server';
import { REGISTRY_MIGRATIONS, REGISTRY_SCHEMA } from './store/migrations';
import { PredictionLogStore } from './store/prediction-logs';

const logger = createLogger('registry');

void runService({ name: 'registry', logger }, async (lifecycle) => {
  const config = loadRegistryConfig();
  useInternalCredential(config.internalCredential);
  const telemetry = await startServiceTelemetry(
    {
      service: 'registry',
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
    schema: REGISTRY_SCHEMA,
    migrations: REGISTRY_MIGRATIONS,
    logger,
  });
  lifecycle.onStop('database', () => db.close());
  const now = (): Date => new Date();
  const predictionLogs = new PredictionLogStore(db.knex, now);
  const retention = new PredictionLogRetention({
    store: predictionLogs,
    logger,
    retentionDays: config.requestLogRetentionDays,
    intervalMs: config.requestLogRetentionIntervalMs,
    now,
  });
  retention.start();
  lifecycle.onStop('request log retention', () => retention.stop());
  const webhook = new AlertWebhook({ logger, allowedHosts: config.monitoringWebhookHosts });
  const monitor = new ModelMonitor({
    knex: db.knex,
    logger,
    meter: telemetry.meter,
    webhook,
    now,
    intervalMs: config.monitoringIntervalMs,
    graceMs: config.monitoringGraceMs,
  });
  monitor.start();
  lifecycle.onStop('model monitoring', async () => {
    await monitor.stop();
    await webhook.stop();
  });
  const server = createRegistryServer(
    {
      knex: db.knex,
      logger,
      now,
      predictionLogs,
      limits: config.limits,
      confinement: config.confinement,
      webhookHosts: config.monitoringWebhookHosts,
    },
    { internalCredential: config.internalCredential },
  );
  lifecycle.onStop('server', () => server.shutdown());
  const port = await server.listen(config.address);
  logger.info('registry listening', { address: withPort(config.address, port) });
});
