import type { Counter, Meter } from '@opentelemetry/api';
import type { Logger } from '@presage/log';
import type { PredictionLogRow__Output as PredictionLogRow } from '@presage/proto';

/** A version's requestLoggingConfig, as the gateway acts on it. */
export interface RequestLogSettings {
  /** `dataset.table`. */
  table: string;
  /** The share of predictions logged, 0 to 1. */
  sampling: number;
  /** `projects/{p}/models/{m}`. */
  model: string;
  /** The version id. */
  versionId: string;
}

/** Sends one batch to the registry's PredictionLogService; rejects when it was not written. */
export type PredictionLogSend = (rows: PredictionLogRow[]) => Promise<void>;

export interface RequestLogOptions {
  send: PredictionLogSend;
  meter: Meter;
  logger: Logger;
  /** Rows held at most; a sampled prediction beyond it is dropped and counted. @default 10_000 */
  maxRows?: number;
  /** Request and response bytes held at most; beyond it rows are dropped too. @default 64 MiB */
  maxBytes?: number;
  /** Rows per batch; a full batch is sent at once. @default 500 */
  batchRows?: number;
  /** Request and response bytes per batch, under the registry's message limit (one row at least). @default 16 MiB */
  batchBytes?: number;
  /** How often a partial batch is sent. @default 1000 */
  flushIntervalMs?: number;
  /** Sends per batch before its rows are dropped and counted; waits 100 ms, 200 ms, … between. @default 3 */
  attempts?: number;
}

/** One sampled prediction, held by reference: no copy is made until its batch is sent. */
interface HeldRow {
  settings: RequestLogSettings;
  time: number;
  request: Buffer;
  response: Buffer;
}

const BUFFER_FULL = { reason: 'buffer_full' } as const;
const SEND_FAILED = { reason: 'send_failed' } as const;
const NO_ATTRIBUTES = {} as const;

/**
 * Request-response logging off the hot path: `offer` samples and holds a reference (no await, no copy);
 * batches go to the registry one at a time, by size or every flushIntervalMs, retried a few times, and
 * are dropped and counted (`presage.request_log.dropped{reason}`) when the buffer is full or the registry
 * keeps failing. Written rows count in `presage.request_log.rows`.
 */
export class RequestLog {
  private rows: HeldRow[] = [];
  private heldBytes = 0;
  private sending: Promise<void> | undefined;
  private readonly timer: NodeJS.Timeout;
  private closed = false;
  private readonly written: Counter;
  private readonly dropped: Counter;
  private readonly maxRows: number;
  private readonly maxBytes: number;
  private readonly batchRows: number;
  private readonly batchBytes: number;
  private readonly attempts: number;

  constructor(private readonly options: RequestLogOptions) {
    this.maxRows = options.maxRows ?? 10_000;
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.batchRows = options.batchRows ?? 500;
    this.batchBytes = options.batchBytes ?? 16 * 1024 * 1024;
    this.attempts = options.attempts ?? 3;
    this.written = options.meter.createCounter('presage.request_log.rows', {
      description: 'Sampled prediction requests written to their request-logging table',
    });
    this.dropped = options.meter.createCounter('presage.request_log.dropped', {
      description: 'Sampled prediction requests not logged: buffer_full or send_failed',
    });
    this.timer = setInterval(() => void this.flush(), options.flushIntervalMs ?? 1000);
    this.timer.unref();
  }

  /** Holds the prediction when the sampling picks it; drops and counts it when the buffer is full. */
  offer(settings: RequestLogSettings, time: number, request: Buffer, response: Buffer): void {
    if (settings.sampling < 1 && !(Math.random() < settings.sampling)) return;
    const bytes = request.length + response.length;
    if (this.closed || this.rows.length >= this.maxRows || this.heldBytes + bytes > this.maxBytes) {
      this.dropped.add(1, BUFFER_FULL);
      return;
    }
    this.rows.push({ settings, time, request, response });
    this.heldBytes += bytes;
    if (this.rows.length >= this.batchRows) void this.flush();
  }

  /** Rows held now (for tests and the benchmark). */
  get held(): number {
    return this.rows.length;
  }

  /** Sends what is held, one batch after another; the last one out when it settles. */
  flush(): Promise<void> {
    this.sending ??= this.drain().finally(() => (this.sending = undefined));
    return this.sending;
  }

  /** Stops sampling and sends what is held (each batch tried as usual). */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.sending;
    await this.flush();
  }

  private async drain(): Promise<void> {
    while (this.rows.length > 0) await this.sendBatch(this.takeBatch().map(toMessage));
  }

  /** The oldest rows, up to batchRows and batchBytes (one row at least), taken out of the buffer. */
  private takeBatch(): HeldRow[] {
    let count = 0;
    let bytes = 0;
    while (count < this.rows.length && count < this.batchRows) {
      const size = this.rows[count]!.request.length + this.rows[count]!.response.length;
      if (count > 0 && bytes + size > this.batchBytes) break;
      bytes += size;
      count++;
    }
    const all = count === this.rows.length;
    const batch = all ? this.rows : this.rows.slice(0, count);
    this.rows = all ? [] : this.rows.slice(count);
    this.heldBytes -= bytes;
    return batch;
  }

  private async sendBatch(rows: PredictionLogRow[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.options.send(rows);
        this.written.add(rows.length, NO_ATTRIBUTES);
        return;
      } catch (error) {
        if (attempt >= this.attempts || this.closed) {
          this.dropped.add(rows.length, SEND_FAILED);
          this.options.logger.warn('request log rows dropped: the registry did not take them', {
            rows: rows.length,
            error,
          });
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** (attempt - 1)).unref());
      }
    }
  }
}

function toMessage(row: HeldRow): PredictionLogRow {
  return {
    table: row.settings.table,
    model: row.settings.model,
    modelVersion: row.settings.versionId,
    time: { seconds: String(Math.floor(row.time / 1000)), nanos: Math.floor((row.time % 1000) * 1e6) },
    rawData: row.request.toString('utf8'),
    rawPrediction: row.response.toString('utf8'),
  };
}
