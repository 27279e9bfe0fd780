import { ApiError, StatusCode, errorMessage } from '@presage/errors';
import {
  InstancesError,
  batchKey,
  instancesToTensors,
  mergeInstances,
  tensorsToPredictions,
} from '@presage/instances';
import type { ConvertedInstances } from '@presage/instances';
import type { LoadedModel } from '@presage/runtimes';
import { encodeAnswer, failure, parseBody, predictBody } from '../domain/predict-request';
import type { PredictAnswer } from '../domain/predict-request';

/** How concurrent requests to one replica are merged into model runs. Presage fields of the version. */
export interface BatchingSettings {
  /** The most instances one run takes (a request larger than that runs alone); 1 turns merging off. @default 64 */
  maxBatchSize: number;
  /**
   * How long a request may wait for others to join it while the model is idle; 0: it runs at once, and
   * requests that arrive while the model runs are merged into the next run. @default 0
   */
  maxQueueDelayMs: number;
}

export const DEFAULT_BATCHING: BatchingSettings = { maxBatchSize: 64, maxQueueDelayMs: 0 };

/** An answer as the bytes the gateway relays, and its HTTP status. */
export interface EncodedAnswer {
  body: Buffer;
  httpStatus: number;
}

/** What one merged run reports: its size and each request's wait in the queue. */
export interface BatchObserver {
  ran(instances: number, requests: number): void;
  waited(seconds: number): void;
}

export interface SubmitOptions {
  /** Date.now() past which it is not run (answered DEADLINE_EXCEEDED). @default none */
  deadlineAt?: number | undefined;
}

/** A submitted request: its answer, and a way to drop it while it waits. */
export interface Submitted {
  /** Settles with the answer; rejects with an ApiError (CANCELLED, DEADLINE_EXCEEDED) when it never ran. */
  answer: Promise<EncodedAnswer>;
  /** The caller went away: if it has not run yet, it will not. */
  cancel(): void;
}

interface Queued {
  /** Tensor models: the request converted on its own; JSON-instance models: its instances. */
  converted: ConvertedInstances | undefined;
  instances: unknown[];
  options: Record<string, unknown>;
  /** Requests with the same key can share a run. */
  key: string;
  rows: number;
  queuedAt: number;
  deadlineAt: number | undefined;
  cancelled: boolean;
  resolve(answer: EncodedAnswer): void;
  reject(error: ApiError): void;
}

/**
 * Adaptive batching for one replica's model: each request is parsed and validated on its own (a bad one
 * fails alone, at once), then queued; whenever the model is free, the queued requests that fit in
 * maxBatchSize run as one batch, and each gets its own predictions back in order, with its keys. A lone
 * request on an idle model runs at once (with maxQueueDelayMs 0). Models that cannot merge requests
 * (no dynamic batch dimension, a routine that did not ask for it) run each request as it comes, as before.
 */
export class RequestBatcher {
  private readonly queue: Queued[] = [];
  private readonly merges: boolean;
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private drainScheduled = false;

  constructor(
    private readonly model: LoadedModel,
    private readonly settings: BatchingSettings,
    private readonly maxResponseBytes: number,
    private readonly observer?: BatchObserver,
  ) {
    this.merges = settings.maxBatchSize > 1 && canMerge(model);
  }

  /** Whether concurrent requests are merged into one run. */
  get batching(): boolean {
    return this.merges;
  }

  submit(body: Uint8Array, options: SubmitOptions = {}): Submitted {
    if (!this.merges) return { answer: this.runAlone(body), cancel: () => undefined };
    const parsed = parseBody(body);
    if (typeof parsed === 'string') return answered(this.encode(failure(parsed)));
    let converted: ConvertedInstances | undefined;
    let key = JSON.stringify(parsed.options);
    if (!this.model.predictInstances) {
      try {
        converted = instancesToTensors(parsed.instances, this.model.signature.inputs);
      } catch (error) {
        if (!(error instanceof InstancesError)) throw error;
        return answered(this.encode(failure(error.message)));
      }
      key = batchKey(converted);
    }
    let entry!: Queued;
    const answer = new Promise<EncodedAnswer>((resolve, reject) => {
      entry = {
        converted,
        instances: parsed.instances,
        options: parsed.options,
        key,
        rows: converted?.batchSize ?? parsed.instances.length,
        queuedAt: performance.now(),
        deadlineAt: options.deadlineAt,
        cancelled: false,
        resolve,
        reject,
      };
    });
    this.queue.push(entry);
    this.scheduleDrain();
    return { answer, cancel: () => (entry.cancelled = true) };
  }

  private runAlone(body: Uint8Array): Promise<EncodedAnswer> {
    return predictBody(this.model, body).then((answer) => this.encode(answer));
  }

