import type { AsyncHandlers } from '@presage/grpc-kit';
import type { Logger } from '@presage/log';
import type { PredictorServiceHandlers } from '@presage/proto/src/generated/presage/internal/v1/PredictorService';
import type { LoadedModel } from '@presage/runtimes';
import { predictBody } from '../domain/predict-request';

export interface PredictorDeps {
  model: LoadedModel;
  /** The version's resource name. */
  version: string;
  loadSeconds: number;
  logger: Logger;
}

export interface PredictorHandlers {
  handlers: AsyncHandlers<PredictorServiceHandlers>;
  /** Predict calls started and not yet answered. */
  inFlight(): number;
}

export function createPredictorHandlers(deps: PredictorDeps): PredictorHandlers {
  let inFlight = 0;
  const handlers: AsyncHandlers<PredictorServiceHandlers> = {
    Predict: async (request, context) => {
      inFlight++;
      context.logger.debug('predict started', { inFlight, bytes: request.body.length });
      try {
        const answer = await predictBody(deps.model, request.body);
        if (answer.httpStatus !== 200)
          context.logger.info('predict rejected', { error: (answer.body as { error: string }).error });
        return { body: Buffer.from(JSON.stringify(answer.body)), httpStatus: answer.httpStatus };
      } finally {
        inFlight--;
      }
    },
    GetModelInfo: () =>
      Promise.resolve({
        version: deps.version,
        runtime: deps.model.runtime,
        signature: deps.model.signature,
        loadSeconds: deps.loadSeconds,
      }),
  };
  return { handlers, inFlight: () => inFlight };
}
