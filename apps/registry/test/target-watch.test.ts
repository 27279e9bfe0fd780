import { createLogger } from '@presage/log';
import { createStreamClient, startWatch } from '@presage/grpc-kit';
import type { ConnectedStreamClient, Watch } from '@presage/grpc-kit';
import type { DeploymentTarget__Output } from '@presage/proto';
import type { RegistryDeploymentServiceHandlers } from '@presage/proto';
import type { WatchDeploymentTargetsResponse__Output } from '@presage/proto';
import { RegistryDeploymentService } from '@presage/proto';
import { reportAsDeployer, waitFor } from '@presage/testing';
import { startRegistry } from './registry-harness';
import type { RegistryHarness } from './registry-harness';

/**
 * WatchDeploymentTargets: the deployer hears of every version change the registry commits (create,
 * state reports, delete, its completion), whichever handler made it, as the version's target now.
 */
const logger = createLogger('target-watch-test', { level: 'error' });
const model = 'projects/acme/models/watched';
const version = `${model}/versions/v1`;

let registry: RegistryHarness;
let streams: ConnectedStreamClient<RegistryDeploymentServiceHandlers>;
let watch: Watch;
/** What the watch said, in order: `resync` with the names, `changed` with name and state, `removed`. */
const heard: string[] = [];
const targets = new Map<string, DeploymentTarget__Output>();

beforeAll(async () => {
  registry = await startRegistry();
  await registry.models.CreateModel({ parent: 'projects/acme', model: { name: 'watched' } });
  await registry.models.CreateVersion({ parent: model, version: { name: 'v0', deploymentUri: '/m/0' } });
  streams = createStreamClient(RegistryDeploymentService, registry.address);
  watch = startWatch<WatchDeploymentTargetsResponse__Output, DeploymentTarget__Output>({
    open: () => streams.client.WatchDeploymentTargets({}),
    batchOf: (m) => ({ snapshot: m.snapshot, more: m.more, items: m.targets, removed: m.removedVersions }),
    onResync(items) {
      heard.push(`resync ${items.map((t) => t.version?.name).join(',')}`);
      for (const t of items) targets.set(t.version!.name, t);
    },
    onChanges(items, removed) {
      for (const t of items) {
        heard.push(`changed ${t.version?.name} ${t.version?.state}`);
        targets.set(t.version!.name, t);
      }
      for (const name of removed) {
        heard.push(`removed ${name}`);
        targets.delete(name);
      }
    },
    logger,
  });
}, 60_000);

afterAll(async () => {
  watch?.close();
  streams?.close();
  await registry?.stop();
});

const heardLine = (line: string) =>
  waitFor(() => heard.includes(line), { timeoutMs: 10_000, description: `the watch to say "${line}"` });

describe('watching the deployment targets', () => {
  it('starts with the targets there are, then tells each committed change of a version', async () => {
    // The first message is a snapshot of the state the registry knows, which may lag v0's commit by
    // its notification (the harness's own watch made the registry start following before v0 existed):
    // v0 is in that snapshot, or is told as a change right after it.
    await waitFor(() => targets.get(`${model}/versions/v0`)?.version?.state === 'CREATING', {
      timeoutMs: 10_000,
      description: 'the watch to know v0',
    });
    expect(heard[0]).toMatch(/^resync /);

    const created = await registry.models.CreateVersion({
      parent: model,
      version: { name: 'v1', deploymentUri: '/m/1' },
    });
    await heardLine(`changed ${version} CREATING`);
    expect(targets.get(version)?.pendingOperation?.name).toBe(created.name);

    await reportAsDeployer(registry.deployment, version);
    await heardLine(`changed ${version} READY`);
    // The create operation settled with the report: the target has no pending operation any more.
    await waitFor(() => targets.get(version)?.pendingOperation === null, {
      timeoutMs: 10_000,
      description: 'the settled operation',
    });

    const deleting = await registry.models.DeleteVersion({ name: version });
    await heardLine(`changed ${version} DELETING`);
    expect(deleting.name).toBeTruthy();
    await reportAsDeployer(registry.deployment, version, 'UNDEPLOYED');
    await heardLine(`removed ${version}`);
    expect([...targets.keys()]).toEqual([`${model}/versions/v0`]);
  });

  it('removes a version that FAILED', async () => {
    await reportAsDeployer(registry.deployment, `${model}/versions/v0`, 'FAILED', 'the model does not load');
    await heardLine(`removed ${model}/versions/v0`);
  });
});
