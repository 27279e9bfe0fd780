import { runService } from '@presage/grpc-kit';
import { createLogger } from '@presage/log';
import { createTelemetry } from '@presage/telemetry';
import { loadGatewayConfig } from './config';
import { startGateway } from './gateway';

const logger = createLogger('gateway');

void runService({ name: 'gateway', logger }, async (lifecycle) => {
  const config = loadGatewayConfig();
  const telemetry = createTelemetry({ service: 'gateway', ...config.telemetry, logger });
  lifecycle.onStop('telemetry', () => telemetry.shutdown());
  const gateway = await startGateway(config, { logger, telemetry });
  lifecycle.onStop('gateway', () => gateway.stop());
  logger.info('telemetry', {
    metrics: `http://${config.httpHost}:${gateway.httpPort}/metrics`,
    exports: telemetry.destinations,
  });
});
