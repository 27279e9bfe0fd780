import { runService } from '@presage/grpc-kit';
import { createLogger } from '@presage/log';
import { startServiceTelemetry } from '@presage/telemetry';
import { loadGatewayConfig } from './config';
import { startGateway } from './gateway';

const logger = createLogger('gateway');

void runService({ name: 'gateway', logger }, async (lifecycle) => {
  const config = loadGatewayConfig();
  const telemetry = await startServiceTelemetry(
    { service: 'gateway', ...config.telemetry, logger },
    lifecycle,
  );
  const gateway = await startGateway(config, { logger, telemetry });
  lifecycle.onStop('gateway', () => gateway.stop());
  logger.info('telemetry', {
    metrics: `http://${config.httpHost}:${gateway.httpPort}/metrics`,
    exports: telemetry.destinations,
  });
});
