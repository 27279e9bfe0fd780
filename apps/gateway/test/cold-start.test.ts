import { ApiError, StatusCode } from '@presage/errors';
import { createClient, createGrpcServer } from '@presage/grpc-kit';
import type { GrpcServer } from '@presage/grpc-kit';
import { createLogger } from '@presage/log';
import type { AutoscalerServiceHandlers } from '@presage/proto/src/generated/presage/internal/v1/AutoscalerService';
import type { OnlinePredictionServiceHandlers } from '@presage/proto/src/generated/presage/v1/OnlinePredictionService';
import { reportAsDeployer, sampleValue, scrape, waitFor } from '@presage/testing';
import { call, startFakePredictor, startGatewayHarness } from './gateway-harness';
import type { ExtraGateway, FakePredictor, GatewayHarness } from './gateway-harness';

/**
 * Scale from zero at the gateway: a READY version whose replicas are stopped (what scaling to zero
 * leaves). The harness's stand-in deployer lists the replicas each test chooses, none at first, so the
 * state lasts as long as a test needs; the real deployer's restart of a killed replica is covered in
 * telemetry.test.ts. The replica that comes up is an in-test PredictorService.
 */
const MODEL = 'projects/cold/models/m';
const VERSION = `${MODEL}/versions/v1`;
const body = JSON.stringify({ instances: [[1, 2, 3, 4]] });
const RETRY_INFO = { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '1.000s' };
let h: GatewayHarness;
let predictor: FakePredictor;

const predictOn = (gateway: { baseUrl: string }, signal?: AbortSignal) =>
  fetch(`${gateway.baseUrl}/v1/${VERSION}:predict`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    ...(signal ? { signal } : {}),
  }).then(async (response) => ({
    status: response.status,
    json: (await response.json()) as Record<string, unknown>,
  }));
const queued = async (gateway: { baseUrl: string }) =>
  sampleValue(await scrape(`${gateway.baseUrl}/metrics`), 'presage_gateway_requests_queued', {
    presage_version: VERSION,
  }) ?? 0;
const waitUntilQueued = (gateway: { baseUrl: string }, count: number) =>
  waitFor(async () => (await queued(gateway)) === count, {
    timeoutMs: 10_000,
    description: `${count} requests held at the gateway`,
  });

/** Lists `predictor` as the version's one READY replica (the replica came up). */
function replicaReady(): void {
  h.replicas.splice(0, h.replicas.length, {
    name: `${VERSION}/replicas/0`,
    version: VERSION,
    address: predictor.address,
    state: 'READY',
  });
}

function grpcPredict(gateway: ExtraGateway, deadlineMs = 30_000) {
  const client = createClient<OnlinePredictionServiceHandlers>(
    'presage.v1.OnlinePredictionService',
    gateway.grpcAddress,
  );
  return client.client
    .Predict({ name: VERSION, httpBody: { data: Buffer.from(body) } }, { deadlineMs })
    .finally(() => client.close());
}

beforeAll(async () => {
  h = await startGatewayHarness();
  predictor = await startFakePredictor('{"predictions":["ok"]}');
  await call(h.baseUrl, 'POST', '/v1/projects/cold/models', { name: 'm' });
  await call(h.baseUrl, 'POST', `/v1/${MODEL}/versions`, { name: 'v1', deploymentUri: 'file:///m/1' });
  await reportAsDeployer(h.deployment, VERSION);
}, 60_000);
afterAll(async () => {
  await h?.stop();
  await predictor?.stop();
});
afterEach(() => {
  h.replicas.splice(0, h.replicas.length);
});

