import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StatusCode } from '@presage/errors';
import type { ConnectedClient } from '@presage/grpc-kit';
import { buildFixture } from '@presage/model-fixtures';
import { expectApiError, pidsWithEnv, waitFor } from '@presage/testing';
import type { ModelServiceHandlers, Operation__Output } from '@presage/proto';
import { startDeployerPlatform } from './deployer-harness';
import type { DeployerPlatform } from './deployer-harness';

/**
 * A deployer killed (SIGKILL) in the middle of a version's create, update or delete leaves the operation
 * pending; the next deployer settles it, and exactly once: one DEPLOYED event, one completion whose end
 * time and result no later report changes. The version's replicas run a routine whose load() waits for a
 * gate file and whose close() (when a replica is stopped) marks that it began and waits for a release
 * file, so the deployer is killed while it surely waits for them.
 */
const MODEL = 'projects/restart/models/m';
const VERSION = `${MODEL}/versions/v1`;

let home: string;
let gate: string;
let closing: string;
let release: string;
let platform: DeployerPlatform;
let models: ConnectedClient<ModelServiceHandlers>;

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'presage-restart-'));
  gate = path.join(home, 'gate');
  closing = path.join(home, 'closing');
  release = path.join(home, 'release');
  platform = await startDeployerPlatform({ home });
  ({ models } = platform);
  await models.client.CreateModel({ parent: 'projects/restart', model: { name: 'm' } });
}, 120_000);

afterAll(async () => {
  fs.writeFileSync(release, '');
  await platform?.stop();
  // A replica left behind by a failed test would wait in close() for the release file removed below,
  // and outlive the run; later runs on this machine count it too (pidsWithEnv).
  for (const pid of pidsWithEnv('PRESAGE_PREDICTOR_VERSION', VERSION)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone already
    }
  }
  fs.rmSync(home, { recursive: true, force: true });
});

/** A custom routine whose load() waits for the gate file, and close() for the release file. */
function gatedRoutine(): string {
  const dir = path.join(home, 'gated-routine');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'routine.js'),
    `const fs = require('node:fs');
    exports.Gated = class Gated {
      static async load() {
        while (!fs.existsSync(${JSON.stringify(gate)})) await new Promise((resolve) => setTimeout(resolve, 20));
        return new Gated();
      }
      predict(instances) { return instances; }
      async close() {
        fs.writeFileSync(${JSON.stringify(closing)}, '');
        while (!fs.existsSync(${JSON.stringify(release)})) await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };`,
  );
  return dir;
}

const openGate = () => fs.writeFileSync(gate, '');
const closeGate = () => fs.rmSync(gate, { force: true });

async function waitForPredictors(count: number, description: string): Promise<void> {
  await waitFor(() => pidsWithEnv('PRESAGE_PREDICTOR_VERSION', VERSION).length >= count, {
    timeoutMs: 60_000,
    description,
  });
}

async function killDeployer(): Promise<void> {
  platform.deployer().child.kill('SIGKILL');
  await platform.deployer().stop();
}

async function restartDeployer(): Promise<void> {
  await killDeployer();
  await platform.startDeployer();
}

async function eventTypes(): Promise<string[]> {
  return (await models.client.ListDeploymentEvents({ parent: VERSION })).deploymentEvents.map((e) => e.type);
}

/** Reports the operation's outcome again, as a deployer retrying after a crash would: nothing changes. */
async function expectRepeatChangesNothing(done: Operation__Output, outcome: 'DEPLOYED' | 'UNDEPLOYED') {
  await platform.deployment.client.ReportVersion({ name: VERSION, operation: done.name, outcome });
  expect(await platform.operations.client.GetOperation({ name: done.name })).toEqual(done);
}

describe('a deployer restarted in the middle of an operation settles it exactly once', () => {
  it('a create', async () => {
    const linear = await buildFixture('linear', path.join(home, 'fixtures'));
    const op = await models.client.CreateVersion({
      parent: MODEL,
      version: {
        name: 'v1',
        deploymentUri: linear.dir,
        predictionClass: 'routine.js#Gated',
        packageUris: [gatedRoutine()],
        manualScaling: { nodes: 1 },
      },
    });
    await waitForPredictors(1, 'the replica of the version being created to start loading');
    await restartDeployer();
    expect((await models.client.GetVersion({ name: VERSION })).state).toBe('CREATING');
    openGate();
    const done = await platform.waitForOperation(op.name);
    expect(done).toMatchObject({ done: true, result: 'response' });
    expect((await models.client.GetVersion({ name: VERSION })).state).toBe('READY');
    expect(await eventTypes()).toEqual(['CREATED', 'BECAME_DEFAULT', 'DEPLOYED']);
    await expectRepeatChangesNothing(done, 'DEPLOYED');
  }, 180_000);

  it('an update of its replicas', async () => {
    closeGate();
    const op = await models.client.UpdateVersion({
      name: VERSION,
      version: { manualScaling: { nodes: 2 } },
      updateMask: { paths: ['manual_scaling.nodes'] },
    });
    expect(op.done).toBe(false);
    expect((await models.client.GetVersion({ name: VERSION })).state).toBe('UPDATING');
    await waitForPredictors(2, 'the second replica to start loading');
    await restartDeployer();
    expect((await models.client.GetVersion({ name: VERSION })).state).toBe('UPDATING');
    openGate();
    const done = await platform.waitForOperation(op.name);
    expect(done).toMatchObject({ done: true, result: 'response' });
    expect(await models.client.GetVersion({ name: VERSION })).toMatchObject({
      state: 'READY',
      manualScaling: { nodes: 2 },
    });
    expect(await platform.readyReplicas(VERSION)).toHaveLength(2);
    const events = await eventTypes();
    expect(events.filter((type) => type === 'DEPLOYED')).toHaveLength(1);
    expect(events.filter((type) => type === 'UPDATED')).toHaveLength(1);
    expect(events).not.toContain('FAILED');
    await expectRepeatChangesNothing(done, 'DEPLOYED');
  }, 180_000);

  it('a delete', async () => {
    const op = await models.client.DeleteVersion({ name: VERSION });
    // The deployer stops the replicas: each waits in close() until released (its grace is 10 s).
    await waitFor(() => fs.existsSync(closing), {
      timeoutMs: 30_000,
      description: 'a replica of the version being deleted to be stopping',
    });
    await killDeployer();
    expect((await models.client.GetVersion({ name: VERSION })).state).toBe('DELETING');
    fs.writeFileSync(release, '');
    await platform.startDeployer();
    const done = await platform.waitForOperation(op.name);
    expect(done).toMatchObject({ done: true, result: 'response' });
    await expectApiError(models.client.GetVersion({ name: VERSION }), StatusCode.NOT_FOUND);
    // Released, a replica still has its 10 s grace and the restarted deployer's sweep to go through; on
    // a loaded CI machine that took longer than 30 s once.
    await waitFor(() => pidsWithEnv('PRESAGE_PREDICTOR_VERSION', VERSION).length === 0, {
      timeoutMs: 60_000,
      description: 'the replicas of the deleted version to exit',
    });
    await expectRepeatChangesNothing(done, 'UNDEPLOYED');
  }, 180_000);
});
