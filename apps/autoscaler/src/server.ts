import { mapDbError } from '@presage/db';
import type { Knex } from '@presage/db';
import { createGrpcServer } from '@presage/grpc-kit';
import type { GrpcServer, GrpcServerOptions, MessageLimits } from '@presage/grpc-kit';
import type { Logger } from '@presage/log';
import { AutoscalerService, AutoscalingService } from '@presage/proto';
import type { SignalStore } from './domain/concurrency-signals';
import { createDecisionHandlers } from './handlers/decision-handlers';
import { createDemandHandlers } from './handlers/demand-handlers';
import { OTLP_METRICS_SERVICE, createMetricsExportHandler } from './otlp/metrics-service';
import type { ScalingLoop } from './scaling-loop';

/**
 * The autoscaler's one gRPC port: demand reports, decision history and the OTLP metrics receiver, all
 * behind the internal credential when one is given.
 */
export function createAutoscalerServer(deps: {
  loop: ScalingLoop;
  signals: SignalStore;
  knex: Knex;
  logger: Logger;
  limits: MessageLimits;
  internalCredential?: GrpcServerOptions['internalCredential'];
}): GrpcServer {
  const server = createGrpcServer({
    name: 'autoscaler',
    logger: deps.logger,
    mapError: mapDbError,
    limits: deps.limits,
    internalCredential: deps.internalCredential,
  });
  server.addService(AutoscalerService, createDemandHandlers(deps.loop));
  server.addService(AutoscalingService, createDecisionHandlers(deps.knex));
  server.addRawService(
    OTLP_METRICS_SERVICE,
    createMetricsExportHandler({
      signals: deps.signals,
      onSignals: (versions) => deps.loop.signalsChanged(versions),
    }),
  );
  return server;
}