describe('a version with no ready replica', () => {
  it('tells the autoscaler at once and answers the held request once a replica is ready', async () => {
    // A small in-test AutoscalerService that records ReportDemand: the real autoscaler is built in parallel.
    const reports: { version: string; queued: number }[] = [];
    const autoscaler: GrpcServer = createGrpcServer({
      name: 'test-autoscaler',
      logger: createLogger('test-autoscaler', { level: 'error' }),
    });
    autoscaler.addService<AutoscalerServiceHandlers>('presage.internal.v1.AutoscalerService', {
      ReportDemand: (request) => {
        reports.push({ version: request.version, queued: request.queued });
        replicaReady();
        return Promise.resolve({ desired: 1 });
      },
    });
    const port = await autoscaler.listen('127.0.0.1:0');
    const gateway = await h.startGateway({ autoscalerAddress: `127.0.0.1:${port}` });
    try {
      // The replica comes up only once the autoscaler hears of the demand, so the answer shows the report
      // was made while the request was held; a single report of 1 is the one made when it was queued.
      const answer = await predictOn(gateway);
      expect(answer).toEqual({ status: 200, json: { predictions: ['ok'] } });
      expect(reports).toEqual([{ version: VERSION, queued: 1 }]);
      const metrics = await scrape(`${gateway.baseUrl}/metrics`);
      expect(
        sampleValue(metrics, 'presage_gateway_cold_start_duration_count', { presage_version: VERSION }),
      ).toBe(1);
      expect(sampleValue(metrics, 'presage_gateway_requests_queued', { presage_version: VERSION })).toBe(0);
    } finally {
      await gateway.stop();
      await autoscaler.shutdown();
    }
  });

  it('refuses requests beyond the queue with 429 RESOURCE_EXHAUSTED and a RetryInfo, over REST and gRPC', async () => {
    const gateway = await h.startGateway({ coldStartQueueSize: 2 });
    try {
      const held = [predictOn(gateway), predictOn(gateway)];
      await waitUntilQueued(gateway, 2);
      const refused = await predictOn(gateway);
      expect(refused.status).toBe(429);
      expect(refused.json).toEqual({
        error: {
          code: 429,
          status: 'RESOURCE_EXHAUSTED',
          message: expect.stringContaining(VERSION),
          details: [RETRY_INFO],
        },
      });
      const overGrpc = await grpcPredict(gateway).catch((error: unknown) => error);
      expect(overGrpc).toBeInstanceOf(ApiError);
      expect(overGrpc).toMatchObject({ code: StatusCode.RESOURCE_EXHAUSTED, details: [RETRY_INFO] });
      replicaReady();
      for (const answer of await Promise.all(held)) expect(answer.status).toBe(200);
    } finally {
      await gateway.stop();
    }
  });

  it('answers 503 UNAVAILABLE with a RetryInfo naming the version when no replica is ready in time', async () => {
    const gateway = await h.startGateway({ coldStartTimeoutMs: 300 });
    try {
      const answer = await predictOn(gateway);
      expect(answer.status).toBe(503);
      expect(answer.json).toEqual({
        error: {
          code: 503,
          status: 'UNAVAILABLE',
          message: expect.stringMatching(
            new RegExp(`"${VERSION}" has no ready replica: none became ready within 0\\.3 s`),
          ),
          details: [RETRY_INFO],
        },
      });
      const overGrpc = await grpcPredict(gateway).catch((error: unknown) => error);
      expect(overGrpc).toMatchObject({ code: StatusCode.UNAVAILABLE, details: [RETRY_INFO] });
      const metrics = await scrape(`${gateway.baseUrl}/metrics`);
      expect(
        sampleValue(metrics, 'presage_gateway_requests_total', {
          presage_version: VERSION,
          http_response_status_code: '503',
        }),
      ).toBe(2);
      expect(sampleValue(metrics, 'presage_gateway_requests_queued', { presage_version: VERSION })).toBe(0);
    } finally {
      await gateway.stop();
    }
  });

  it("holds a gRPC request no longer than the caller's deadline", async () => {
    const gateway = await h.startGateway({});
    try {
      const failure = await grpcPredict(gateway, 500).catch((error: unknown) => error);
      expect(failure).toMatchObject({ code: StatusCode.DEADLINE_EXCEEDED });
      await waitUntilQueued(gateway, 0);
    } finally {
      await gateway.stop();
    }
  });

  it('drops a held request whose client disconnects', async () => {
    const gateway = await h.startGateway({});
    try {
      const client = new AbortController();
      const pending = predictOn(gateway, client.signal).catch((error: unknown) => error);
      await waitUntilQueued(gateway, 1);
      client.abort();
      expect(await pending).toMatchObject({ name: 'AbortError' });
      await waitUntilQueued(gateway, 0);
      predictor.calls = 0;
      replicaReady();
      expect((await predictOn(gateway)).status).toBe(200);
      // Only the new request reached the replica: the abandoned one was not sent.
      expect(predictor.calls).toBe(1);
    } finally {
      await gateway.stop();
    }
  });
});
