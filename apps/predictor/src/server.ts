import { createGrpcServer } from '@presage/grpc-kit';
import type { CallObserver, GrpcServer, GrpcServerOptions, MessageLimits } from '@presage/grpc-kit';
import type { Logger } from '@presage/log';
import { PredictorService } from '@presage/proto';
import type { PredictorHandlers } from './handlers/predictor-handlers';

/**
 * The predictor's gRPC server: PredictorService plus grpc-kit's health and reflection; calls go to
 * `onCallFinished`; messages are sized by `limits`; callers need `internalCredential` when one is given.
 */
export function createPredictorServer(
  handlers: PredictorHandlers,
  logger: Logger,
  limits: MessageLimits,
  onCallFinished?: CallObserver,
  internalCredential?: GrpcServerOptions['internalCredential'],
): GrpcServer {
  const server = createGrpcServer({ name: 'predictor', logger, onCallFinished, limits, internalCredential });
  server.addService(PredictorService, handlers.handlers);
  return server;
}
