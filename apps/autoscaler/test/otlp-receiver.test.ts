import * as grpc from '@grpc/grpc-js';
import { ProtobufMetricsSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { createGrpcServer } from '@presage/grpc-kit';
import type { GrpcServer } from '@presage/grpc-kit';
import { createLogger } from '@presage/log';
import { waitFor } from '@presage/testing';
import { SignalStore } from '../src/domain/concurrency-signals';
import { OTLP_METRICS_SERVICE, createMetricsExportHandler } from '../src/otlp/metrics-service';
import { startSyntheticGateway } from './synthetic-gateway';
import type { SyntheticGateway } from './synthetic-gateway';

const logger = createLogger('otlp-receiver-test', { level: 'error' });
const V = 'projects/p/models/m/versions/v';
const W = 'projects/p/models/m/versions/w';

let server: GrpcServer;
let endpoint: string;
let signals: SignalStore;
const changed = new Set<string>();
const gateways: SyntheticGateway[] = [];

function gateway(instanceId: string, options: { concurrencyTime?: boolean; pointValues?: boolean } = {}) {
  const started = startSyntheticGateway({ endpoint, instanceId, exportIntervalMs: 200, ...options });
  gateways.push(started);
  return started;
}

/** Waits until the autoscaler's signal for `version` is within 10 % (or 0.3) of `expected`. */
function signalOf(version: string, expected: number) {
  return waitFor(
    () => {
      const value = signals.concurrency(version, Date.now());
      return Math.abs(value - expected) <= Math.max(0.3, expected * 0.1) ? value : undefined;
    },
    { timeoutMs: 20_000, description: `the signal of ${version} to read ${expected}` },
  );
}

/** Calls Export with raw bytes and returns the raw response. */
function rawExport(bytes: Uint8Array): Promise<Buffer> {
  const client = new grpc.Client(endpoint, grpc.credentials.createInsecure());
  return new Promise<Buffer>((resolve, reject) =>
    client.makeUnaryRequest(
      `/${OTLP_METRICS_SERVICE}/Export`,
      (b: Buffer) => b,
      (b: Buffer) => b,
      Buffer.from(bytes),
      (error, response) => (error ? reject(error) : resolve(response!)),
    ),
  ).finally(() => client.close());
}

beforeAll(async () => {
  signals = new SignalStore({ staleAfterMs: 1000 });
  server = createGrpcServer({ name: 'otlp-test', logger });
  server.addRawService(
    OTLP_METRICS_SERVICE,
    createMetricsExportHandler({ signals, onSignals: (versions) => versions.forEach((v) => changed.add(v)) }),
  );
  endpoint = `127.0.0.1:${await server.listen('127.0.0.1:0')}`;
});

afterAll(async () => {
  await Promise.all(gateways.map((g) => g.stop()));
  await server?.shutdown();
});

describe('the OTLP metrics receiver', () => {
  it('reads the rate of concurrency.time from a real OTel SDK exporter as the concurrency', async () => {
    const a = gateway('gw-a');
    a.setConcurrency(V, 6);
    await signalOf(V, 6);
    expect(changed.has(V)).toBe(true);
    a.setConcurrency(V, 1.5);
    await signalOf(V, 1.5);
  });

  it('sums gateways, falls back to in_flight for one without concurrency.time, and drops one that stops', async () => {
    const b = gateway('gw-b');
    b.setConcurrency(V, 4);
    await signalOf(V, 5.5);
    const old = gateway('gw-old', { concurrencyTime: false, pointValues: true });
    old.setConcurrency(W, 3);
    await signalOf(W, 3);
    await b.stop();
    await signalOf(V, 1.5);
  });

  it('answers INVALID_ARGUMENT to a malformed request and keeps serving', async () => {
    await expect(rawExport(Uint8Array.from([0x0a, 0x05, 0x01]))).rejects.toMatchObject({
      code: grpc.status.INVALID_ARGUMENT,
      details: expect.stringMatching(/Not an ExportMetricsServiceRequest: ResourceMetrics is truncated/),
    });
    expect((await rawExport(new Uint8Array(0))).length).toBe(0);
  });

  it('reports points it cannot use in partial_success', async () => {
    class ManualReader extends MetricReader {
      protected onShutdown = () => Promise.resolve();
      protected onForceFlush = () => Promise.resolve();
    }
    const reader = new ManualReader();
    const provider = new MeterProvider({
      resource: resourceFromAttributes({ 'service.instance.id': 'x' }),
      readers: [reader],
    });
    provider
      .getMeter('m')
      .createCounter('presage.gateway.concurrency.time')
      .add(1, { 'presage.version': 'v1' });
    const { resourceMetrics } = await reader.collect();
    const response = await rawExport(ProtobufMetricsSerializer.serializeRequest(resourceMetrics)!);
    await provider.shutdown();
    expect(response.length).toBeGreaterThan(0);
    expect(response.toString('latin1')).toContain(
      'presage.version must be projects/{p}/models/{m}/versions/{v}',
    );
  });
});
