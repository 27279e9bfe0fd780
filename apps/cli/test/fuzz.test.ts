import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase } from '@presage/testing';
import type { TestDatabase } from '@presage/testing';
import { FuzzClient, isServerFailure, runPool } from './fuzz/fuzz-client';
import type { Outcome } from './fuzz/fuzz-client';
import { FuzzNames } from './fuzz/fuzz-names';
import { GrpcRequests, grpcMethods } from './fuzz/grpc-requests';
import { MessageFuzzer } from './fuzz/message-json';
import { PredictBodies } from './fuzz/predict-bodies';
import { RestRequests, restRoutes, safeForEncoding } from './fuzz/rest-requests';
import type { RestCase } from './fuzz/rest-requests';
import { SeededRandom, fuzzSeed } from './fuzz/seeded-random';
import { V2Requests } from './fuzz/v2-requests';
import { call, predictorPids, startPlatform, waitForOperation } from './platform-harness';
import type { Platform } from './platform-harness';

/**
 * Thousands of generated requests over REST and gRPC to every public method of a running platform
 * (the Open Inference Protocol's too)
 * (gateway, registry, deployer, batch, autoscaler, and the demo model served by a predictor): none may
 * answer 5xx (or INTERNAL, UNKNOWN, DATA_LOSS over gRPC), no process may crash, and the platform must
 * still serve a valid request afterwards. PRESAGE_FUZZ_SEED replays a run; PRESAGE_FUZZ_FAILURES=<file>
 * writes every failure there (the assertion shows the first 20).
 */
const PUBLIC_SERVICES = [
  'presage.v1.ModelService',
  'presage.v1.Operations',
  'presage.v1.JobService',
  'presage.v1.OnlinePredictionService',
  'presage.v1.AutoscalingService',
  'presage.v1.AccessService',
];
const GRPC_SERVICES = [...PUBLIC_SERVICES, 'google.longrunning.Operations', 'inference.GRPCInferenceService'];
const MAX_BODY_BYTES = 1572864;
const COUNTS = { rest: 1500, predict: 500, v2: 400, grpc: 1200 };
const CONCURRENCY = 8;
const DEMO = { model: 'projects/demo/models/iris', version: 'projects/demo/models/iris/versions/v1' };

const seed = fuzzSeed();
let db: TestDatabase;
let platform: Platform;
let batchRoot: string;
let input: string;
let predictors: number[];

beforeAll(async () => {
  process.stderr.write(`fuzz seed ${seed} (PRESAGE_FUZZ_SEED=${seed} replays this run)\n`);
  db = await createTestDatabase();
  batchRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'presage-fuzz-batch-'));
  platform = await startPlatform({
    demo: true,
    env: {
      DATABASE_URL: db.url,
      // Batch jobs may use only batchRoot; the demo model's files are allowed too.
      PRESAGE_ALLOWED_PATHS: `${batchRoot}:${path.resolve(__dirname, '../../../tools/iris/model')}`,
      // One replica of the demo throughout, so a replica that is gone has crashed, not been scaled away.
      PRESAGE_AUTOSCALER_TARGET_CONCURRENCY: '1000',
    },
  });
  const version = await call(platform, 'GET', `/v1/${DEMO.version}`);
  input = (version.body['signature'] as { inputs: { name: string }[] }).inputs[0]!.name;
  predictors = predictorPids(DEMO.version);
  for (const model of ['m0', 'm1', 'm2']) {
    await call(platform, 'POST', '/v1/projects/fuzz/models', { name: model, description: 'fuzz target' });
    const created = await call(platform, 'POST', `/v1/projects/fuzz/models/${model}/versions`, {
      name: 'v0',
      // Inside the allowed paths, and missing: the version exists, FAILED.
      deploymentUri: `file://${batchRoot}/nonexistent-v0`,
    });
    await waitForOperation(platform, created.body['name'] as string);
  }
}, 180_000);

afterAll(async () => {
  await platform?.stop();
  await db?.drop();
  if (batchRoot) fs.rmSync(batchRoot, { recursive: true, force: true });
}, 90_000);

interface Sent {
  label: string;
  describe: string;
  oversize: boolean;
  send: (client: FuzzClient) => Promise<Outcome>;
}

