import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pidsWithEnv, sampleValue, scrape, waitFor } from '@presage/testing';
import { call, startGatewayHarness, waitUntilReady } from './gateway-harness';
import type { GatewayHarness } from './gateway-harness';

/**
 * A replica SIGKILLed while predictions wait on its stream: each of them fails there before it is
 * answered, so the gateway sends it to the other replica, and every caller gets its answer; none hangs.
 * The real deployer runs two replicas of a routine that takes a while per request.
 */
const MODEL = 'projects/loss/models/slow';
const VERSION = `${MODEL}/versions/v1`;
const DELAY_MS = 1_500;
let home: string;
let h: GatewayHarness;

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'presage-replica-loss-'));
  const artifacts = path.join(home, 'artifacts-in');
  const routine = path.join(home, 'routine');
  fs.mkdirSync(artifacts);
  fs.mkdirSync(routine);
  fs.writeFileSync(path.join(artifacts, 'settings.json'), '{}');
  fs.writeFileSync(
    path.join(routine, 'slow.js'),
    `exports.Slow = class Slow {
      static async load() { return new Slow(); }
      async predict(instances) {
        await new Promise((resolve) => setTimeout(resolve, ${DELAY_MS}));
        return instances.map((x) => x * 2);
      }
    };`,
  );
  h = await startGatewayHarness({ realDeployer: { PRESAGE_HOME: home } });
  expect((await call(h.baseUrl, 'POST', '/v1/projects/loss/models', { name: 'slow' })).status).toBe(200);
  await call(h.baseUrl, 'POST', `/v1/${MODEL}/versions`, {
    name: 'v1',
    deploymentUri: artifacts,
    predictionClass: 'slow.js#Slow',
    packageUris: [routine],
    manualScaling: { nodes: 2 },
  });
  await waitUntilReady(h.baseUrl, VERSION);
}, 150_000);

afterAll(async () => {
  await h?.stop();
  fs.rmSync(home, { recursive: true, force: true });
});

const inFlight = async () =>
  sampleValue(await scrape(`${h.baseUrl}/metrics`), 'presage_gateway_requests_in_flight', {
    presage_version: VERSION,
  }) ?? 0;

describe('a replica lost while predictions wait on its stream', () => {
  it('sends them to the other replica: every caller is answered, none hangs', async () => {
    const [first] = pidsWithEnv('PRESAGE_PREDICTOR_REPLICA', `${VERSION}/replicas/0`);
    expect(first).toBeDefined();
    const started = Date.now();
    const answers = Array.from({ length: 8 }, (_, i) =>
      call(h.baseUrl, 'POST', `/v1/${VERSION}:predict`, { instances: [i] }),
    );
    // Spread over both replicas (the fewest in flight first), and waiting for their answers.
    await waitFor(async () => (await inFlight()) === 8, { timeoutMs: 10_000, description: '8 in flight' });
    process.kill(first!, 'SIGKILL');
    const settled = await Promise.all(answers);
    expect(settled.map((answer) => answer.status)).toEqual(Array(8).fill(200));
    expect(settled.map((answer) => answer.json.predictions as unknown)).toEqual(
      [0, 1, 2, 3, 4, 5, 6, 7].map((i) => [i * 2]),
    );
    // The lost ones ran again on the other replica, after the ones it had: about three delays, not a timeout.
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);
});
