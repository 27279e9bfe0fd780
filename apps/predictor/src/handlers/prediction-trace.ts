import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { Span, Tracer } from '@opentelemetry/api';
import { remoteParent } from '@presage/telemetry';
import { errorMessage } from '@presage/errors';
import type { EncodedAnswer } from '../batching/request-batcher';

/** Traces one prediction: a span only when the caller's trace is sampled, so untraced requests cost nothing. */
export type PredictionTrace = (traceparent: string | undefined) => {
  answered(answer: EncodedAnswer): void;
  failed(error: unknown): void;
};

export function createPredictionTrace(deps: {
  tracer: Tracer;
  version: string;
  replica: string;
}): PredictionTrace {
  const attributes = { 'presage.version': deps.version, 'presage.replica': deps.replica };
  const untraced = { answered: () => undefined, failed: () => undefined };
  return (traceparent) => {
    // Flags "01": the caller sampled this request. Others are not recorded (parent-based sampling).
    if (!traceparent?.endsWith('-01')) return untraced;
    const span: Span = deps.tracer.startSpan(
      'presage.predictor.inference',
      { kind: SpanKind.SERVER, attributes },
      remoteParent((key) => (key === 'traceparent' ? traceparent : undefined)),
    );
    return {
      answered(answer) {
        span.setAttribute('http.response.status_code', answer.httpStatus);
        if (answer.httpStatus !== 200) {
          span.setStatus({ code: SpanStatusCode.ERROR, message: answer.body.toString('utf8', 0, 1000) });
        }
        span.end();
      },
      failed(error) {
        span.setStatus({
          code: SpanStatusCode.ERROR,
          message: errorMessage(error),
        });
        span.end();
      },
    };
  };
}
