import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { Tracer } from '@opentelemetry/api';
import { metadataValue } from '@presage/grpc-kit';
import type { AsyncHandlers } from '@presage/grpc-kit';
import type { Logger } from '@presage/log';
import type { PredictorServiceHandlers } from '@presage/proto/src/generated/presage/internal/v1/PredictorService';
import type { LoadedModel } from '@presage/runtimes';
import { remoteParent } from '@presage/telemetry';
import { encodeAnswer, predictBody } from '../domain/predict-request';
import type { PredictorMetrics } from '../predictor-metrics';

export interface PredictorDeps {
  /** The model, its runs timed by `metrics`. */
  model: LoadedModel;
  /** The version's resource name. */
  version: string;
  /** This replica's name, on spans. */
  replica: string;
  loadSeconds: number;
  /** host:port of the replica's `GET /metrics`. */
  metricsAddress: string;
  /** The largest answer body (PRESAGE_MAX_RESPONSE_BYTES); a larger one is replaced by a 400 that says so. */
  maxResponseBytes: number;
  metrics: PredictorMetrics;
  tracer: Tracer;
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
      const finished = deps.metrics.requestStarted();
      const span = deps.tracer.startSpan(
        'presage.predictor.inference',
        {
          kind: SpanKind.SERVER,
          attributes: { 'presage.version': deps.version, 'presage.replica': deps.replica },
        },
        remoteParent((key) => metadataValue(context.metadata, key)),
      );
      const logger = context.logger.child({ traceId: span.spanContext().traceId });
      logger.debug('predict started', { inFlight, bytes: request.body.length });
      try {
        const answer = encodeAnswer(await predictBody(deps.model, request.body), deps.maxResponseBytes);
        span.setAttribute('http.response.status_code', answer.httpStatus);
        if (answer.httpStatus !== 200) {
          const error = answer.body.toString('utf8', 0, 1000);
          span.setStatus({ code: SpanStatusCode.ERROR, message: error });
          logger.info('predict rejected', { error });
        }
        return answer;
      } catch (error) {
        span.setStatus({
          code: SpanStatusCode.ERROR,
          message: error instanceof Error ? error.message : String(error),
        });
        throw error;
      } finally {
        inFlight--;
        finished();
        span.end();
      }
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
  return { handlers, inFlight: () => inFlight };
}
