import type { Tracer } from '@opentelemetry/api';
import { metadataValue } from '@presage/grpc-kit';
import type { AsyncHandlers } from '@presage/grpc-kit';
import type { Logger } from '@presage/log';
import type { LoadedModel } from '@presage/runtimes';
import type { PredictorServiceHandlers } from '@presage/proto';
import type { RequestBatcher } from '../batching/request-batcher';
import type { PredictorMetrics } from '../predictor-metrics';
import { StreamSession } from './predict-stream';
import { createPredictionTrace } from './prediction-trace';

export interface PredictorDeps {
  /** The model, its runs timed by `metrics`. */
  model: LoadedModel;
  /** Every prediction goes through it: requests merged into model runs when the model allows. */
  batcher: RequestBatcher;
  /** The version's resource name. */
  version: string;
  /** This replica's name, on spans. */
  replica: string;
  loadSeconds: number;
  /** host:port of the replica's `GET /metrics`. */
  metricsAddress: string;
  metrics: PredictorMetrics;
  tracer: Tracer;
  logger: Logger;
}

export interface PredictorHandlers {
  handlers: AsyncHandlers<PredictorServiceHandlers>;
  /** Predictions received and not yet answered. */
  inFlight(): number;
  /** Ends every open stream once its predictions are answered, refusing new ones (UNAVAILABLE). */
  drainStreams(): Promise<void>;
}

export function createPredictorHandlers(deps: PredictorDeps): PredictorHandlers {
  const counter = { inFlight: 0 };
  const sessions = new Set<StreamSession>();
  const trace = createPredictionTrace(deps);
  const handlers: AsyncHandlers<PredictorServiceHandlers> = {
    Predict: async (request, context) => {
      counter.inFlight++;
      if (deps.logger.enabled('debug')) {
        deps.logger.debug('predict started', { inFlight: counter.inFlight, bytes: request.body.length });
      }
      const finished = deps.metrics.requestStarted();
      const traced = trace(metadataValue(context.metadata, 'traceparent'));
      const submitted = deps.batcher.submit(request.body, { deadlineAt: context.deadline?.getTime() });
      const cancel = (): void => submitted.cancel();
      context.signal.addEventListener('abort', cancel, { once: true });
      try {
        const answer = await submitted.answer;
        traced.answered(answer);
        return answer;
      } catch (error) {
        traced.failed(error);
        throw error;
      } finally {
        context.signal.removeEventListener('abort', cancel);
        counter.inFlight--;
        finished();
      }
    },
    PredictStream: (call) => {
      const session = new StreamSession(call, { ...deps, trace, counter });
      sessions.add(session);
      void session.ended.then(() => sessions.delete(session));
    },
    GetModelInfo: () =>
      Promise.resolve({
        version: deps.version,
        runtime: deps.model.runtime,
        signature: deps.model.signature,
        loadSeconds: deps.loadSeconds,
        metricsAddress: deps.metricsAddress,
      }),
  };
  return {
    handlers,
    inFlight: () => counter.inFlight,
    drainStreams: async () => {
      await Promise.all([...sessions].map((session) => session.drain()));
    },
  };
}
