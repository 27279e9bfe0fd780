import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StatusCode } from '@presage/errors';
import type { ConnectedClient } from '@presage/grpc-kit';
import { buildFixture } from '@presage/model-fixtures';
import type { DeployerServiceHandlers } from '@presage/proto/src/generated/presage/internal/v1/DeployerService';
import type { ModelServiceHandlers } from '@presage/proto/src/generated/presage/v1/ModelService';
import { expectApiError, pidsWithEnv, waitFor } from '@presage/testing';
import { startDeployerPlatform } from './deployer-harness';
import type { DeployerPlatform } from './deployer-harness';

const model = 'projects/scaling/models/linear';
const auto = `${model}/versions/auto`;
const fixed = `${model}/versions/fixed`;

let home: string;
let platform: DeployerPlatform;
let models: ConnectedClient<ModelServiceHandlers>;
let deployerClient: ConnectedClient<DeployerServiceHandlers>;

async function createVersion(version: Record<string, unknown>): Promise<void> {
  const op = await models.client.CreateVersion({ parent: model, version });
  const done = await platform.waitForOperation(op.name);
  expect(done.result).toBe('response');
}

async function readyCount(version: string): Promise<number> {
  return (await platform.readyReplicas(version)).length;
}

/** Waits until `version` runs exactly `count` ready replicas (processes included); shows the deployer's log if not. */
async function waitForReady(version: string, count: number): Promise<void> {
  const exactly = async () =>
    (await readyCount(version)) === count &&
    pidsWithEnv('PRESAGE_PREDICTOR_VERSION', version).length === count;
  await waitFor(exactly, {
    timeoutMs: 60_000,
    description: `${version} to run exactly ${count} ready replica(s)`,
  }).catch(async (error: unknown) => {
    const pids = pidsWithEnv('PRESAGE_PREDICTOR_VERSION', version);
    console.log(
      `ready ${await readyCount(version)}, pids ${pids.join(' ')}\n${platform.deployer().output().slice(-4000)}`,
    );
    throw error;
  });
}

async function target(version: string) {
  const { targets } = await deployerClient.client.ListScaleTargets({});
  return targets.find((t) => t.version === version);
}

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'presage-scale-'));
  const linear = await buildFixture('linear', path.join(home, 'fixtures'));
  platform = await startDeployerPlatform({ home });
  ({ models, replicas: deployerClient } = platform);
  await models.client.CreateModel({ parent: 'projects/scaling', model: { name: 'linear' } });
  await createVersion({
    name: 'auto',
    deploymentUri: linear.dir,
    autoScaling: { minNodes: 0, maxNodes: 2, targetConcurrency: 3 },
  });
  await createVersion({ name: 'fixed', deploymentUri: linear.dir, manualScaling: { nodes: 1 } });
}, 180_000);

afterAll(async () => {
  await platform?.stop(60_000);
  fs.rmSync(home, { recursive: true, force: true });
});

