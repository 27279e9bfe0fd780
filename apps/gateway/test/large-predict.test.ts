import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient } from '@presage/grpc-kit';
import type { ConnectedClient } from '@presage/grpc-kit';
import { waitFor } from '@presage/testing';
import type { OnlinePredictionServiceHandlers } from '@presage/proto';
import { OnlinePredictionService } from '@presage/proto';
import { call, startGatewayHarness } from './gateway-harness';
import type { GatewayHarness } from './gateway-harness';

/**
 * Predictions whose answers are many times their request, and instances no walker can take, through the
 * public REST and gRPC interfaces to a real predictor (the deployer runs it) serving the bundled iris
 * model: 100,000 instances are 1.0 MB in and 6.2 MB out, more than gRPC's default 4 MiB.
 */
const IRIS_DIR = path.resolve(__dirname, '../../../tools/iris/model');
const MODEL = 'projects/large/models/iris';
const COUNT = 100_000;
const manyInstances = `{"instances":[${Array.from({ length: COUNT }, () => '[1,2,3,4]').join(',')}]}`;
let home: string;
let h: GatewayHarness;
let predictions: ConnectedClient<OnlinePredictionServiceHandlers>;

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'presage-large-predict-'));
  h = await startGatewayHarness({ realDeployer: { PRESAGE_HOME: home } });
  predictions = createClient(OnlinePredictionService, h.grpcAddress, {
    deadlineMs: 60_000,
  });
  expect((await call(h.baseUrl, 'POST', '/v1/projects/large/models', { name: 'iris' })).status).toBe(200);
  expect(
    (await call(h.baseUrl, 'POST', `/v1/${MODEL}/versions`, { name: 'v1', deploymentUri: IRIS_DIR })).status,
  ).toBe(200);
  await waitFor(
    async () => {
      const version = await call(h.baseUrl, 'GET', `/v1/${MODEL}/versions/v1`);
      if (version.json.state === 'FAILED') throw new Error(version.json.errorMessage as string);
      return version.json.state === 'READY';
    },
    { timeoutMs: 90_000, description: `${MODEL} to become READY` },
  );
}, 150_000);

afterAll(async () => {
  predictions?.close();
  await h?.stop();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('a prediction whose answer is larger than its request', () => {
  it('answers 100,000 instances (1.0 MB in, over 4 MiB out) over REST', async () => {
    expect(manyInstances.length).toBeLessThan(1_572_864);
    const response = await fetch(`${h.baseUrl}/v1/${MODEL}:predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: manyInstances,
    });
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text.length).toBeGreaterThan(4 * 1024 * 1024);
    const body = JSON.parse(text) as { predictions: { class: number }[] };
    expect(body.predictions).toHaveLength(COUNT);
    expect(body.predictions[COUNT - 1]).toEqual(body.predictions[0]);
  }, 60_000);

  it('answers the same 100,000 instances over gRPC', async () => {
    const answer = await predictions.client.Predict({
      name: MODEL,
      httpBody: { contentType: 'application/json', data: Buffer.from(manyInstances) },
    });
    expect(answer.data.length).toBeGreaterThan(4 * 1024 * 1024);
    expect((JSON.parse(answer.data.toString('utf8')) as { predictions: unknown[] }).predictions).toHaveLength(
      COUNT,
    );
  }, 60_000);
});

describe('instances nested too deeply to walk', () => {
  const deep = `{"instances": [${'['.repeat(10_000)}${']'.repeat(10_000)}]}`;

  it('answers 400 saying the limit over REST, and the replica keeps serving', async () => {
    const refused = await call(h.baseUrl, 'POST', `/v1/${MODEL}:predict`, deep);
    expect(refused).toEqual({
      status: 400,
      json: { error: 'The request body nests arrays and objects more than 100 levels deep; flatten it.' },
    });
    const good = await call(h.baseUrl, 'POST', `/v1/${MODEL}:predict`, { instances: [[5.1, 3.5, 1.4, 0.2]] });
    expect(good.status).toBe(200);
  });

  it('answers the same error over gRPC', async () => {
    const answer = await predictions.client.Predict({
      name: MODEL,
      httpBody: { contentType: 'application/json', data: Buffer.from(deep) },
    });
    expect(JSON.parse(answer.data.toString('utf8'))).toEqual({
      error: 'The request body nests arrays and objects more than 100 levels deep; flatten it.',
    });
  });
});
