import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { Span, Tracer } from '@opentelemetry/api';
import { ApiError, StatusCode, httpStatusOf } from '@presage/errors';
import type { Logger } from '@presage/log';
import { monotonicSeconds, remoteParent, traceHeaders } from '@presage/telemetry';
import type { ColdStartQueue } from './cold-start-queue';
import { modelOf } from './predict-metrics';
import type { PredictLabels, PredictMetrics } from './predict-metrics';
import type { ReplicaInfo, ReplicaTable } from './replica-table';
import type { VersionResolver } from './version-resolver';

/** The predictor's answer: an AI Platform body and its HTTP status. */
export interface PredictOutcome {
  httpStatus: number;
  body: Buffer;
  /** The replica that answered. */
  replica: string;
}

/**
 * One replica's PredictorService: the raw body in, its answer out. `traceparent` carries the trace
 * context when the request is traced; `signal` withdraws the prediction when the caller goes away.
 */
export type PredictorCall = (
  address: string,
  body: Buffer,
  options: { deadlineMs: number; traceparent?: string | undefined; signal?: AbortSignal | undefined },
) => Promise<{ body: Buffer; httpStatus: number }>;

export interface PredictRouterOptions {
  resolver: VersionResolver;
  replicas: ReplicaTable;
  callPredictor: PredictorCall;
  /** Holds requests while their version has no ready replica. */
  coldStart: ColdStartQueue;
  metrics: PredictMetrics;
  tracer: Tracer;
  logger: Logger;
  /** Deadline of a request when the caller sets none. @default 60_000 */
  deadlineMs?: number;
}

/** What the fronts know of a predict call besides its name and body. */
export interface PredictCall {
  /** The caller's remaining time. @default PredictRouterOptions.deadlineMs */
  deadlineMs?: number | undefined;
  /** Aborted when the caller goes away; a held request then leaves the queue. */
  signal?: AbortSignal | undefined;
  /** The caller's `traceparent`/`tracestate`: the gateway's span continues its trace. */
  trace?: Record<string, string> | undefined;
}

export interface PredictRouter {
  predict(name: string, body: Buffer, call?: PredictCall): Promise<PredictOutcome>;
}

/** gRPC failures that mean the replica did not take the request, so another one may. */
const RETRYABLE = new Set<StatusCode>([StatusCode.UNAVAILABLE, StatusCode.CANCELLED]);

/**
 * Resolves the version, sends the raw body to its READY replica with the fewest requests in flight,
 * and retries once on another replica when the first could not take the request. With no ready replica
 * (scaled to zero, restarting, or no replica listing yet because the deployer is down) the request waits
 * in the cold-start queue. Each request is one span and is counted in the gateway's metrics.
 */
export function createPredictRouter(options: PredictRouterOptions): PredictRouter {
  /** Requests in flight per replica address, for the least-outstanding choice. */
  const outstanding = new Map<string, number>();
  const { metrics } = options;
  let turn = 0;

  const choose = (ready: ReplicaInfo[], exclude: Set<string>): ReplicaInfo | undefined => {
    const candidates = ready.filter((r) => !exclude.has(r.address));
    if (candidates.length === 0) return undefined;
    const least = Math.min(...candidates.map((r) => outstanding.get(r.address) ?? 0));
    const tied = candidates.filter((r) => (outstanding.get(r.address) ?? 0) === least);
    turn = (turn + 1) % 1_000_000;
    return tied[turn % tied.length];
  };

  const send = async (
    version: string,
    replica: ReplicaInfo,
    body: Buffer,
    deadlineAt: number,
    span: Span,
    signal: AbortSignal | undefined,
  ): Promise<PredictOutcome> => {
    outstanding.set(replica.address, (outstanding.get(replica.address) ?? 0) + 1);
    const answered = metrics.sent(version);
    try {
      const answer = await options.callPredictor(replica.address, body, {
        deadlineMs: Math.max(1, deadlineAt - Date.now()),
        traceparent: span.isRecording() ? traceHeaders(span)['traceparent'] : undefined,
        signal,
      });
      return { httpStatus: answer.httpStatus || 200, body: answer.body, replica: replica.name };
    } finally {
      answered();
      const left = (outstanding.get(replica.address) ?? 1) - 1;
      if (left > 0) outstanding.set(replica.address, left);
      else outstanding.delete(replica.address);
    }
  };

  /** A replica for the request: a ready one not tried yet, else the wait for one. */
  const replicaFor = async (
    version: string,
    tried: Set<string>,
    deadlineAt: number,
    signal: AbortSignal | undefined,
  ): Promise<ReplicaInfo> => {
    // No listing at all (the deployer has not answered since this gateway started): wait as for a cold start.
    const listed = await options.replicas.readyReplicas(version).catch(() => []);
    const ready = choose(listed, tried);
    if (ready) return ready;
    const held = await options.coldStart.hold(version, {
      deadlineMs: deadlineAt - Date.now(),
      exclude: tried,
      signal,
    });
    return choose(held, tried)!;
  };

  const route = async (
    version: string,
    body: Buffer,
    deadlineAt: number,
    call: PredictCall,
    span: Span,
    logger: Logger,
  ): Promise<PredictOutcome> => {
    const tried = new Set<string>();
    let lastError: ApiError | undefined;
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const replica = await replicaFor(version, tried, deadlineAt, call.signal);
      tried.add(replica.address);
      try {
        const outcome = await send(version, replica, body, deadlineAt, span, call.signal);
        span.setAttribute('presage.replica', replica.name);
        return outcome;
      } catch (error) {
        const apiError = ApiError.from(error);
        if (!RETRYABLE.has(apiError.code)) throw apiError;
        logger.warn('replica failed before answering', {
          replica: replica.name,
          code: apiError.status,
          attempt,
        });
        options.replicas.markStale();
        lastError = apiError;
      }
    }
    throw ApiError.unavailable(
      `No replica of the version "${version}" could take the request (last: ${lastError?.message}); retry shortly.`,
      1000,
      lastError,
    );
  };

  return {
    async predict(name, body, call = {}) {
      const started = monotonicSeconds();
      const deadlineAt = Date.now() + (call.deadlineMs ?? options.deadlineMs ?? 60_000);
      const span = options.tracer.startSpan(
        'presage.gateway.predict',
        { kind: SpanKind.SERVER, attributes: { 'presage.name': name } },
        remoteParent((key) => call.trace?.[key]),
      );
      const logger = options.logger.child({ traceId: span.spanContext().traceId });
      let labels: PredictLabels = { 'presage.model': modelOf(name) };
      let status = 500;
      try {
        const version = (await options.resolver.resolve(name)).name;
        labels = { 'presage.version': version };
        span.setAttribute('presage.version', version);
        const active = metrics.active(version);
        try {
          const outcome = await route(version, body, deadlineAt, call, span, logger);
          status = outcome.httpStatus;
          if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR, message: `answered ${status}` });
          return outcome;
        } finally {
          active();
        }
      } catch (error) {
        const apiError = ApiError.from(error);
        status = httpStatusOf(apiError.code);
        // A server span is an error for 5xx answers only (OpenTelemetry's HTTP conventions).
        if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR, message: apiError.message });
        throw error;
      } finally {
        span.setAttribute('http.response.status_code', status);
        metrics.answered(labels, status, monotonicSeconds() - started);
        span.end();
      }
    },
  };
}
