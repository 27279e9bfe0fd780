import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { freePort, reportAsDeployer, serviceMain, waitFor } from '@presage/testing';
import { startRegistry } from './registry-harness';
import type { RegistryHarness } from './registry-harness';

/**
 * A model's aliases, traffic split and shadow over REST: the real gateway process (its proto3 JSON
 * mapping of map<string,int32>, camelCase update masks, errors) in front of this registry.
 */
let registry: RegistryHarness;
let gateway: ChildProcess | undefined;
let base: string;
const model = '/v1/projects/web/models/ranker';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests walk response JSON freely
async function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-presage-actor': 'rest@acme.test' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

beforeAll(async () => {
  registry = await startRegistry();
  const httpPort = await freePort();
  base = `http://127.0.0.1:${httpPort}`;
  gateway = spawn(process.execPath, [serviceMain('gateway')], {
    env: {
      ...process.env,
      PRESAGE_HTTP_PORT: String(httpPort),
      PRESAGE_GRPC_PORT: String(await freePort()),
      PRESAGE_REGISTRY_ADDRESS: registry.address,
      // Nothing listens there: model reads and updates never reach the deployer.
      PRESAGE_DEPLOYER_ADDRESS: `127.0.0.1:${await freePort()}`,
    },
    stdio: 'ignore',
  });
  await waitFor(
    () =>
      fetch(`${base}/v2/health/live`).then(
        (r) => r.ok,
        () => false,
      ),
    {
      timeoutMs: 30_000,
      description: 'the gateway to answer',
    },
  );
  await registry.models.CreateModel({ parent: 'projects/web', model: { name: 'ranker' } });
  for (const id of ['v1', 'v2']) {
    await registry.models.CreateVersion({
      parent: 'projects/web/models/ranker',
      version: { name: id, deploymentUri: '/m/1' },
    });
    await reportAsDeployer(registry.deployment, `projects/web/models/ranker/versions/${id}`);
  }
});
afterAll(async () => {
  if (gateway && gateway.exitCode === null) {
    const exited = new Promise((resolve) => gateway!.once('exit', resolve));
    gateway.kill('SIGTERM');
    await exited;
  }
  await registry?.stop();
});

describe('model rollout settings over REST', () => {
  it('round-trips trafficSplit, aliases and shadow as proto3 JSON with camelCase mask paths', async () => {
    const { json: before } = await call('GET', model);
    const patched = await call('PATCH', `${model}?updateMask=trafficSplit,aliases,shadow`, {
      trafficSplit: { v1: 90, v2: 10 },
      aliases: { champion: 'v1', challenger: 'v2' },
      shadow: { version: 'v2', percent: 25 },
      etag: before.etag,
    });
    expect(patched.status).toBe(200);
    expect(patched.json.response).toMatchObject({
      '@type': 'type.googleapis.com/presage.v1.Model',
      trafficSplit: { v1: 90, v2: 10 },
    });
    const got = await call('GET', model);
    expect(got.status).toBe(200);
    expect(got.json).toMatchObject({
      trafficSplit: { v1: 90, v2: 10 },
      aliases: { champion: 'v1', challenger: 'v2' },
      shadow: { version: 'v2', percent: 25 },
    });
    const listed = await call('GET', '/v1/projects/web/models');
    expect(listed.json.models[0].trafficSplit).toEqual({ v1: 90, v2: 10 });

    const events = await call('GET', `${model}/versions/v2/deploymentEvents`);
    expect(events.json.deploymentEvents).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'TRAFFIC_CHANGED',
          actor: 'rest@acme.test',
          message: "10% of the model's traffic (was 0%)",
        }),
        expect.objectContaining({ type: 'ALIAS_SET', actor: 'rest@acme.test' }),
        expect.objectContaining({ type: 'SHADOW_CHANGED', actor: 'rest@acme.test' }),
      ]),
    );
  });

  it('answers 400 naming the field, 409 on a stale etag, and 400 for a version in use at delete', async () => {
    const bad = await call('PATCH', `${model}?updateMask=trafficSplit`, { trafficSplit: { v1: 90, v2: 20 } });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatchObject({ status: 'INVALID_ARGUMENT' });
    expect(bad.json.error.details).toContainEqual(
      expect.objectContaining({
        '@type': 'type.googleapis.com/google.rpc.BadRequest',
        fieldViolations: [expect.objectContaining({ field: 'model.traffic_split' })],
      }),
    );
    const stale = (await call('GET', model)).json.etag as string;
    await call('PATCH', `${model}?updateMask=aliases`, { aliases: { champion: 'v2' }, etag: stale });
    const conflict = await call('PATCH', `${model}?updateMask=aliases`, { aliases: {}, etag: stale });
    expect(conflict.status).toBe(409);
    expect(conflict.json.error).toMatchObject({ status: 'ABORTED' });

    const refused = await call('DELETE', `${model}/versions/v2`);
    expect(refused.status).toBe(400);
    expect(refused.json.error).toMatchObject({
      status: 'FAILED_PRECONDITION',
      message: expect.stringMatching(/alias champion, the traffic split \(10%\), the shadow traffic \(25%\)/),
    });
    expect((await call('GET', model)).json.aliases).toEqual({ champion: 'v2' });
  });
});
