import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-grpc';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';

/**
 * What a gateway exports, made by the real OpenTelemetry SDK and its OTLP/gRPC exporter: the
 * cumulative `presage.gateway.concurrency.time` (the exact integral of the concurrency the test sets,
 * read at each collection) and, optionally, the in_flight / queued point values.
 */
export interface SyntheticGateway {
  /** From now on `version` has `concurrency` requests in flight (or queued) at this gateway. */
  setConcurrency(version: string, concurrency: number): void;
  stop(): Promise<void>;
}

export interface SyntheticGatewayOptions {
  /** host:port of the OTLP receiver. */
  endpoint: string;
  instanceId: string;
  /** @default 250 */
  exportIntervalMs?: number;
  /** Export concurrency.time. @default true */
  concurrencyTime?: boolean;
  /** Export in_flight (the concurrency) and queued (0) as UpDownCounters. @default false */
  pointValues?: boolean;
}

export function startSyntheticGateway(options: SyntheticGatewayOptions): SyntheticGateway {
  const interval = options.exportIntervalMs ?? 250;
  const provider = new MeterProvider({
    resource: resourceFromAttributes({
      'service.name': 'presage-gateway',
      'service.instance.id': options.instanceId,
    }),
    readers: [
      new PeriodicExportingMetricReader({
        exporter: new OTLPMetricExporter({ url: `http://${options.endpoint}` }),
        exportIntervalMillis: interval,
        exportTimeoutMillis: interval,
      }),
    ],
  });
  const meter = provider.getMeter('presage-gateway');
  const versions = new Map<string, { concurrency: number; integral: number; since: number }>();
  const advance = (now: number) => {
    for (const state of versions.values()) {
      state.integral += (state.concurrency * (now - state.since)) / 1000;
      state.since = now;
    }
  };
  if (options.concurrencyTime ?? true) {
    meter.createObservableCounter('presage.gateway.concurrency.time', { unit: 's' }).addCallback((result) => {
      advance(performance.now());
      for (const [version, state] of versions) result.observe(state.integral, { 'presage.version': version });
    });
  }
  if (options.pointValues) {
    meter.createObservableUpDownCounter('presage.gateway.requests.in_flight').addCallback((result) => {
      for (const [version, state] of versions)
        result.observe(state.concurrency, { 'presage.version': version });
    });
    meter.createObservableUpDownCounter('presage.gateway.requests.queued').addCallback((result) => {
      for (const version of versions.keys()) result.observe(0, { 'presage.version': version });
    });
  }
  return {
    setConcurrency(version, concurrency) {
      const now = performance.now();
      advance(now);
      const state = versions.get(version);
      if (state) state.concurrency = concurrency;
      else versions.set(version, { concurrency, integral: 0, since: now });
    },
    stop: () => provider.shutdown(),
  };
}
