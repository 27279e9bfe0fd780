import { INVALID_SPAN_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Span, Tracer } from '@opentelemetry/api';
import { ApiError, StatusCode, httpStatusOf } from '@presage/errors';
import type { Logger } from '@presage/log';
import { remoteParent, traceHeaders } from '@presage/telemetry';
import { accessLine } from './access-log';
import type { ColdStartQueue } from './cold-start-queue';
import type { PredictMetrics, VersionMetrics } from './predict-metrics';
import type { ReplicaInfo, ReplicaTable } from './replica-table';
import type { RequestLogSettings } from './request-log';
import type { ShadowSend, ShadowTarget } from './shadow-traffic';
import type { ResolvedVersion, VersionResolver } from './version-resolver';
import type { CancelSignal } from '../caller-signal';

/** The predictor's answer: an AI Platform body and its HTTP status. */
export interface PredictOutcome {
  httpStatus: number;
  body: Buffer;
  /** The replica that answered. */
  replica: string;
  /** The version that answered (`projects/{p}/models/{m}/versions/{v}`): `x-presage-version`. */
  version: string;
}

/**
 * One replica's PredictorService: the raw body in, its answer out. `traceparent` carries the trace
 * context when the request is traced; `signal` withdraws the prediction when the caller goes away.
 */
export type PredictorCall = (
  address: string,
  body: Buffer,
  options: { deadlineMs: number; traceparent?: string | undefined; signal?: CancelSignal | undefined },
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
  /**
   * Makes what copies model-level predictions to their model's shadow version, given how to send a copy
   * (to a ready replica only, counted in the shadow version's concurrency). @default none (no copies)
   */
  shadow?: ((send: ShadowSend) => ShadowCopier) | undefined;
  /** Where predictions of versions with a requestLoggingConfig are offered (RequestLog). @default none */
  requestLog?: RequestLogSink | undefined;
  /** Writes one access-log line (JSON, newline-terminated) for models with onlinePredictionLogging. @default none */
  accessLog?: ((line: string) => void) | undefined;
}

/** Takes sampled predictions for request logging without waiting (RequestLog). */
export interface RequestLogSink {
  offer(settings: RequestLogSettings, time: number, request: Buffer, response: Buffer): void;
}

/** Where the router hands a model-level prediction's copy once the primary answered (ShadowTraffic). */
export interface ShadowCopier {
  maybeCopy(target: ShadowTarget, primaryVersion: string, body: Buffer, primary: Buffer): void;
}

/** What the fronts know of a predict call besides its name and body. */
export interface PredictCall {
  /** The caller's remaining time. @default PredictRouterOptions.deadlineMs */
  deadlineMs?: number | undefined;
  /** Aborted when the caller goes away; a held request then leaves the queue. */
  signal?: CancelSignal | undefined;
  /** The caller's `traceparent`/`tracestate`: the gateway's span continues its trace. */
  trace?: Record<string, string> | undefined;
  /**
   * The caller's `x-presage-routing-key`: a model-level predict with a traffic split goes to the version
   * this key hashes to (the same one while the split is unchanged) instead of a random one.
   */
  routingKey?: string | undefined;
  /** The authenticated caller, for the access log. @default none (anonymous) */
  actor?: string | undefined;
}

export interface PredictRouter {
  predict(name: string, body: Buffer, call?: PredictCall): Promise<PredictOutcome>;
}

/** gRPC failures that mean the replica did not take the request, so another one may. */
const RETRYABLE = new Set<StatusCode>([StatusCode.UNAVAILABLE, StatusCode.CANCELLED]);

/**
 * Resolves the version (for a model with a traffic split, picks one per request), sends the raw body to its READY replica with the fewest requests in flight,
 * and retries once on another replica when the first could not take the request. With no ready replica
 * (scaled to zero, restarting, or no replica listing yet because the deployer is down) the request waits
 * in the cold-start queue. Each request is counted in the gateway's metrics, and is a span when traced.
 * A successful model-level answer is then offered to the shadow copier when the model has a shadow.
 */
