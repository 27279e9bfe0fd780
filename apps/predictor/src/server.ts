import { createGrpcServer } from '@presage/grpc-kit';
import type { CallObserver, GrpcServer, MessageLimits } from '@presage/grpc-kit';
import type { Logger } from '@presage/log';
import type { PredictorServiceHandlers } from '@presage/proto/src/generated/presage/internal/v1/PredictorService';
import type { PredictorHandlers } from './handlers/predictor-handlers';

export const PREDICTOR_SERVICE = 'presage.internal.v1.PredictorService';

/**
 * The predictor's gRPC server: PredictorService plus grpc-kit's health and reflection; calls go to
 * `onCallFinished`; messages are sized by `limits`.
 */
export function createPredictorServer(
  handlers: PredictorHandlers,
  logger: Logger,
  limits: MessageLimits,
  onCallFinished?: CallObserver,
): GrpcServer {
  const server = createGrpcServer({ name: 'predictor', logger, onCallFinished, limits });
  server.addService<PredictorServiceHandlers>(PREDICTOR_SERVICE, handlers.handlers);
  return server;
}
