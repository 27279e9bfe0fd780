import * as grpc from '@grpc/grpc-js';
import { ApiError, StatusCode } from '@presage/errors';
import { createClient } from '@presage/grpc-kit';
import type { OnlinePredictionServiceHandlers } from '@presage/proto/src/generated/presage/v1/OnlinePredictionService';
import { reportAsDeployer, waitFor } from '@presage/testing';
import { call, startFakePredictor, startGatewayHarness } from './gateway-harness';
import type { FakePredictor, GatewayHarness } from './gateway-harness';

/**
 * Predict routing. The predictors are in-test stand-ins for the real predictor processes (another
 * engineer builds apps/predictor); the deployer is the harness's stand-in answering ListReplicas.
 */
let h: GatewayHarness;
let a: FakePredictor;
let b: FakePredictor;
const MODEL = 'projects/demo/models/flowers';
const VERSION = `${MODEL}/versions/v1`;
const body = JSON.stringify({ instances: [[1, 2, 3, 4]] });
const predict = (name: string, payload = body) => call(h.baseUrl, 'POST', `/v1/${name}:predict`, payload);

beforeAll(async () => {
  // The replica listing is not cached here, so a test's serve() takes effect at once.
  h = await startGatewayHarness({ tuning: { replicaTtlMs: 0 } });
  a = await startFakePredictor('{"predictions":["a"]}');
  b = await startFakePredictor('{"predictions":["b"]}');
  await call(h.baseUrl, 'POST', '/v1/projects/demo/models', { name: 'flowers' });
  await call(h.baseUrl, 'POST', `/v1/${MODEL}/versions`, { name: 'v1', deploymentUri: 'file:///m/1' });
});
afterAll(async () => {
  await h.stop();
  await a.stop();
  await b.stop();
});

function serve(...predictors: FakePredictor[]): void {
  h.replicas.splice(
    0,
    h.replicas.length,
    ...predictors.map((p, i) => ({
      name: `${VERSION}/replicas/${i}`,
      version: VERSION,
      address: p.address,
      state: 'READY' as const,
    })),
  );
}

describe('predict over REST', () => {
  it('refuses a version that is still CREATING with 400 FAILED_PRECONDITION naming the state', async () => {
    const res = await predict(VERSION);
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({
      status: 'FAILED_PRECONDITION',
      message: expect.stringContaining('CREATING'),
    });
  });

  it('answers 404 for an unknown model', async () => {
    const res = await predict('projects/demo/models/nope');
    expect(res.status).toBe(404);
    expect(res.json.error.status).toBe('NOT_FOUND');
  });

  it('forwards the raw body to a ready replica, by model (default version) and by version name', async () => {
    await reportAsDeployer(h.deployment, VERSION);
    serve(a);
    let seen: Buffer | undefined;
    a.handler = (request) => {
      seen = request.body;
      return Promise.resolve({ body: Buffer.from('{"predictions":["a"]}'), httpStatus: 200 });
    };
    const byVersion = await waitFor(
      async () => {
        const res = await predict(VERSION);
        return res.status === 200 && res;
      },
      { timeoutMs: 5000, description: 'the READY version to serve' },
    );
    expect(byVersion.json).toEqual({ predictions: ['a'] });
    expect(seen?.toString()).toBe(body);
    const byModel = await predict(MODEL, '{"instances": [1], "signature_name": "x"}');
    expect(byModel).toEqual({ status: 200, json: { predictions: ['a'] } });
    expect(seen?.toString()).toBe('{"instances": [1], "signature_name": "x"}');
  });

  it('passes a model-level {"error": ...} body through with its 400', async () => {
    a.handler = () =>
      Promise.resolve({ body: Buffer.from('{"error":"Prediction failed: bad instance"}'), httpStatus: 400 });
    expect(await predict(VERSION)).toEqual({
      status: 400,
      json: { error: 'Prediction failed: bad instance' },
    });
    a.handler = () => Promise.resolve({ body: Buffer.from('{"predictions":["a"]}'), httpStatus: 200 });
  });

  it('sends to the replica with the fewest requests in flight', async () => {
    serve(a, b);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    a.handler = async () => {
      await held;
      return { body: Buffer.from('{"predictions":["a"]}'), httpStatus: 200 };
    };
    b.handler = async () => {
      await held;
      return { body: Buffer.from('{"predictions":["b"]}'), httpStatus: 200 };
    };
    a.calls = 0;
    b.calls = 0;
    const pending = [predict(VERSION), predict(VERSION), predict(VERSION), predict(VERSION)];
    await waitFor(() => a.calls + b.calls === 4, { timeoutMs: 5000, description: 'four calls to arrive' });
    expect([a.calls, b.calls]).toEqual([2, 2]);
    release();
    const answers = await Promise.all(pending);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200]);
  });

  it('retries on another replica when one refuses connections', async () => {
    const dead = await startFakePredictor('{}');
    await dead.stop();
    a.handler = () => Promise.resolve({ body: Buffer.from('{"predictions":["a"]}'), httpStatus: 200 });
    serve(dead, a);
    for (let i = 0; i < 3; i += 1)
      expect(await predict(VERSION)).toEqual({ status: 200, json: { predictions: ['a'] } });
    serve(a, b);
  });

  it('retries once on another replica when one fails with UNAVAILABLE, then 503 when both do', async () => {
    const unavailable = () =>
      Promise.reject(new ApiError(StatusCode.UNAVAILABLE, 'replica is shutting down'));
    a.handler = unavailable;
    b.handler = () => Promise.resolve({ body: Buffer.from('{"predictions":["b"]}'), httpStatus: 200 });
    for (let i = 0; i < 4; i += 1)
      expect(await predict(VERSION)).toEqual({ status: 200, json: { predictions: ['b'] } });
    b.handler = unavailable;
    const res = await predict(VERSION);
    expect(res.status).toBe(503);
    expect(res.json.error).toMatchObject({
      status: 'UNAVAILABLE',
      message: expect.stringContaining(VERSION),
    });
  });
});

describe('gRPC front', () => {
  it('answers Predict with an HttpBody', async () => {
    a.handler = () => Promise.resolve({ body: Buffer.from('{"predictions":["a"]}'), httpStatus: 200 });
    serve(a);
    const client = createClient<OnlinePredictionServiceHandlers>(
      'presage.v1.OnlinePredictionService',
      h.grpcAddress,
    );
    try {
      const reply = await client.client.Predict({
        name: MODEL,
        httpBody: { contentType: 'application/json', data: Buffer.from(body) },
      });
      expect(reply.contentType).toBe('application/json');
      expect(JSON.parse(reply.data.toString())).toEqual({ predictions: ['a'] });
      await expect(
        client.client.Predict({ name: 'projects/demo/models/nope', httpBody: { data: Buffer.from(body) } }),
      ).rejects.toMatchObject({
        code: StatusCode.NOT_FOUND,
      });
    } finally {
      client.close();
    }
  });

  it('is a gRPC server (the channel connects)', async () => {
    const channel = new grpc.Client(h.grpcAddress, grpc.credentials.createInsecure());
    await new Promise<void>((resolve, reject) =>
      channel.waitForReady(Date.now() + 5000, (e) => (e ? reject(e) : resolve())),
    );
    channel.close();
  });
});
