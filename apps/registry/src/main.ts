import { openDatabase } from '@presage/db';
import { createLogger } from '@presage/log';
import { createTelemetry } from '@presage/telemetry';
import { loadRegistryConfig } from './config';
import { createDeployerNudger } from './deployer-nudger';
import { createRegistryServer } from './server';
import { REGISTRY_MIGRATIONS, REGISTRY_SCHEMA } from './store/migrations';

async function main(): Promise<void> {
  const logger = createLogger('registry');
  const config = loadRegistryConfig();
  const telemetry = createTelemetry({ service: 'registry', ...config.telemetry, logger });
  if (config.metricsAddress) {
    logger.info('metrics listening', { address: await telemetry.serveMetrics(config.metricsAddress) });
  }
  const db = await openDatabase({
    url: config.databaseUrl,
    home: config.home,
    schema: REGISTRY_SCHEMA,
    migrations: REGISTRY_MIGRATIONS,
    logger,
  });
  const nudger = createDeployerNudger(config.deployerAddress, logger);
  const server = createRegistryServer({
    knex: db.knex,
    logger,
    nudger,
    now: () => new Date(),
    limits: config.limits,
  });
  const port = await server.listen(config.address);
  logger.info('registry listening', { address: config.address.replace(/:\d+$/, `:${port}`) });

  const stop = async (signal: string) => {
    logger.info('registry stopping', { signal });
    await server.shutdown();
    nudger.close();
    await db.close();
    await telemetry.shutdown();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  createLogger('registry').error('registry failed to start', { error });
  process.exit(1);
});