/** Every request of the run, generated up front from the seed (the order they are answered in varies). */
function generate(): Sent[] {
  const random = new SeededRandom(seed);
  const names = new FuzzNames(random, batchRoot);
  const messages = new MessageFuzzer(random, names);
  const predictions = new PredictBodies(random, { ...DEMO, input }, MAX_BODY_BYTES);
  const rest = new RestRequests(random, names, messages, restRoutes(PUBLIC_SERVICES), MAX_BODY_BYTES);
  const grpcRequests = new GrpcRequests(
    random,
    messages,
    predictions,
    grpcMethods(GRPC_SERVICES),
    MAX_BODY_BYTES,
  );
  const restSent = (request: RestCase): Sent => ({
    label: request.label,
    describe: `${request.method} ${request.target.slice(0, 300)} ${request.body?.toString('utf8', 0, 300) ?? ''}`,
    // Node answers 431 to a request line and headers over 16 KiB and closes at once: the client may see the reset.
    oversize: (request.body?.length ?? 0) > MAX_BODY_BYTES || request.target.length > 16 * 1024,
    send: (client) => client.sendRest(request),
  });
  const sent: Sent[] = [];
  for (let i = 0; i < COUNTS.rest; i++) sent.push(restSent(rest.next()));
  for (let i = 0; i < COUNTS.predict; i++) {
    const { name, body } = predictions.next();
    sent.push(
      restSent({
        method: 'POST',
        target: `/v1/${safeForEncoding(name).split('/').map(encodeURIComponent).join('/')}:predict`,
        headers: { 'content-type': 'application/json' },
        body,
        label: 'POST /v1/{name=projects/**}:predict',
      }),
    );
  }
  // The Open Inference Protocol's REST routes are not in the google.api.http table: generated apart.
  const v2 = new V2Requests(random, { model: 'demo.iris', input }, MAX_BODY_BYTES);
  for (let i = 0; i < COUNTS.v2; i++) sent.push(restSent(v2.next()));
  for (let i = 0; i < COUNTS.grpc; i++) {
    const request = grpcRequests.next();
    sent.push({
      label: request.label,
      describe: `${request.method} ${request.bytes.subarray(0, 200).toString('base64')}`,
      oversize: request.bytes.length > MAX_BODY_BYTES,
      send: (client) => client.sendGrpc(request),
    });
  }
  return sent;
}

describe('the public API under generated requests', () => {
  it('answers every request without a server error, and keeps serving', async () => {
    const url = new URL(platform.rest);
    const client = new FuzzClient({ host: url.hostname, port: Number(url.port) }, platform.gatewayGrpc);
    const failures: string[] = [];
    const statuses = new Map<string, number>();
    const cases = generate();
    const started = Date.now();
    try {
      await runPool(cases, CONCURRENCY, async (request, index) => {
        const outcome = await request.send(client);
        statuses.set(outcome.summary, (statuses.get(outcome.summary) ?? 0) + 1);
        if (isServerFailure(outcome, request.oversize)) {
          failures.push(
            `#${index} ${request.label} → ${outcome.summary} ${outcome.detail}\n    ${request.describe}`,
          );
        }
      });
    } finally {
      client.close();
    }
    const summary = [...statuses].map(([status, count]) => `${status}: ${count}`).join(', ');
    process.stderr.write(`fuzz: ${cases.length} requests in ${Date.now() - started} ms; ${summary}\n`);
    const report = process.env['PRESAGE_FUZZ_FAILURES'];
    if (report) fs.writeFileSync(report, failures.join('\n'));
    expect({ seed, failed: failures.length, failures: failures.slice(0, 20) }).toEqual({
      seed,
      failed: 0,
      failures: [],
    });
    expect(summary).toContain('200');

    expect(platform.output()).not.toContain('exited unexpectedly');
    for (const pid of predictors) expect(() => process.kill(pid, 0)).not.toThrow();

    const predicted = await call(platform, 'POST', `/v1/${DEMO.model}:predict`, {
      instances: [[5.1, 3.5, 1.4, 0.2]],
    });
    expect(predicted.status).toBe(200);
    expect(predicted.body['predictions']).toHaveLength(1);
    expect((await call(platform, 'GET', `/v1/${DEMO.model}`)).status).toBe(200);
  }, 150_000);
});
