import { createLogger } from '@presage/log';
import { loadGatewayConfig } from './config';
import { startGateway } from './gateway';

async function main(): Promise<void> {
  const logger = createLogger('gateway');
  const config = loadGatewayConfig();
  const gateway = await startGateway(config, logger);

  const stop = async (signal: string): Promise<void> => {
    logger.info('gateway stopping', { signal });
    await gateway.stop();
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
