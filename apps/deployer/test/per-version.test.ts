import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ConnectedClient } from '@presage/grpc-kit';
import { buildFixture } from '@presage/model-fixtures';
import type { Fixture } from '@presage/model-fixtures';
import type { ModelServiceHandlers } from '@presage/proto';
import { pidsWithEnv, waitFor } from '@presage/testing';
import { startDeployerPlatform } from './deployer-harness';
import type { DeployerPlatform } from './deployer-harness';

const MODEL = 'projects/queue/models/m';
const HANGING = `${MODEL}/versions/hanging`;

let home: string;
let platform: DeployerPlatform;
let models: ConnectedClient<ModelServiceHandlers>;
let linear: Fixture;

/** A custom routine whose load never finishes: its predictor runs but never reports ready. */
function writeHangingRoutine(): { artifacts: string; routine: string } {
  const artifacts = path.join(home, 'hang-artifacts');
  const routine = path.join(home, 'hang-routine');
  fs.mkdirSync(artifacts, { recursive: true });
  fs.mkdirSync(routine, { recursive: true });
  fs.writeFileSync(path.join(artifacts, 'weights.json'), '{}');
  fs.writeFileSync(
    path.join(routine, 'hang.js'),
    `exports.Hang = class Hang {
      static load() { setInterval(() => undefined, 60_000); return new Promise(() => undefined); }
      predict(instances) { return instances; }
    };`,
  );
  return { artifacts, routine };
}

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'presage-per-version-'));
  linear = await buildFixture('linear', path.join(home, 'fixtures'));
  platform = await startDeployerPlatform({ home });
  ({ models } = platform);
  await models.client.CreateModel({ parent: 'projects/queue', model: { name: 'm' } });
}, 120_000);

afterAll(async () => {
  for (const pid of pidsWithEnv('PRESAGE_PREDICTOR_VERSION', HANGING)) process.kill(pid, 'SIGKILL');
  await platform?.stop();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('versions are reconciled one by one', () => {
  it('creates a version within seconds while another version’s model never finishes loading', async () => {
    const { artifacts, routine } = writeHangingRoutine();
    const hanging = await models.client.CreateVersion({
      parent: MODEL,
      version: {
        name: 'hanging',
        deploymentUri: artifacts,
        predictionClass: 'hang.js#Hang',
        packageUris: [routine],
      },
    });
    await waitFor(() => pidsWithEnv('PRESAGE_PREDICTOR_VERSION', HANGING).length > 0, {
      timeoutMs: 30_000,
      description: 'the hanging version’s predictor to be loading',
    });

    const started = Date.now();
    const op = await models.client.CreateVersion({
      parent: MODEL,
      version: { name: 'fast', deploymentUri: linear.dir },
    });
    const done = await platform.waitForOperation(op.name, 30_000);
    const elapsedMs = Date.now() - started;
    expect(done.result).toBe('response');
    expect((await models.client.GetVersion({ name: `${MODEL}/versions/fast` })).state).toBe('READY');
    expect(await platform.readyReplicas(`${MODEL}/versions/fast`)).toHaveLength(1);
    // The predictor's start timeout is 120 s: a creation queued behind the hanging one would take that long.
    expect(elapsedMs).toBeLessThan(10_000);
    expect((await models.client.GetVersion({ name: HANGING })).state).toBe('CREATING');

    // Its predictor killed, the hanging version fails with the predictor's exit as its reason.
    for (const pid of pidsWithEnv('PRESAGE_PREDICTOR_VERSION', HANGING)) process.kill(pid, 'SIGKILL');
    const failed = await platform.waitForOperation(hanging.name, 30_000);
    expect(failed.result).toBe('error');
    expect((await models.client.GetVersion({ name: HANGING })).state).toBe('FAILED');
  });
});
