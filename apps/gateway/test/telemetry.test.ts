import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient } from '@presage/grpc-kit';
import type { ConnectedClient } from '@presage/grpc-kit';
import { buildFixture, expectClose } from '@presage/model-fixtures';
import type { Fixture } from '@presage/model-fixtures';
import type { SpanLine } from '@presage/telemetry';
import { pidsWithEnv, sampleValue, scrape, waitFor } from '@presage/testing';
import type { Sample } from '@presage/testing';
import type { DeployerServiceHandlers } from '@presage/proto';
import { DeployerService, OnlinePredictionService, PredictorService } from '@presage/proto';
import { call, startGatewayHarness, waitUntilReady } from './gateway-harness';
import type { GatewayHarness } from './gateway-harness';

/**
 * Telemetry and restarts across real processes: the registry and the deployer run as their own
 * processes, the deployer's local driver runs the version's predictor process, the gateway runs here.
 * Gateway and predictor append their spans to the same JSON-lines file.
 */
const MODEL = 'projects/telemetry/models/linear';
const VERSION = `${MODEL}/versions/v1`;
let home: string;
let spansFile: string;
let linear: Fixture;
let h: GatewayHarness;
let deployer: ConnectedClient<DeployerServiceHandlers>;

const predict = (instances: unknown, headers: Record<string, string> = {}) =>
  call(h.baseUrl, 'POST', `/v1/${VERSION}:predict`, { instances }, headers);
const gatewayMetrics = () => scrape(`${h.baseUrl}/metrics`);
const ours = { presage_version: VERSION };

async function readyReplica() {
  return waitFor(
    async () =>
      (await deployer.client.ListReplicas({ version: VERSION })).replicas.find((r) => r.state === 'READY'),
    { timeoutMs: 60_000, description: `a READY replica of ${VERSION}` },
  );
}

function spans(): SpanLine[] {
  if (!fs.existsSync(spansFile)) return [];
  return fs
    .readFileSync(spansFile, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as SpanLine);
}

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'presage-gateway-telemetry-'));
  spansFile = path.join(home, 'spans.jsonl');
  linear = await buildFixture('linear', path.join(home, 'fixtures'));
  // Every request traced (the default traces 1 in 100 of those that come without a sampled traceparent).
  h = await startGatewayHarness({
    tracesFile: spansFile,
    tracesSampler: { name: 'parentbased_always_on', ratio: 1 },
    realDeployer: { PRESAGE_HOME: home, PRESAGE_TRACES_FILE: spansFile },
  });
  deployer = createClient(DeployerService, h.deployerAddress);
  expect((await call(h.baseUrl, 'POST', '/v1/projects/telemetry/models', { name: 'linear' })).status).toBe(
    200,
  );
  const created = await call(h.baseUrl, 'POST', `/v1/${MODEL}/versions`, {
    name: 'v1',
    deploymentUri: linear.dir,
  });
  expect(created.status).toBe(200);
  await waitUntilReady(h.baseUrl, VERSION);
  await readyReplica();
}, 150_000);

