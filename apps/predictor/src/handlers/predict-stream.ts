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

/** What the stream answers when it takes no more predictions. */
const STOPPING = 'The replica is stopping: send the prediction to another one.';

/**
 * One gateway's stream: every prediction it carries goes to the batcher as it arrives, and the answers
 * ready in the same turn of the event loop go back in one message. A cancelled id is dropped if it has
 * not run; when the stream ends, whatever it still waits for is dropped.
 */
export class StreamSession {
  /** Resolves once the stream is over, however it ended. */
  readonly ended: Promise<void>;
  private readonly pending = new Map<number, Submitted>();
  private outbox: StreamedAnswer__Output[] = [];
  private flushing = false;
  private open = true;
  private draining = false;

  constructor(
    private readonly call: Stream,
    private readonly deps: PredictStreamDeps,
  ) {
    this.ended = new Promise<void>((resolve) => {
      for (const event of ['finish', 'close', 'cancelled', 'error']) call.once(event, () => resolve());
    });
    call.on('data', (message: PredictStreamRequest__Output | UndecodableRequest) => this.received(message));
    call.on('end', () => {
      this.close();
      call.end();
    });
    call.on('cancelled', () => this.close());
    call.on('error', () => this.close());
  }

  /**
   * Takes no more predictions (they are answered UNAVAILABLE, so the gateway sends them to another
   * replica), answers the ones it has, then ends the stream. Resolves once it ended.
   */
  drain(): Promise<void> {
    if (!this.open) return Promise.resolve();
    this.draining = true;
    this.scheduleFlush();
    return this.ended;
  }

  private received(message: PredictStreamRequest__Output | UndecodableRequest): void {
    if (message instanceof UndecodableRequest) {
      this.call.emit('error', toServiceError(message.toApiError(), this.deps.logger));
      return;
    }
    for (const id of message.cancelledIds) {
      this.pending.get(id)?.cancel();
      this.pending.delete(id);
    }
    for (const predict of message.predicts) {
      if (this.draining) this.refuse(predict.id, StatusCode.UNAVAILABLE, STOPPING);
      else if (this.pending.has(predict.id)) {
        const message = `id ${predict.id} is already waiting for its answer on this stream`;
        this.refuse(predict.id, StatusCode.INVALID_ARGUMENT, message);
      } else this.start(predict.id, predict.body, predict.timeoutMs, predict.traceparent);
    }
  }

  private start(id: number, body: Buffer, timeoutMs: number, traceparent: string): void {
    const { deps } = this;
    deps.counter.inFlight++;
    if (deps.logger.enabled('debug')) {
      deps.logger.debug('predict started', { id, inFlight: deps.counter.inFlight, bytes: body.length });
    }
    const finished = deps.metrics.requestStarted();
    const traced = deps.trace(traceparent || undefined);
    const submitted = deps.batcher.submit(body, {
      deadlineAt: timeoutMs > 0 ? Date.now() + timeoutMs : undefined,
    });
    this.pending.set(id, submitted);
    submitted.answer
      .then(
        (answer) => {
          traced.answered(answer);
          if (this.settled(id, submitted)) {
            this.send({ id, code: 0, body: answer.body, httpStatus: answer.httpStatus, message: '' });
          }
        },
        (error: unknown) => {
          traced.failed(error);
          if (this.settled(id, submitted)) {
            const apiError = ApiError.from(error);
            this.refuse(id, apiError.code, apiError.message);
          }
        },
      )
      .finally(() => {
        deps.counter.inFlight--;
        finished();
      });
  }

  /** The prediction `id` still waited for this answer (not cancelled, the stream not closed): it is done. */
  private settled(id: number, submitted: Submitted): boolean {
    if (this.pending.get(id) !== submitted) return false;
    this.pending.delete(id);
    return true;
  }

  private refuse(id: number, code: StatusCode, message: string): void {
    this.send({ id, code, body: EMPTY, httpStatus: 0, message });
  }

  private send(answer: StreamedAnswer__Output): void {
    this.outbox.push(answer);
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushing) return;
    this.flushing = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.flushing = false;
    if (!this.open) return;
    if (this.outbox.length > 0) {
      const answers = this.outbox;
      this.outbox = [];
      this.call.write({ answers });
    }
    if (this.draining && this.pending.size === 0) {
      this.open = false;
      this.call.end();
    }
  }

  private close(): void {
    if (!this.open) return;
    this.open = false;
    for (const submitted of this.pending.values()) submitted.cancel();
    this.pending.clear();
  }
}
