import { runService, useInternalCredential } from '@presage/grpc-kit';
import { createLogger } from '@presage/log';
import { startServiceTelemetry } from '@presage/telemetry';
import { loadGatewayConfig } from './config';
import { startGateway } from './gateway';

const logger = createLogger('gateway');

void runService({ name: 'gateway', logger }, async (lifecycle) => {
  const config = loadGatewayConfig();
  // Its clients of the internal services (registry, deployer, batch, autoscaler, predictors) present
  // the credential; its public ports never ask for it.
  useInternalCredential(config.internalCredential);
  const telemetry = await startServiceTelemetry(
    { service: 'gateway', ...config.telemetry, internalCredential: config.internalCredential, logger },
    lifecycle,
  );
  const gateway = await startGateway(config, { logger, telemetry });
  lifecycle.onStop('gateway', () => gateway.stop());
  logger.info('gateway started', {
    ports: { http: gateway.httpPort, grpc: gateway.grpcPort },
    exports: telemetry.destinations,
  });
});
