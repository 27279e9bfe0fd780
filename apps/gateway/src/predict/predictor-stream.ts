import * as grpc from '@grpc/grpc-js';
import { ApiError, StatusCode } from '@presage/errors';
import type {
  PredictStreamRequest__Output,
  PredictStreamResponse__Output,
  StreamedPredict__Output,
} from '@presage/proto';
import type { CancelSignal } from '../caller-signal';

/** What a replica answered: an AI Platform body and its HTTP status. */
export interface PredictorAnswer {
  body: Buffer;
  httpStatus: number;
}

export interface StreamPredictOptions {
  /** The caller's remaining time: sent along, and the answer is awaited no longer. */
  deadlineMs: number;
  /** The caller went away: the prediction is withdrawn (the replica drops it if it has not run). */
  signal?: CancelSignal | undefined;
  /** The W3C traceparent of the gateway's span, when the request is traced. */
  traceparent?: string | undefined;
}

interface Waiting {
  resolve(answer: PredictorAnswer): void;
  reject(error: ApiError): void;
  timer: NodeJS.Timeout;
  signal: CancelSignal | undefined;
  onAbort: (() => void) | undefined;
}

type Call = grpc.ClientDuplexStream<PredictStreamRequest__Output, PredictStreamResponse__Output>;

const MAX_ID = 0xffff_ffff;

/**
 * Predictions to one replica over one long-lived PredictStream: each gets an id, the ones sent in the
 * same turn of the event loop travel in one message, and answers come back by id as they are ready.
 * When the stream breaks, every prediction it still owed fails UNAVAILABLE (the router retries it on
 * another replica) and the next prediction opens a new stream.
 */
export class PredictorStream {
  private call: Call | undefined;
  private readonly waiting = new Map<number, Waiting>();
  private predicts: StreamedPredict__Output[] = [];
  private cancelledIds: number[] = [];
  private flushScheduled = false;
  private nextId = 1;

  constructor(
    private readonly client: grpc.Client,
    private readonly method: grpc.MethodDefinition<
      PredictStreamRequest__Output,
      PredictStreamResponse__Output
    >,
  ) {}

  predict(body: Buffer, options: StreamPredictOptions): Promise<PredictorAnswer> {
    if (options.signal?.aborted) return Promise.reject(callerGone());
    return new Promise<PredictorAnswer>((resolve, reject) => {
      const id = this.newId();
      const deadlineMs = Math.max(1, Math.ceil(options.deadlineMs));
      const waiting: Waiting = {
        resolve,
        reject,
        timer: setTimeout(() => this.withdraw(id, deadlineExceeded(deadlineMs)), deadlineMs),
        signal: options.signal,
        onAbort: undefined,
      };
      if (options.signal) {
        waiting.onAbort = () => this.withdraw(id, callerGone());
        options.signal.addEventListener('abort', waiting.onAbort, { once: true });
      }
      this.waiting.set(id, waiting);
      this.predicts.push({ id, body, timeoutMs: deadlineMs, traceparent: options.traceparent ?? '' });
      this.scheduleFlush();
    });
  }

  /** Predictions sent and not answered yet. */
  get outstanding(): number {
    return this.waiting.size;
  }

  close(): void {
    const call = this.call;
    this.call = undefined;
    this.failAll(ApiError.unavailable('The gateway closed its stream to the replica.', 100));
    call?.cancel();
  }

  private newId(): number {
    let id = this.nextId;
    while (this.waiting.has(id)) id = id === MAX_ID ? 1 : id + 1;
    this.nextId = id === MAX_ID ? 1 : id + 1;
    return id;
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.predicts.length === 0 && this.cancelledIds.length === 0) return;
    const message = { predicts: this.predicts, cancelledIds: this.cancelledIds };
    this.predicts = [];
    this.cancelledIds = [];
    (this.call ??= this.open()).write(message);
  }

  private open(): Call {
    const call: Call = this.client.makeBidiStreamRequest(
      this.method.path,
      this.method.requestSerialize,
      this.method.responseDeserialize,
      new grpc.Metadata(),
      {},
    );
    call.on('data', (message: PredictStreamResponse__Output) => {
      for (const answer of message.answers) {
        const waiting = this.take(answer.id);
        if (!waiting) continue;
        const code = answer.code as StatusCode;
        if (code === StatusCode.OK) waiting.resolve({ body: answer.body, httpStatus: answer.httpStatus });
        else waiting.reject(new ApiError(code, answer.message));
      }
    });
    const broken = (error?: grpc.ServiceError): void => {
      if (this.call !== call) return;
      this.call = undefined;
      this.failAll(
        ApiError.unavailable(
          `The stream to the replica ended${error ? `: ${error.details || error.message}` : ''}.`,
          100,
          error,
        ),
      );
    };
    call.on('error', broken);
    call.on('end', () => broken());
    return call;
  }

  /** A prediction the caller no longer waits for: failed now, and the replica told to drop it. */
  private withdraw(id: number, error: ApiError): void {
    const waiting = this.take(id);
    if (!waiting) return;
    waiting.reject(error);
    const queued = this.predicts.findIndex((predict) => predict.id === id);
    if (queued >= 0) this.predicts.splice(queued, 1);
    else this.cancelledIds.push(id);
    this.scheduleFlush();
  }

  private take(id: number): Waiting | undefined {
    const waiting = this.waiting.get(id);
    if (!waiting) return undefined;
    this.waiting.delete(id);
    clearTimeout(waiting.timer);
    if (waiting.onAbort) waiting.signal?.removeEventListener('abort', waiting.onAbort);
    return waiting;
  }

  private failAll(error: ApiError): void {
    this.predicts = [];
    this.cancelledIds = [];
    for (const id of [...this.waiting.keys()]) this.take(id)?.reject(error);
  }
}

function deadlineExceeded(deadlineMs: number): ApiError {
  return new ApiError(
    StatusCode.DEADLINE_EXCEEDED,
    `The replica did not answer within the request's deadline (${deadlineMs} ms).`,
  );
}

function callerGone(): ApiError {
  return new ApiError(StatusCode.CANCELLED, 'The caller went away before the prediction was answered.');
}