afterAll(async () => {
  deployer?.close();
  await h?.stop();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('gateway metrics', () => {
  let before: Sample[];
  beforeAll(async () => {
    before = await gatewayMetrics();
  });
  const increase = (after: Sample[], name: string, labels: Record<string, string>) =>
    (sampleValue(after, name, labels) ?? 0) - (sampleValue(before, name, labels) ?? 0);

  it('counts predictions by version and status, with their latency, in-flight requests and concurrency time', async () => {
    for (let i = 0; i < 5; i += 1) {
      const answer = await predict(linear.instances);
      expect(answer.status).toBe(200);
      expectClose(answer.json.predictions, linear.predictions);
    }
    const bad = await predict([[1, 2]]);
    expect(bad.status).toBe(400);

    const after = await gatewayMetrics();
    const ok = { ...ours, http_response_status_code: '200' };
    const rejected = { ...ours, http_response_status_code: '400' };
    expect(increase(after, 'presage_gateway_requests_total', ok)).toBe(5);
    expect(increase(after, 'presage_gateway_requests_total', rejected)).toBe(1);
    expect(increase(after, 'presage_gateway_request_duration_count', ok)).toBe(5);
    expect(sampleValue(after, 'presage_gateway_request_duration_sum', ok)).toBeGreaterThan(0);
    expect(sampleValue(after, 'presage_gateway_request_duration_bucket', { ...ok, le: '+Inf' })).toBe(
      sampleValue(after, 'presage_gateway_request_duration_count', ok),
    );
    expect(sampleValue(after, 'presage_gateway_requests_in_flight', ours)).toBe(0);
    expect(increase(after, 'presage_gateway_concurrency_time_total', ours)).toBeGreaterThan(0);
    expect(sampleValue(after, 'process_cpu_time_total', { cpu_mode: 'user' })).toBeGreaterThan(0);
    expect(sampleValue(after, 'process_memory_usage')).toBeGreaterThan(0);
  });

  it('counts a gRPC prediction under the HTTP status of its answer, and an unknown model under its name', async () => {
    const client = createClient(OnlinePredictionService, h.grpcAddress);
    try {
      await client.client.Predict({
        name: VERSION,
        httpBody: { data: Buffer.from(JSON.stringify({ instances: linear.instances })) },
      });
    } finally {
      client.close();
    }
    const missing = await call(h.baseUrl, 'POST', '/v1/projects/telemetry/models/nope:predict', {
      instances: [],
    });
    expect(missing.status).toBe(404);
    const after = await gatewayMetrics();
    expect(
      increase(after, 'presage_gateway_requests_total', { ...ours, http_response_status_code: '200' }),
    ).toBe(6);
    expect(
      sampleValue(after, 'presage_gateway_requests_total', {
        presage_model: 'projects/telemetry/models/nope',
        http_response_status_code: '404',
      }),
    ).toBe(1);
    expect(
      sampleValue(after, 'rpc_server_call_duration_count', {
        rpc_method: 'presage.v1.OnlinePredictionService/Predict',
        rpc_status_code: 'OK',
      }),
    ).toBe(1);
  });
});

describe('predictor metrics', () => {
  it('are on the /metrics address the deployer lists and the predictor reports', async () => {
    const replica = await readyReplica();
    expect(replica.metricsAddress).toMatch(/^127\.0\.0\.1:\d+$/);
    const predictor = createClient(PredictorService, replica.address);
    try {
      expect((await predictor.client.GetModelInfo({})).metricsAddress).toBe(replica.metricsAddress);
    } finally {
      predictor.close();
    }
    expect((await predict(linear.instances)).status).toBe(200);
    const samples = await scrape(`http://${replica.metricsAddress}/metrics`);
    const labels = { presage_version: VERSION, presage_replica: replica.name };
    expect(sampleValue(samples, 'presage_predictor_requests_in_flight', labels)).toBe(0);
    expect(sampleValue(samples, 'presage_predictor_inference_duration_count', labels)).toBeGreaterThanOrEqual(
      1,
    );
    expect(sampleValue(samples, 'presage_predictor_model_load_duration', labels)).toBeGreaterThan(0);
    expect(sampleValue(samples, 'process_cpu_time_total', { cpu_mode: 'system' })).toBeGreaterThan(0);
    expect(sampleValue(samples, 'process_memory_usage')).toBeGreaterThan(0);
  });
});

describe('tracing', () => {
  it('makes one trace of a prediction: the gateway span and the predictor span as its child', async () => {
    // A caller's trace is continued, so the prediction can be found by the trace id it sent.
    const traceId = 'a3ce929d0e0e47364bf92f3577b34da6';
    const callerSpan = 'b7ad6b7169203331';
    expect((await predict(linear.instances, { traceparent: `00-${traceId}-${callerSpan}-01` })).status).toBe(
      200,
    );
    const trace = await waitFor(
      () => {
        const found = spans().filter((span) => span.traceId === traceId);
        return found.length >= 2 && found;
      },
      { timeoutMs: 15_000, description: 'the gateway and predictor spans in the traces file' },
    );
    const gateway = trace.find((span) => span.service === 'presage-gateway')!;
    const predictor = trace.find((span) => span.service === 'presage-predictor')!;
    expect(gateway).toMatchObject({
      name: 'presage.gateway.predict',
      parentSpanId: callerSpan,
      kind: 'SERVER',
      attributes: { 'presage.version': VERSION, 'http.response.status_code': 200 },
    });
    expect(predictor).toMatchObject({
      name: 'presage.predictor.inference',
      parentSpanId: gateway.spanId,
      attributes: { 'presage.version': VERSION },
    });
    expect(Date.parse(predictor.start)).toBeGreaterThanOrEqual(Date.parse(gateway.start) - 5);
  });

  it('starts a new trace for a prediction without a traceparent', async () => {
    const count = spans().length;
    expect((await predict(linear.instances)).status).toBe(200);
    const [gateway] = await waitFor(
      () => {
        const fresh = spans()
          .slice(count)
          .filter((span) => span.service === 'presage-gateway');
        return fresh.length > 0 && fresh;
      },
      { timeoutMs: 15_000, description: 'the gateway span' },
    );
    expect(gateway!.parentSpanId).toBeNull();
    await waitFor(() => spans().some((span) => span.parentSpanId === gateway!.spanId), {
      timeoutMs: 15_000,
      description: 'the predictor span under it',
    });
  });
});

describe('a replica that dies', () => {
  it('is restarted by the deployer while the gateway holds the predictions sent in the gap, which then succeed', async () => {
    const [pid] = pidsWithEnv('PRESAGE_PREDICTOR_VERSION', VERSION);
    expect(pid).toBeDefined();
    const old = await readyReplica();
    process.kill(pid!, 'SIGKILL');
    await waitFor(
      () => {
        try {
          process.kill(pid!, 0);
          return false;
        } catch {
          return true;
        }
      },
      { timeoutMs: 10_000, description: 'the replica process to be gone' },
    );
    // Sent at once: the restart takes at least the driver's 500 ms back-off plus a model load.
    const rest = Array.from({ length: 5 }, () => predict(linear.instances));
    const client = createClient(OnlinePredictionService, h.grpcAddress);
    const overGrpc = client.client.Predict(
      { name: VERSION, httpBody: { data: Buffer.from(JSON.stringify({ instances: linear.instances })) } },
      { deadlineMs: 60_000 },
    );
    try {
      for (const answer of await Promise.all(rest)) {
        expect(answer.status).toBe(200);
        expectClose(answer.json.predictions, linear.predictions);
      }
      expectClose(JSON.parse((await overGrpc).data.toString()).predictions, linear.predictions);
    } finally {
      client.close();
    }
    const fresh = await readyReplica();
    expect(fresh.address).not.toBe(old.address);

    const after = await gatewayMetrics();
    expect(sampleValue(after, 'presage_gateway_cold_start_duration_count', ours)).toBeGreaterThanOrEqual(1);
    expect(sampleValue(after, 'presage_gateway_cold_start_duration_sum', ours)).toBeGreaterThan(0.4);
    expect(sampleValue(after, 'presage_gateway_requests_queued', ours)).toBe(0);
    expect(
      sampleValue(after, 'presage_gateway_requests_total', { ...ours, http_response_status_code: '503' }),
    ).toBe(undefined);
  });
});
