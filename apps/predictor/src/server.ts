import { createGrpcServer } from '@presage/grpc-kit';
import type { CallObserver, GrpcServer, MessageLimits } from '@presage/grpc-kit';
import type { Logger } from '@presage/log';
import { PredictorService } from '@presage/proto';
import type { PredictorHandlers } from './handlers/predictor-handlers';

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
  server.addService(PredictorService, handlers.handlers);
  return server;
}
