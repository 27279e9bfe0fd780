import os from 'node:os';
import { ProxyTracerProvider } from '@opentelemetry/api';
import type { Meter, Tracer } from '@opentelemetry/api';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import type { IMetricReader } from '@opentelemetry/sdk-metrics';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import type { SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace';
import type { InternalCredential } from '@presage/env';
import type { Logger } from '@presage/log';
import { errorMessage } from '@presage/errors';
import { deferredOtlpMetricExporter, deferredOtlpTraceExporter } from './deferred-exporters';
import { createExportFailureLog, withMetricExportFailures, withSpanExportFailures } from './export-failures';
import { createFileSpanExporter } from './file-span-exporter';
import { startMetricsServer } from './metrics-server';
import type { MetricsHandler, MetricsServer } from './metrics-server';
import { registerProcessMetrics } from './process-metrics';
import { DEFAULT_SAMPLER, createSampler } from './trace-sampler';
import type { SamplerSetting } from './trace-sampler';

export interface TelemetryOptions {
  /** The service's short name; the resource's `service.name` is `presage-<service>`. */
  service: string;
  /** The resource's `service.instance.id`. @default `<hostname>-<pid>` */
  instanceId?: string;
  /** OTLP/gRPC endpoint metrics are pushed to, e.g. `http://127.0.0.1:8094`. @default undefined (no push) */
  otlpEndpoint?: string;
  /**
   * The platform's internal credential, sent with the OTLP metrics push: the autoscaler's receiver
   * requires it (a collector in between must pass it on). Never sent with spans, whose receiver is not
   * Presage's. @default undefined (none sent)
   */
  internalCredential?: InternalCredential | undefined;
  /** OTLP/gRPC endpoint spans are pushed to. @default undefined (none) */
  otlpTracesEndpoint?: string;
  /** Interval of the OTLP metrics push, in milliseconds. @default 1000 */
  exportIntervalMs?: number;
  /** A file ended spans are appended to as JSON lines (see SpanLine). @default undefined (none) */
  tracesFile?: string;
  /** Which requests are traced when spans go somewhere. @default DEFAULT_SAMPLER */
  tracesSampler?: SamplerSetting;
  logger: Logger;
}

export interface Telemetry {
  /** The service's meter; every instrument is on /metrics and on the OTLP push. */
  meter: Meter;
  tracer: Tracer;
  /** Answers a Prometheus scrape (text format) from any node:http server. */
  metricsHandler: MetricsHandler;
  /** A standalone HTTP server answering `GET /metrics`; resolves with the address it bound. */
  serveMetrics(address: string): Promise<string>;
  /** Where metrics and spans are exported, for the start-up log. */
  destinations: { metrics: string[]; traces: string[] };
  /** Pushes what is pending, stops the exporters and closes the metrics servers. Idempotent. */
  shutdown(): Promise<void>;
}

/** Spans wait at most this long before they are written or pushed. */
const SPAN_EXPORT_DELAY_MS = 200;
const SHUTDOWN_TIMEOUT_MS = 2_000;

/**
 * The meter and tracer of one service: metrics on a Prometheus handler and, when configured, pushed over
 * OTLP/gRPC with cumulative temporality (what the autoscaler reads); spans over OTLP/gRPC and/or into a
 * JSON-lines file. Process CPU and memory are always reported. Nothing here is global: each call gives an
 * independent set (tests run several services in one process).
 */
export function createTelemetry(options: TelemetryOptions): Telemetry {
  const { logger } = options;
  const resource = resourceFromAttributes({
    'service.name': `presage-${options.service}`,
    'service.instance.id': options.instanceId ?? `${os.hostname()}-${process.pid}`,
  });
  const prometheus = new PrometheusExporter({ preventServerStart: true });
  const readers: IMetricReader[] = [prometheus];
  const destinations: Telemetry['destinations'] = { metrics: ['prometheus'], traces: [] };
  if (options.otlpEndpoint) {
    const exporter = deferredOtlpMetricExporter(options.otlpEndpoint, options.internalCredential);
    readers.push(
      new PeriodicExportingMetricReader({
        exporter: withMetricExportFailures(
          exporter,
          createExportFailureLog(logger, `OTLP metrics at ${options.otlpEndpoint}`),
        ),
        exportIntervalMillis: options.exportIntervalMs ?? 1000,
      }),
    );
    destinations.metrics.push(options.otlpEndpoint);
  }
  const meterProvider = new MeterProvider({ resource, readers });

  const spanProcessors: SpanProcessor[] = [];
  const addSpanExport = (exporter: SpanExporter, name: string): void => {
    spanProcessors.push(
      new BatchSpanProcessor({
        exporter: withSpanExportFailures(exporter, createExportFailureLog(logger, name)),
        scheduledDelayMillis: SPAN_EXPORT_DELAY_MS,
      }),
    );
    destinations.traces.push(name);
  };
  if (options.otlpTracesEndpoint) {
    addSpanExport(
      deferredOtlpTraceExporter(options.otlpTracesEndpoint),
      `OTLP traces at ${options.otlpTracesEndpoint}`,
    );
  }
  if (options.tracesFile)
    addSpanExport(createFileSpanExporter(options.tracesFile), `file ${options.tracesFile}`);
  // With nowhere to send spans, the tracer is the API's no-op one: a span costs nothing.
  const tracerProvider =
    spanProcessors.length > 0
      ? new TracerProvider({
          resource,
          spanProcessors,
          sampler: createSampler(options.tracesSampler ?? DEFAULT_SAMPLER),
        })
      : undefined;

  const meter = meterProvider.getMeter('presage');
  registerProcessMetrics(meter);
  const servers: MetricsServer[] = [];
  const metricsHandler: MetricsHandler = (request, response) =>
    prometheus.getMetricsRequestHandler(request, response);

  let stopped: Promise<void> | undefined;
  const stop = async (): Promise<void> => {
    await Promise.all([
      ...servers.map((server) => server.close()),
      meterProvider.shutdown({ timeoutMillis: SHUTDOWN_TIMEOUT_MS }),
      tracerProvider?.shutdown(),
    ]).catch((error: unknown) =>
      logger.warn('telemetry did not shut down cleanly', {
        error: errorMessage(error),
      }),
    );
  };

  return {
    meter,
    tracer: (tracerProvider ?? new ProxyTracerProvider()).getTracer('presage'),
    metricsHandler,
    async serveMetrics(address) {
      const server = await startMetricsServer(address, metricsHandler);
      servers.push(server);
      return server.address;
    },
    destinations,
    shutdown: () => (stopped ??= stop()),
  };
}