export function createPredictRouter(options: PredictRouterOptions): PredictRouter {
  return new Router(options);
}

/** Per request it allocates what the request needs: no loggers, label sets or replica lists of its own. */
class Router implements PredictRouter {
  /** Requests in flight per replica address, for the least-outstanding choice. */
  private readonly outstanding = new Map<string, number>();
  private turn = 0;
  private readonly defaultDeadlineMs: number;
  private readonly shadow: ShadowCopier | undefined;

  constructor(private readonly options: PredictRouterOptions) {
    this.defaultDeadlineMs = options.deadlineMs ?? 60_000;
    this.shadow = options.shadow?.((version, body, deadlineMs) => this.sendCopy(version, body, deadlineMs));
  }

  async predict(name: string, body: Buffer, call: PredictCall = {}): Promise<PredictOutcome> {
    const started = performance.now();
    const deadlineAt = Date.now() + (call.deadlineMs ?? this.defaultDeadlineMs);
    const span = this.startSpan(name, call.trace);
    let metrics: VersionMetrics | undefined;
    let resolved: ResolvedVersion | undefined;
    let version = '';
    let answered: Buffer | undefined;
    let status = 500;
    try {
      resolved = await this.options.resolver.resolve(name);
      version = resolved.split ? resolved.split.pick(call.routingKey) : resolved.name;
      metrics = this.options.metrics.version(version);
      if (span.isRecording()) span.setAttribute('presage.version', version);
      metrics.activeStart();
      try {
        const outcome = await this.route(version, metrics, body, deadlineAt, call.signal, span);
        status = outcome.httpStatus;
        answered = outcome.body;
        if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR, message: `answered ${status}` });
        if (resolved.shadow && status === 200) {
          this.shadow?.maybeCopy(resolved.shadow, version, body, outcome.body);
        }
        if (resolved.requestLogs) this.offerLog(resolved.requestLogs, version, started, body, outcome.body);
        return outcome;
      } finally {
        metrics.activeEnd();
      }
    } catch (error) {
      const apiError = ApiError.from(error);
      status = httpStatusOf(apiError.code);
      // A server span is an error for 5xx answers only (OpenTelemetry's HTTP conventions).
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR, message: apiError.message });
      throw error;
    } finally {
      const seconds = (performance.now() - started) / 1000;
      if (metrics) metrics.answered(status, seconds);
      else this.options.metrics.unresolved(name, status, seconds);
      if (span.isRecording()) {
        span.setAttribute('http.response.status_code', status);
        span.end();
      }
      if (resolved?.accessLog && this.options.accessLog) {
        this.options.accessLog(
          accessLine({
            time: performance.timeOrigin + started,
            version,
            status,
            seconds,
            bytesIn: body.length,
            bytesOut: answered?.length ?? 0,
            actor: call.actor,
          }),
        );
      }
    }
  }

  private offerLog(
    logs: ReadonlyMap<string, RequestLogSettings>,
    version: string,
    started: number,
    body: Buffer,
    answer: Buffer,
  ): void {
    const settings = logs.get(version);
    if (settings) this.options.requestLog?.offer(settings, performance.timeOrigin + started, body, answer);
  }

  /** A shadow copy: to a ready replica of `version` with no retry and no wait; undefined when none is ready. */
  private async sendCopy(
    version: string,
    body: Buffer,
    deadlineMs: number,
  ): Promise<PredictOutcome | undefined> {
    const listed = await this.options.replicas.readyReplicas(version).catch(() => NONE);
    const replica = this.choose(listed, undefined);
    if (!replica) return undefined;
    const metrics = this.options.metrics.version(version);
    metrics.activeStart();
    try {
      return await this.send(replica, metrics, body, Date.now() + deadlineMs, undefined, UNTRACED);
    } finally {
      metrics.activeEnd();
    }
  }

  private startSpan(name: string, trace: Record<string, string> | undefined): Span {
    return this.options.tracer.startSpan(
      'presage.gateway.predict',
      { kind: SpanKind.SERVER, attributes: { 'presage.name': name } },
      trace ? remoteParent((key) => trace[key]) : undefined,
    );
  }

  private async route(
    version: string,
    metrics: VersionMetrics,
    body: Buffer,
    deadlineAt: number,
    signal: CancelSignal | undefined,
    span: Span,
  ): Promise<PredictOutcome> {
    let tried: Set<string> | undefined;
    let lastError: ApiError | undefined;
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const replica = await this.replicaFor(version, tried, deadlineAt, signal);
      try {
        const outcome = await this.send(replica, metrics, body, deadlineAt, signal, span);
        if (span.isRecording()) span.setAttribute('presage.replica', replica.name);
        return outcome;
      } catch (error) {
        const apiError = ApiError.from(error);
        if (!RETRYABLE.has(apiError.code) || signal?.aborted) throw apiError;
        this.options.logger.warn('replica failed before answering', {
          replica: replica.name,
          code: apiError.status,
          attempt,
          ...(span.isRecording() ? { traceId: span.spanContext().traceId } : {}),
        });
        this.options.replicas.markStale();
        (tried ??= new Set()).add(replica.address);
        lastError = apiError;
      }
    }
    throw ApiError.unavailable(
      `No replica of the version "${version}" could take the request (last: ${lastError?.message}); retry shortly.`,
      1000,
      lastError,
    );
  }

  /** A replica for the request: a ready one not tried yet, else the wait for one. */
  private async replicaFor(
    version: string,
    tried: Set<string> | undefined,
    deadlineAt: number,
    signal: CancelSignal | undefined,
  ): Promise<ReplicaInfo> {
    // No listing at all (the deployer has not answered since this gateway started): wait as for a cold start.
    const listed = await this.options.replicas.readyReplicas(version).catch(() => NONE);
    const ready = this.choose(listed, tried);
    if (ready) return ready;
    const held = await this.options.coldStart.hold(version, {
      deadlineMs: deadlineAt - Date.now(),
      exclude: tried,
      signal,
    });
    return this.choose(held, tried)!;
  }

  /** The ready replica with the fewest requests in flight, taking turns among the tied ones. */
  private choose(ready: readonly ReplicaInfo[], exclude: Set<string> | undefined): ReplicaInfo | undefined {
    if (ready.length === 1 && !exclude?.has(ready[0]!.address)) return ready[0];
    let least = Infinity;
    let tied = 0;
    for (const replica of ready) {
      if (exclude?.has(replica.address)) continue;
      const load = this.outstanding.get(replica.address) ?? 0;
      if (load < least) [least, tied] = [load, 1];
      else if (load === least) tied++;
    }
    if (tied === 0) return undefined;
    this.turn = (this.turn + 1) % 1_000_000;
    let pick = this.turn % tied;
    for (const replica of ready) {
      if (exclude?.has(replica.address) || (this.outstanding.get(replica.address) ?? 0) !== least) continue;
      if (pick-- === 0) return replica;
    }
    return undefined;
  }

  private async send(
    replica: ReplicaInfo,
    metrics: VersionMetrics,
    body: Buffer,
    deadlineAt: number,
    signal: CancelSignal | undefined,
    span: Span,
  ): Promise<PredictOutcome> {
    const { address } = replica;
    this.outstanding.set(address, (this.outstanding.get(address) ?? 0) + 1);
    metrics.sentStart();
    try {
      const answer = await this.options.callPredictor(address, body, {
        deadlineMs: Math.max(1, deadlineAt - Date.now()),
        traceparent: span.isRecording() ? traceHeaders(span)['traceparent'] : undefined,
        signal,
      });
      return {
        httpStatus: answer.httpStatus || 200,
        body: answer.body,
        replica: replica.name,
        version: replica.version,
      };
    } finally {
      metrics.sentEnd();
      const left = (this.outstanding.get(address) ?? 1) - 1;
      if (left > 0) this.outstanding.set(address, left);
      else this.outstanding.delete(address);
    }
  }
}

const NONE: readonly ReplicaInfo[] = [];
/** Shadow copies are not traced: they are no one's request. */
const UNTRACED = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);
