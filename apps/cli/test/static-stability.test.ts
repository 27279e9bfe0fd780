import path from 'node:path';
import { createClient } from '@presage/grpc-kit';
import { buildFixture } from '@presage/model-fixtures';
import type { Fixture } from '@presage/model-fixtures';
import { createTestDatabase, startTcpProxy, waitFor } from '@presage/testing';
import type { TcpProxy, TestDatabase } from '@presage/testing';
import { DeployerService } from '@presage/proto';
import { call, predictorPids, startPlatform, waitForOperation } from './platform-harness';
import type { Platform } from './platform-harness';

/**
 * The data plane keeps serving while the control plane is down: a killed deployer (its replicas outlive
 * it and are adopted again) and an unreachable database (the gateway keeps what it resolved). The
 * platform reaches its database through a proxy the test cuts: the database may be a shared server.
 */
const MODEL = 'projects/stable/models/linear';
const VERSION = `${MODEL}/versions/v1`;

let db: TestDatabase;
let proxy: TcpProxy;
let platform: Platform;
let linear: Fixture;

beforeAll(async () => {
  db = await createTestDatabase();
  const url = new URL(db.url);
  proxy = await startTcpProxy(`${url.hostname}:${url.port || 5432}`);
  url.hostname = '127.0.0.1';
  url.port = String(proxy.port);
  platform = await startPlatform({ demo: false, env: { DATABASE_URL: url.toString() } });
  linear = await buildFixture('linear', path.join(platform.home, 'fixtures'));
  expect((await call(platform, 'POST', '/v1/projects/stable/models', { name: 'linear' })).status).toBe(200);
  const created = await call(platform, 'POST', `/v1/${MODEL}/versions`, {
    name: 'v1',
    deploymentUri: linear.dir,
  });
  expect((await waitForOperation(platform, created.body['name'] as string))['response']).toBeDefined();
}, 180_000);

afterAll(async () => {
  await platform?.stop();
  await proxy?.close();
  await db?.drop();
}, 90_000);

/** Predicts with `name` at `concurrency` until `stop` resolves; the HTTP status of every answer. */
async function load(name: string, concurrency: number, stop: Promise<unknown>): Promise<number[]> {
  const statuses: number[] = [];
  let done = false;
  void stop.then(() => (done = true));
  const body = JSON.stringify({ instances: linear.instances });
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (!done) {
        const response = await fetch(`${platform.rest}/v1/${name}:predict`, { method: 'POST', body });
        await response.arrayBuffer();
        statuses.push(response.status);
      }
    }),
  );
  return statuses;
}

function startedPids(name: string): number[] {
  const pattern = new RegExp(`"message":"started ${name}","pid":(\\d+)`, 'g');
  return [...platform.output().matchAll(pattern)].map((match) => Number(match[1]));
}

async function listedReplicas() {
  const deployer = createClient(DeployerService, platform.deployer);
  try {
    return (await deployer.client.ListReplicas({ version: VERSION }, { deadlineMs: 2_000 })).replicas;
  } finally {
    deployer.close();
  }
}

describe('static stability', () => {
  it('keeps answering predictions while the deployer is SIGKILLed and restarted, which adopts the replica', async () => {
    const [replica] = await listedReplicas();
    const pids = predictorPids(VERSION);
    expect(pids).toHaveLength(1);
    const [deployerPid] = startedPids('deployer');
    let killedAt = 0;
    const restarted = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      killedAt = Date.now();
      process.kill(deployerPid!, 'SIGKILL');
      await waitFor(() => startedPids('deployer')[1], {
        timeoutMs: 30_000,
        description: 'the supervisor to restart the deployer',
      });
      // The new deployer lists the replica it adopted.
      await waitFor(async () => (await listedReplicas().catch(() => []))[0]?.address === replica!.address, {
        timeoutMs: 30_000,
        description: 'the restarted deployer to list the adopted replica',
      });
      // And more load after it is back.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    })();
    const statuses = await load(MODEL, 4, restarted);
    const failed = statuses.filter((status) => status !== 200).length;
    expect(Date.now() - killedAt).toBeGreaterThan(1_000);
    expect(statuses.length).toBeGreaterThan(100);
    expect(failed / statuses.length).toBeLessThan(0.01);
    expect(predictorPids(VERSION)).toEqual(pids);
    expect(platform.output()).toMatch(/"message":"replica adopted"/);
  });

  it('keeps answering predictions of resolved versions while the database is unreachable', async () => {
    // Both names resolved before the outage.
    for (const name of [MODEL, VERSION]) {
      expect(
        (await call(platform, 'POST', `/v1/${name}:predict`, { instances: linear.instances })).status,
      ).toBe(200);
    }
    proxy.cut();
    try {
      // Longer than the resolutions' lifetime (1 s): they are checked again, and the checks fail.
      const statuses = await load(MODEL, 2, new Promise((resolve) => setTimeout(resolve, 3_000)));
      statuses.push(...(await load(VERSION, 2, new Promise((resolve) => setTimeout(resolve, 1_000)))));
      expect(statuses.length).toBeGreaterThan(20);
      expect(statuses.filter((status) => status !== 200)).toEqual([]);

      // What needs the database answers 503 with a retry delay, never 500.
      const listing = await call(platform, 'GET', '/v1/projects/stable/models');
      expect(listing.status).toBe(503);
      expect(listing.body['error']).toMatchObject({
        status: 'UNAVAILABLE',
        details: [expect.objectContaining({ '@type': 'type.googleapis.com/google.rpc.RetryInfo' })],
      });
      // The gateway still takes traffic: it says what is degraded, it does not fail its readiness.
      const ready = await call(platform, 'GET', '/readyz');
      expect(ready.status).toBe(200);
    } finally {
      proxy.restore();
    }
    await waitFor(async () => (await call(platform, 'GET', '/v1/projects/stable/models')).status === 200, {
      timeoutMs: 30_000,
      description: 'the registry to reach its database again',
    });
  });
});
