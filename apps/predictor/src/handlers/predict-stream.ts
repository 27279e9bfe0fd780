import type * as grpc from '@grpc/grpc-js';
import { ApiError, StatusCode } from '@presage/errors';
import { UndecodableRequest, toServiceError } from '@presage/grpc-kit';
import type { Logger } from '@presage/log';
import type {
  PredictStreamRequest__Output,
  PredictStreamResponse__Output,
  StreamedAnswer__Output,
} from '@presage/proto';
import type { RequestBatcher, Submitted } from '../batching/request-batcher';
import type { PredictorMetrics } from '../predictor-metrics';
import type { PredictionTrace } from './prediction-trace';

export interface PredictStreamDeps {
  batcher: RequestBatcher;
  metrics: PredictorMetrics;
  trace: PredictionTrace;
  /** Predictions in progress on every path of the replica. */
  counter: { inFlight: number };
  logger: Logger;
}

type Stream = grpc.ServerDuplexStream<PredictStreamRequest__Output, PredictStreamResponse__Output>;

const EMPTY = Buffer.alloc(0);

/** An open stream, as the replica's shutdown sees it. */
export interface StreamSession {
  /** Resolves once the stream is over, however it ended. */
  ended: Promise<void>;
  /**
   * Takes no more predictions (they are answered UNAVAILABLE, so the gateway sends them to another
   * replica), answers the ones it has, then ends the stream. Resolves once it ended.
   */
  drain(): Promise<void>;
}

/**
 * One gateway's stream: every prediction it carries goes to the batcher as it arrives, and the answers
 * ready in the same turn of the event loop go back in one message. A cancelled id is dropped if it has
 * not run; when the stream ends, whatever it still waits for is dropped.
 */
export function handlePredictStream(call: Stream, deps: PredictStreamDeps): StreamSession {
  const pending = new Map<number, Submitted>();
  let outbox: StreamedAnswer__Output[] = [];
  let flushing = false;
  let open = true;
  let draining = false;
  const ended = new Promise<void>((resolve) => {
    for (const event of ['finish', 'close', 'cancelled', 'error']) call.once(event, () => resolve());
  });

  const flush = (): void => {
    flushing = false;
    if (!open) return;
    if (outbox.length > 0) {
      const answers = outbox;
      outbox = [];
      call.write({ answers });
    }
    if (draining && pending.size === 0) {
      open = false;
      call.end();
    }
  };
  const scheduleFlush = (): void => {
    if (flushing) return;
    flushing = true;
    setImmediate(flush);
  };
  const send = (answer: StreamedAnswer__Output): void => {
    outbox.push(answer);
    scheduleFlush();
  };

  const start = (id: number, body: Buffer, timeoutMs: number, traceparent: string): void => {
    deps.counter.inFlight++;
    if (deps.logger.enabled('debug')) {
      deps.logger.debug('predict started', { id, inFlight: deps.counter.inFlight, bytes: body.length });
    }
    const finished = deps.metrics.requestStarted();
    const traced = deps.trace(traceparent || undefined);
    const submitted = deps.batcher.submit(body, {
      deadlineAt: timeoutMs > 0 ? Date.now() + timeoutMs : undefined,
    });
    pending.set(id, submitted);
    submitted.answer
      .then(
        (answer) => {
          traced.answered(answer);
          if (pending.get(id) === submitted) {
            pending.delete(id);
            send({ id, code: 0, body: answer.body, httpStatus: answer.httpStatus, message: '' });
          }
        },
        (error: unknown) => {
          traced.failed(error);
          if (pending.get(id) === submitted) {
            pending.delete(id);
            const apiError = ApiError.from(error);
            send({ id, code: apiError.code, body: EMPTY, httpStatus: 0, message: apiError.message });
          }
        },
      )
      .finally(() => {
        deps.counter.inFlight--;
        finished();
      });
  };

  call.on('data', (message: PredictStreamRequest__Output | UndecodableRequest) => {
    if (message instanceof UndecodableRequest) {
      call.emit('error', toServiceError(message.toApiError(), deps.logger));
      return;
    }
    for (const id of message.cancelledIds) {
      pending.get(id)?.cancel();
      pending.delete(id);
    }
    for (const predict of message.predicts) {
      if (draining) {
        send({
          id: predict.id,
          code: StatusCode.UNAVAILABLE,
          body: EMPTY,
          httpStatus: 0,
          message: 'The replica is stopping: send the prediction to another one.',
        });
        continue;
      }
      if (pending.has(predict.id)) {
        send({
          id: predict.id,
          code: StatusCode.INVALID_ARGUMENT,
          body: EMPTY,
          httpStatus: 0,
          message: `id ${predict.id} is already waiting for its answer on this stream`,
        });
        continue;
      }
      start(predict.id, predict.body, predict.timeoutMs, predict.traceparent);
    }
  });
  const close = (): void => {
    if (!open) return;
    open = false;
    for (const submitted of pending.values()) submitted.cancel();
    pending.clear();
  };
  call.on('end', () => {
    close();
    call.end();
  });
  call.on('cancelled', close);
  call.on('error', close);
  return {
    ended,
    drain() {
      if (!open) return Promise.resolve();
      draining = true;
      scheduleFlush();
      return ended;
    },
  };
}