describe('scaling through the deployer', () => {
  it('lists served versions with their bounds, target, and desired and ready counts', async () => {
    // minNodes 0, but one replica until the autoscaler decides.
    const listed = await waitFor(async () => ((await target(auto))?.ready === 1 ? target(auto) : undefined), {
      timeoutMs: 30_000,
      description: 'the autoscaled version to be listed with one ready replica',
    });
    expect(listed).toEqual({
      version: auto,
      minNodes: 0,
      maxNodes: 2,
      manual: false,
      desired: 1,
      ready: 1,
      targetConcurrency: 3,
    });
    expect(await target(fixed)).toMatchObject({ manual: true, desired: 1, minNodes: 1, maxNodes: 1 });
  });

  it("runs the autoscaler's count clamped to maxNodes, and records SCALED with the reason", async () => {
    const { replicas } = await deployerClient.client.ScaleVersion({
      version: auto,
      replicas: 5,
      reason: 'panic: 14.0 concurrent over 6 s',
    });
    expect(replicas).toBe(2);
    expect((await target(auto))?.desired).toBe(2);
    await waitForReady(auto, 2);
    const events = await waitFor(
      async () => {
        const list = (await models.client.ListDeploymentEvents({ parent: auto })).deploymentEvents;
        return list.find((e) => e.type === 'SCALED');
      },
      { timeoutMs: 30_000, description: 'a SCALED event' },
    );
    expect(events).toMatchObject({ replicas: 2, actor: 'deployer' });
    expect(events.message).toMatch(
      /1 → 2 replicas: autoscaler asked for 5 \(panic: 14\.0 concurrent over 6 s\)/,
    );
  });

  it('scales to zero, stopping every replica process, and back to one', async () => {
    expect(
      (await deployerClient.client.ScaleVersion({ version: auto, replicas: 0, reason: 'idle' })).replicas,
    ).toBe(0);
    await waitForReady(auto, 0);
    expect(await target(auto)).toMatchObject({ desired: 0, ready: 0 });
    expect(
      (await deployerClient.client.ScaleVersion({ version: auto, replicas: 1, reason: 'demand' })).replicas,
    ).toBe(1);
    await waitForReady(auto, 1);
  });

  it('starts again a replica whose process dies before it is ready', async () => {
    const before = new Set(pidsWithEnv('PRESAGE_PREDICTOR_VERSION', auto));
    await deployerClient.client.ScaleVersion({ version: auto, replicas: 2, reason: 'load' });
    const starting = await waitFor(
      () => pidsWithEnv('PRESAGE_PREDICTOR_VERSION', auto).find((pid) => !before.has(pid)),
      { timeoutMs: 30_000, intervalMs: 10, description: 'the new replica process' },
    );
    process.kill(starting, 'SIGKILL');
    await waitForReady(auto, 2);
    const { replicas } = await deployerClient.client.ListReplicas({ version: auto });
    expect(new Set(replicas.map((r) => r.name)).size).toBe(2);
  });

  it('re-clamps the count when maxNodes or minNodes change', async () => {
    await deployerClient.client.ScaleVersion({ version: auto, replicas: 2, reason: 'load' });
    await waitForReady(auto, 2);
    const update = await models.client.UpdateVersion({
      name: auto,
      version: { autoScaling: { maxNodes: 1 } },
      updateMask: { paths: ['auto_scaling.max_nodes'] },
    });
    // UPDATING until the deployer runs the new count.
    await platform.waitForOperation(update.name, 30_000);
    await waitForReady(auto, 1);
    expect(await target(auto)).toMatchObject({ maxNodes: 1, desired: 1 });
  });

  it("keeps the autoscaler's count across a deployer crash, adopting the replicas instead of restarting them", async () => {
    const update = await models.client.UpdateVersion({
      name: auto,
      version: { autoScaling: { maxNodes: 3 } },
      updateMask: { paths: ['auto_scaling.max_nodes'] },
    });
    await platform.waitForOperation(update.name, 30_000);
    await deployerClient.client.ScaleVersion({ version: auto, replicas: 3, reason: 'load' });
    await waitForReady(auto, 3);
    const pids = pidsWithEnv('PRESAGE_PREDICTOR_VERSION', auto).sort();
    platform.deployer().child.kill('SIGKILL');
    await platform.deployer().stop();
    await platform.startDeployer();
    // Reconciled again (the manual version is listed by the first pass) without the autoscaler having spoken.
    await waitFor(async () => (await target(fixed)) !== undefined, {
      timeoutMs: 30_000,
      description: 'the first pass of the restarted deployer',
    });
    expect(await target(auto)).toMatchObject({ desired: 3, ready: 3 });
    expect(pidsWithEnv('PRESAGE_PREDICTOR_VERSION', auto).sort()).toEqual(pids);
  });

  it('refuses manual versions, unknown versions and bad requests', async () => {
    const manual = await expectApiError(
      deployerClient.client.ScaleVersion({ version: fixed, replicas: 3 }),
      StatusCode.FAILED_PRECONDITION,
    );
    expect(manual.message).toMatch(/manualScaling/);
    await expectApiError(
      deployerClient.client.ScaleVersion({ version: `${model}/versions/nope`, replicas: 1 }),
      StatusCode.NOT_FOUND,
    );
    await expectApiError(
      deployerClient.client.ScaleVersion({ version: auto, replicas: -1 }),
      StatusCode.INVALID_ARGUMENT,
      { field: 'replicas' },
    );
    await expectApiError(
      deployerClient.client.ScaleVersion({ version: 'models/x', replicas: 1 }),
      StatusCode.INVALID_ARGUMENT,
      { field: 'version' },
    );
    // The manual version kept its replica throughout.
    expect(await readyCount(fixed)).toBe(1);
  });
});
