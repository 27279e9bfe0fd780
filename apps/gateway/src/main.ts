import { EnvReader, readInternalCredential } from '@presage/env';
import type { InternalCredential } from '@presage/env';
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
  const internalCredential = loadInternalCredential();
  useInternalCredential(internalCredential);
  const telemetry = await startServiceTelemetry(
    { service: 'gateway', ...config.telemetry, internalCredential, logger },
    lifecycle,
  );
  const gateway = await startGateway(config, { logger, telemetry });
  lifecycle.onStop('gateway', () => gateway.stop());
  logger.info('telemetry', {
    metrics: `http://${config.httpHost}:${gateway.httpPort}/metrics`,
    exports: telemetry.destinations,
  });
});

/**
 * PRESAGE_INTERNAL_CREDENTIAL_FILE or PRESAGE_INTERNAL_CREDENTIAL, read as every config.ts reads it.
 * Here until GatewayConfig has an `internalCredential` of its own (then: config.internalCredential).
 */
function loadInternalCredential(): InternalCredential | undefined {
  const reader = new EnvReader(process.env);
  const credential = readInternalCredential(reader);
  reader.finish('gateway');
  return credential;
}