  /** After the current task: a message carrying several requests queues them all before the run starts. */
  private scheduleDrain(): void {
    if (this.drainScheduled) return;
    this.drainScheduled = true;
    queueMicrotask(() => {
      this.drainScheduled = false;
      this.drain();
    });
  }

  private drain(): void {
    if (this.running) return;
    this.dropExpired();
    const first = this.queue[0];
    if (!first) return;
    const delayMs = this.settings.maxQueueDelayMs;
    const waitedMs = performance.now() - first.queuedAt;
    if (delayMs > 0 && waitedMs < delayMs && this.queuedRows(first.key) < this.settings.maxBatchSize) {
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.drain();
      }, delayMs - waitedMs);
      return;
    }
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.takeBatch();
    this.running = true;
    void this.run(batch).finally(() => {
      this.running = false;
      this.drain();
    });
  }

  /** The first queued request and the next ones with its key, up to maxBatchSize instances. */
  private takeBatch(): Queued[] {
    const first = this.queue.shift()!;
    const batch = [first];
    let rows = first.rows;
    for (let i = 0; i < this.queue.length;) {
      const next = this.queue[i]!;
      if (next.key !== first.key || rows + next.rows > this.settings.maxBatchSize) {
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      if (next.cancelled) {
        next.reject(callerGone());
        continue;
      }
      batch.push(next);
      rows += next.rows;
    }
    return batch;
  }

  private async run(batch: Queued[]): Promise<void> {
    const now = performance.now();
    for (const entry of batch) this.observer?.waited((now - entry.queuedAt) / 1000);
    this.observer?.ran(
      batch.reduce((sum, entry) => sum + entry.rows, 0),
      batch.length,
    );
    const outcomes = await this.predict(batch);
    if (outcomes) {
      batch.forEach((entry, i) => entry.resolve(this.encode(outcomes[i]!)));
      return;
    }
    // The merged run failed: each request alone, so that only the one at fault fails.
    for (const entry of batch) entry.resolve(this.encode(await this.predictOne(entry)));
  }

  /** One answer per request from one run, or undefined when the run failed. */
  private async predict(batch: Queued[]): Promise<PredictAnswer[] | undefined> {
    if (batch.length === 1) return [await this.predictOne(batch[0]!)];
    try {
      const predictions = await this.predictions(batch);
      let offset = 0;
      return batch.map((entry) => {
        const slice = predictions.slice(offset, (offset += entry.rows));
        return { httpStatus: 200, body: { predictions: slice } };
      });
    } catch {
      return undefined;
    }
  }

  private async predictOne(entry: Queued): Promise<PredictAnswer> {
    try {
      return { httpStatus: 200, body: { predictions: await this.predictions([entry]) } };
    } catch (error) {
      return failure(`Prediction failed: ${errorMessage(error)}`);
    }
  }

  /** The predictions of the requests' instances, in order, from one model call. */
  private async predictions(batch: Queued[]): Promise<unknown[]> {
    if (this.model.predictInstances) {
      const instances = batch.length === 1 ? batch[0]!.instances : batch.flatMap((entry) => entry.instances);
      const predictions = await this.model.predictInstances(instances, batch[0]!.options);
      JSON.stringify(predictions);
      return predictions;
    }
    const merged = mergeInstances(batch.map((entry) => entry.converted!));
    const outputs = await this.model.run(merged.feeds);
    return tensorsToPredictions(outputs, this.model.signature.outputs, merged.batchSize, merged.passThrough);
  }

  private dropExpired(): void {
    const now = Date.now();
    for (let i = 0; i < this.queue.length;) {
      const entry = this.queue[i]!;
      const expired = entry.deadlineAt !== undefined && entry.deadlineAt <= now;
      if (!entry.cancelled && !expired) {
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      entry.reject(
        entry.cancelled
          ? callerGone()
          : new ApiError(StatusCode.DEADLINE_EXCEEDED, 'The deadline passed before the prediction ran.'),
      );
    }
  }

  private queuedRows(key: string): number {
    let rows = 0;
    for (const entry of this.queue) if (entry.key === key) rows += entry.rows;
    return rows;
  }

  private encode(answer: PredictAnswer): EncodedAnswer {
    return encodeAnswer(answer, this.maxResponseBytes);
  }
}

/**
 * Tensor models whose every input has a dynamic first (batch) dimension; JSON-instance models (custom
 * routines) that asked to receive merged requests.
 */
function canMerge(model: LoadedModel): boolean {
  if (model.predictInstances) return model.mergesRequests === true;
  const { inputs } = model.signature;
  return inputs.length > 0 && inputs.every((input) => input.shape.length > 0 && input.shape[0] === -1);
}

function callerGone(): ApiError {
  return new ApiError(StatusCode.CANCELLED, 'The caller went away before the prediction ran.');
}

function answered(answer: EncodedAnswer): Submitted {
  return { answer: Promise.resolve(answer), cancel: () => undefined };
}
