import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { INTERNAL_CREDENTIAL_METADATA, InternalCredential } from '@presage/env';
import { createLogger } from '@presage/log';
import { waitFor } from '@presage/testing';
import { rpcServerMetrics } from './rpc-server-metrics';
import { createTelemetry } from './telemetry';
import type { Telemetry } from './telemetry';

const logger = createLogger('telemetry-spec', { level: 'error' });

function get(url: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      })
      .on('error', reject);
  });
}

/**
 * The smallest OTLP/gRPC receiver: takes MetricsService/Export (or TraceService/Export) and keeps the
 * raw protobuf request bodies (strings such as metric, span and service names appear in them as UTF-8)
 * and the internal credential each carried. The real metrics receiver is the autoscaler's.
 */
async function startRawOtlpReceiver(
  signal: 'metrics' | 'trace' = 'metrics',
): Promise<{ address: string; bodies: Buffer[]; credentials: unknown[]; stop(): void }> {
  const server = new grpc.Server();
  const bodies: Buffer[] = [];
  const credentials: unknown[] = [];
  const identity = (value: Buffer): Buffer => value;
  server.addService(
    {
      Export: {
        path:
          signal === 'metrics'
            ? '/opentelemetry.proto.collector.metrics.v1.MetricsService/Export'
            : '/opentelemetry.proto.collector.trace.v1.TraceService/Export',
        requestStream: false,
        responseStream: false,
        requestSerialize: identity,
        requestDeserialize: identity,
        responseSerialize: identity,
        responseDeserialize: identity,
      },
    },
    {
      Export: (call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) => {
        bodies.push(call.request);
        credentials.push(call.metadata.get(INTERNAL_CREDENTIAL_METADATA)[0]);
        callback(null, Buffer.alloc(0));
      },
    },
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  return { address: `127.0.0.1:${port}`, bodies, credentials, stop: () => server.forceShutdown() };
}

/** Every span recorded: the default traces 1 in 100 spans without a sampled parent. */
const ALWAYS = { name: 'always_on', ratio: 1 } as const;

describe('createTelemetry', () => {
  let telemetry: Telemetry | undefined;
  afterEach(async () => {
    await telemetry?.shutdown();
    telemetry = undefined;
  });

  it('serves its instruments and the process metrics on /metrics in the Prometheus text format', async () => {
    telemetry = createTelemetry({ service: 'spec', instanceId: 'spec-1', logger });
    const counter = telemetry.meter.createCounter('presage.spec.requests');
    counter.add(2, { 'presage.version': 'projects/p/models/m/versions/v', 'http.response.status_code': 200 });
    const address = await telemetry.serveMetrics('127.0.0.1:0');
    const { status, text } = await get(`http://${address}/metrics`);
    expect(status).toBe(200);
    expect(text).toMatch(
      /presage_spec_requests_total\{[^}]*presage_version="projects\/p\/models\/m\/versions\/v"[^}]*http_response_status_code="200"[^}]*\} 2/,
    );
    expect(text).toMatch(/process_cpu_time_total\{cpu_mode="user"[^}]*\} [\d.]+/);
    expect(text).toMatch(/process_memory_usage\{[^}]*\} [1-9]\d+/);
    expect(text).toContain('service_name="presage-spec"');
    expect(text).toContain('service_instance_id="spec-1"');
    expect((await get(`http://${address}/other`)).status).toBe(404);
  });

  it('records gRPC server calls as rpc.server.call.duration by method and status', async () => {
    telemetry = createTelemetry({ service: 'spec', logger });
    const record = rpcServerMetrics(telemetry.meter);
    record({ method: '/presage.v1.ModelService/GetModel', status: 'OK', seconds: 0.002 });
    record({ method: '/presage.v1.ModelService/GetModel', status: 'NOT_FOUND', seconds: 0.001 });
    const address = await telemetry.serveMetrics('127.0.0.1:0');
    const { text } = await get(`http://${address}/metrics`);
    expect(text).toMatch(
      /rpc_server_call_duration_count\{rpc_system_name="grpc",rpc_method="presage.v1.ModelService\/GetModel",rpc_status_code="OK"[^}]*\} 1/,
    );
    expect(text).toContain('rpc_status_code="NOT_FOUND"');
  });

  it('pushes metrics over OTLP/gRPC when an endpoint is set, at the export interval', async () => {
    const receiver = await startRawOtlpReceiver();
    try {
      telemetry = createTelemetry({
        service: 'spec',
        otlpEndpoint: `http://${receiver.address}`,
        exportIntervalMs: 100,
        logger,
      });
      expect(telemetry.destinations.metrics).toEqual(['prometheus', `http://${receiver.address}`]);
      telemetry.meter.createCounter('presage.spec.pushed').add(1);
      const body = await waitFor(() => receiver.bodies.find((b) => b.includes('presage.spec.pushed')), {
        timeoutMs: 10_000,
        description: 'an OTLP export carrying the counter',
      });
      expect(body.includes('presage-spec')).toBe(true);
      expect(body.includes('process.cpu.time')).toBe(true);
    } finally {
      receiver.stop();
    }
  });

  it('sends the internal credential with its metrics (the autoscaler requires it), never with its spans', async () => {
    const metrics = await startRawOtlpReceiver();
    const traces = await startRawOtlpReceiver('trace');
    const secret = 'k'.repeat(64);
    try {
      telemetry = createTelemetry({
        service: 'spec',
        otlpEndpoint: `http://${metrics.address}`,
        otlpTracesEndpoint: `http://${traces.address}`,
        tracesSampler: ALWAYS,
        exportIntervalMs: 100,
        internalCredential: new InternalCredential(secret, {}),
        logger,
      });
      telemetry.tracer.startSpan('presage.spec.pushed').end();
      await waitFor(() => metrics.credentials.length > 0 && traces.credentials.length > 0, {
        timeoutMs: 10_000,
        description: 'a metrics and a trace export',
      });
      expect(metrics.credentials[0]).toBe(secret);
      expect(traces.credentials[0]).toBeUndefined();
    } finally {
      metrics.stop();
      traces.stop();
    }
  });

  it('keeps running when the OTLP endpoint is down, logging the failure as a warning', async () => {
    const lines: string[] = [];
    const warnings = createLogger('spec', { level: 'warn', write: (line) => lines.push(line) });
    const closed = await startRawOtlpReceiver();
    closed.stop();
    telemetry = createTelemetry({
      service: 'spec',
      otlpEndpoint: `http://${closed.address}`,
      exportIntervalMs: 100,
      logger: warnings,
    });
    telemetry.meter.createCounter('presage.spec.lost').add(1);
    await waitFor(() => lines.some((line) => line.includes('telemetry export failed')), {
      timeoutMs: 10_000,
      description: 'the export failure to be logged',
    });
    expect(lines.filter((line) => line.includes('telemetry export failed')).length).toBe(1);
  });

  it('pushes spans over OTLP/gRPC when a traces endpoint is set', async () => {
    const receiver = await startRawOtlpReceiver('trace');
    try {
      telemetry = createTelemetry({
        service: 'spec',
        otlpTracesEndpoint: `http://${receiver.address}`,
        tracesSampler: ALWAYS,
        logger,
      });
      expect(telemetry.destinations.traces).toEqual([`OTLP traces at http://${receiver.address}`]);
      telemetry.tracer.startSpan('presage.spec.pushed').end();
      const body = await waitFor(() => receiver.bodies.find((b) => b.includes('presage.spec.pushed')), {
        timeoutMs: 10_000,
        description: 'an OTLP export carrying the span',
      });
      expect(body.includes('presage-spec')).toBe(true);
    } finally {
      receiver.stop();
    }
  });

  it('writes spans to the traces file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'presage-telemetry-'));
    try {
      const file = path.join(dir, 'spans.jsonl');
      telemetry = createTelemetry({ service: 'spec', tracesFile: file, tracesSampler: ALWAYS, logger });
      telemetry.tracer.startSpan('presage.spec').end();
      await telemetry.shutdown();
      const line = JSON.parse(fs.readFileSync(file, 'utf8').trim()) as { name: string; service: string };
      expect(line).toMatchObject({ name: 'presage.spec', service: 'presage-spec' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
