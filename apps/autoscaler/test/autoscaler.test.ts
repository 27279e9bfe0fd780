import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StatusCode } from '@presage/errors';
import { createClient } from '@presage/grpc-kit';
import type { ConnectedClient } from '@presage/grpc-kit';
import { buildFixture } from '@presage/model-fixtures';
import {
  createTestDatabase,
  expectApiError,
  freePort,
  serviceMain,
  startServiceProcess,
  waitFor,
} from '@presage/testing';
import type { ServiceProcess, TestDatabase } from '@presage/testing';
import type {
  AutoscalerServiceHandlers,
  AutoscalingServiceHandlers,
  DeployerServiceHandlers,
  ModelServiceHandlers,
  OperationsHandlers,
} from '@presage/proto';
import {
  AutoscalerService,
  AutoscalingService,
  DeployerService,
  ModelService,
  Operations,
} from '@presage/proto';
import { startSyntheticGateway } from './synthetic-gateway';
import type { SyntheticGateway } from './synthetic-gateway';

/**
 * The autoscaler as its own process between a real registry and deployer (local replicas of a fixture
 * model), with windows of a few seconds. Load reaches it as a gateway sends it: OTLP from the OTel SDK.
 */
const model = 'projects/autoscale/models/linear';
const elastic = `${model}/versions/elastic`;
const zero = `${model}/versions/zero`;
const fixed = `${model}/versions/fixed`;

let home: string;
let db: TestDatabase;
const processes: ServiceProcess[] = [];
let models: ConnectedClient<ModelServiceHandlers>;
let operations: ConnectedClient<OperationsHandlers>;
let deployer: ConnectedClient<DeployerServiceHandlers>;
let autoscaler: ConnectedClient<AutoscalerServiceHandlers>;
let decisions: ConnectedClient<AutoscalingServiceHandlers>;
let gateway: SyntheticGateway;
let restGateway: ChildProcess | undefined;
let restBase: string;

async function start(name: string, env: Record<string, string>): Promise<ServiceProcess> {
  const started = await startServiceProcess({
    entry: serviceMain(name),
    env,
    listeningMessage: `${name} listening`,
  });
  processes.push(started);
  return started;
}

async function createVersion(version: Record<string, unknown>): Promise<void> {
  const op = await models.client.CreateVersion({ parent: model, version });
  await waitFor(async () => (await operations.client.GetOperation({ name: op.name })).done, {
    timeoutMs: 60_000,
    description: `${String(version['name'])} to be deployed`,
  });
}

async function readyCount(version: string): Promise<number> {
  const { replicas } = await deployer.client.ListReplicas({ version });
  return replicas.filter((r) => r.state === 'READY').length;
}

function waitForReplicas(version: string, count: number, timeoutMs = 60_000) {
  return waitFor(
    async () =>
      (await deployer.client.ListReplicas({ version })).replicas.length === count &&
      (await readyCount(version)) === count,
    {
      timeoutMs,
      description: `${version} to run exactly ${count} ready replica(s)`,
    },
  );
}

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'presage-autoscaler-'));
  const linear = await buildFixture('linear', path.join(home, 'fixtures'));
  db = await createTestDatabase();
  const deployerAddress = `127.0.0.1:${await freePort()}`;
  const registry = await start('registry', {
    PRESAGE_REGISTRY_ADDRESS: '127.0.0.1:0',
    DATABASE_URL: db.url,
    PRESAGE_DEPLOYER_ADDRESS: deployerAddress,
  });
  await start('deployer', {
    PRESAGE_DEPLOYER_ADDRESS: deployerAddress,
    PRESAGE_REGISTRY_ADDRESS: registry.address,
    PRESAGE_HOME: home,
    PRESAGE_RECONCILE_INTERVAL_MS: '1000',
    // Stopping the test's deployer stops its replicas (by default they outlive it).
    PRESAGE_REPLICAS_OUTLIVE_DEPLOYER: '0',
  });
  const scaler = await start('autoscaler', {
    PRESAGE_AUTOSCALER_ADDRESS: '127.0.0.1:0',
    PRESAGE_DEPLOYER_ADDRESS: deployerAddress,
    DATABASE_URL: db.url,
    PRESAGE_AUTOSCALER_TICK_MS: '200',
    PRESAGE_AUTOSCALER_STABLE_WINDOW_MS: '3000',
    PRESAGE_AUTOSCALER_PANIC_WINDOW_MS: '600',
    PRESAGE_AUTOSCALER_METRIC_STALE_MS: '1000',
  });
  models = createClient(ModelService, registry.address);
  operations = createClient(Operations, registry.address);
  deployer = createClient(DeployerService, deployerAddress);
  autoscaler = createClient(AutoscalerService, scaler.address);
  decisions = createClient(AutoscalingService, scaler.address);
  // The real gateway, for the REST face of AutoscalingService.
  const httpPort = await freePort();
  restBase = `http://127.0.0.1:${httpPort}`;
  restGateway = spawn(process.execPath, [serviceMain('gateway')], {
    env: {
      ...process.env,
      PRESAGE_HTTP_PORT: String(httpPort),
      PRESAGE_GRPC_PORT: String(await freePort()),
      PRESAGE_REGISTRY_ADDRESS: registry.address,
      PRESAGE_DEPLOYER_ADDRESS: deployerAddress,
      PRESAGE_AUTOSCALER_ADDRESS: scaler.address,
    },
    stdio: 'ignore',
  });
  gateway = startSyntheticGateway({
    endpoint: scaler.address,
    instanceId: 'gateway-1',
    exportIntervalMs: 200,
  });
  await models.client.CreateModel({ parent: 'projects/autoscale', model: { name: 'linear' } });
  await createVersion({
    name: 'elastic',
    deploymentUri: linear.dir,
    autoScaling: { minNodes: 1, maxNodes: 3, targetConcurrency: 2 },
  });
  await createVersion({ name: 'zero', deploymentUri: linear.dir, autoScaling: { minNodes: 0 } });
  await createVersion({ name: 'fixed', deploymentUri: linear.dir, manualScaling: { nodes: 1 } });
}, 240_000);

