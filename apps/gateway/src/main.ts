import { createLogger } from '@presage/log';
import { createTelemetry } from '@presage/telemetry';
import { loadGatewayConfig } from './config';
import { startGateway } from './gateway';

async function main(): Promise<void> {
  const logger = createLogger('gateway');
  const config = loadGatewayConfig();
  const telemetry = createTelemetry({ service: 'gateway', ...config.telemetry, logger });
  const gateway = await startGateway(config, { logger, telemetry });
  logger.info('telemetry', {
    metrics: `http://${config.httpHost}:${gateway.httpPort}/metrics`,
    exports: telemetry.destinations,
  });

  const stop = async (signal: string): Promise<void> => {
    logger.info('gateway stopping', { signal });
    await gateway.stop();
    await telemetry.shutdown();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  createLogger('gateway').error('gateway failed to start', {
    error: error instanceof Error ? error : String(error),
  });
  process.exit(1);
});