afterAll(async () => {
  await gateway?.stop();
  if (restGateway && restGateway.exitCode === null) {
    const exited = new Promise((resolve) => restGateway!.once('exit', resolve));
    restGateway.kill('SIGTERM');
    await exited;
  }
  for (const client of [models, operations, deployer, autoscaler, decisions]) client?.close();
  for (const started of processes.reverse()) await started.stop(60_000);
  await db?.drop();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('the autoscaler', () => {
  it('adds replicas under load reported over OTLP, up to maxNodes, and returns to minNodes when it stops', async () => {
    await waitForReplicas(elastic, 1);
    gateway.setConcurrency(elastic, 9); // 4.5 replicas' worth at 2 per replica, above maxNodes (3)
    gateway.setConcurrency(fixed, 40); // in the same exports: a manually scaled version under heavy load
    await waitForReplicas(elastic, 3);
    // The autoscaler saw both loads and acted on one only.
    expect(await readyCount(fixed)).toBe(1);
    expect(
      (await deployer.client.ListScaleTargets({})).targets.find((t) => t.version === fixed),
    ).toMatchObject({
      manual: true,
      desired: 1,
    });
    gateway.setConcurrency(elastic, 0);
    await waitForReplicas(elastic, 1);
  });

  it('scales a minNodes-0 version to zero when idle, and brings one replica up at once on demand', async () => {
    await waitForReplicas(zero, 0);
    const { desired } = await autoscaler.client.ReportDemand({ version: zero, queued: 1 });
    expect(desired).toBe(1);
    // Answered without waiting for the replica it asked for to load (however fast this machine is).
    expect(await readyCount(zero)).toBe(0);
    // The deployer runs towards one replica from now, not from the next tick.
    expect(
      (await deployer.client.ListScaleTargets({})).targets.find((t) => t.version === zero)?.desired,
    ).toBe(1);
    gateway.setConcurrency(zero, 1); // the held request, as the gateway reports it
    await waitForReplicas(zero, 1);
    gateway.setConcurrency(zero, 0);
    await waitForReplicas(zero, 0);
  });

  it('leaves a manually scaled version alone, on demand reports too, and records no decision for it', async () => {
    expect((await autoscaler.client.ReportDemand({ version: fixed, queued: 10 })).desired).toBe(1);
    gateway.setConcurrency(fixed, 0);
    expect(await readyCount(fixed)).toBe(1);
    expect((await decisions.client.ListScalingDecisions({ parent: fixed })).scalingDecisions).toEqual([]);
  });

  it('lists the decisions of a version with their inputs, newest first, page by page', async () => {
    const all = (await decisions.client.ListScalingDecisions({ parent: elastic, pageSize: 100 }))
      .scalingDecisions;
    expect(all.length).toBeGreaterThanOrEqual(2);
    const times = all.map((d) => Number(d.time!.seconds) * 1000 + d.time!.nanos / 1e6);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    // Under a load worth 5 replicas it never asked for more than maxNodes.
    expect(Math.max(...all.map((d) => d.desiredReplicas))).toBe(3);
    const up = all.find((d) => d.desiredReplicas === 3);
    expect(up).toMatchObject({
      previousReplicas: expect.any(Number),
      targetConcurrency: 2,
      minNodes: 1,
      maxNodes: 3,
      mode: expect.stringMatching(/^(panic|stable)$/),
      name: expect.stringMatching(new RegExp(`^${elastic}/scalingDecisions/\\d+$`)),
    });
    expect(up!.panicConcurrency).toBeGreaterThan(2); // more than one replica's worth over the panic window
    expect(all[0]).toMatchObject({ desiredReplicas: 1 }); // back at minNodes
    const zeroDecisions = (await decisions.client.ListScalingDecisions({ parent: zero })).scalingDecisions;
    expect(zeroDecisions.map((d) => d.mode)).toContain('cold-start');
    expect(zeroDecisions[0]!.reason).toMatch(/idle for 3 s: scale to zero/);

    const first = await decisions.client.ListScalingDecisions({ parent: elastic, pageSize: 1 });
    expect(first.scalingDecisions.map((d) => d.name)).toEqual([all[0]!.name]);
    const second = await decisions.client.ListScalingDecisions({
      parent: elastic,
      pageSize: 1,
      pageToken: first.nextPageToken,
    });
    expect(second.scalingDecisions.map((d) => d.name)).toEqual([all[1]!.name]);
  });

  it('serves the decisions over REST through the gateway, with AIP errors', async () => {
    const list = await waitFor(
      async () => {
        const response = await fetch(`${restBase}/v1/${elastic}/scalingDecisions?pageSize=1`);
        return response.status === 200 ? ((await response.json()) as Record<string, unknown>) : undefined;
      },
      { timeoutMs: 30_000, description: 'the gateway to serve scalingDecisions' },
    );
    const [newest] = list['scalingDecisions'] as Record<string, unknown>[];
    expect(newest).toMatchObject({
      name: expect.stringMatching(/\/scalingDecisions\/\d+$/),
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      desiredReplicas: 1,
      targetConcurrency: 2,
      minNodes: 1,
      maxNodes: 3,
    });
    expect(list['nextPageToken']).toEqual(expect.any(String));
    const bad = await fetch(`${restBase}/v1/${elastic}/scalingDecisions?pageSize=-5`);
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as {
      error: { status: string; details: { fieldViolations?: { field: string }[] }[] };
    };
    expect(body.error.status).toBe('INVALID_ARGUMENT');
    expect(body.error.details.flatMap((d) => d.fieldViolations ?? []).map((v) => v.field)).toContain(
      'page_size',
    );
  });

  it('refuses bad requests with field violations and unknown versions with NOT_FOUND', async () => {
    await expectApiError(
      decisions.client.ListScalingDecisions({ parent: 'projects/p/models/m' }),
      StatusCode.INVALID_ARGUMENT,
      { field: 'parent' },
    );
    await expectApiError(
      decisions.client.ListScalingDecisions({ parent: elastic, pageSize: -1 }),
      StatusCode.INVALID_ARGUMENT,
      { field: 'page_size' },
    );
    await expectApiError(
      decisions.client.ListScalingDecisions({ parent: elastic, pageToken: 'nonsense' }),
      StatusCode.INVALID_ARGUMENT,
      { field: 'page_token' },
    );
    const other = await decisions.client.ListScalingDecisions({ parent: elastic, pageSize: 1 });
    await expectApiError(
      decisions.client.ListScalingDecisions({ parent: zero, pageToken: other.nextPageToken }),
      StatusCode.INVALID_ARGUMENT,
      { field: 'page_token' },
    );
    await expectApiError(
      autoscaler.client.ReportDemand({ version: 'nope', queued: 1 }),
      StatusCode.INVALID_ARGUMENT,
      { field: 'version' },
    );
    await expectApiError(
      autoscaler.client.ReportDemand({ version: zero, queued: -1 }),
      StatusCode.INVALID_ARGUMENT,
      { field: 'queued' },
    );
    await expectApiError(
      autoscaler.client.ReportDemand({ version: `${model}/versions/missing`, queued: 1 }),
      StatusCode.NOT_FOUND,
    );
  });
});
