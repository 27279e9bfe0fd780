import { StatusCode } from '@presage/errors';
import { unpackAny } from '@presage/proto';
import type { Operation__Output } from '@presage/proto/src/generated/google/longrunning/Operation';
import type { Version__Output } from '@presage/proto/src/generated/presage/v1/Version';
import { expectApiError, pendingOperationOf } from '@presage/testing';
import { startRegistry } from './registry-harness';
import type { RegistryHarness } from './registry-harness';

/**
 * ReportVersion, the deployer's one way to settle a version's operation. A report names the operation it
 * settles; one about an operation already done (a repeat, or a stale report) is ignored and answered OK.
 */
let registry: RegistryHarness;
const model = 'projects/reports/models/m';

beforeAll(async () => {
  registry = await startRegistry();
  await registry.models.CreateModel({ parent: 'projects/reports', model: { name: 'm' } });
});
afterAll(() => registry?.stop());

async function eventTypes(version: string): Promise<string[]> {
  return (await registry.models.ListDeploymentEvents({ parent: version })).deploymentEvents.map(
    (e) => e.type,
  );
}

const getOperation = (name: string) => registry.operations.GetOperation({ name });

/** Creates a version and reports it DEPLOYED; the create operation's name. */
async function deployedVersion(id: string, extra: Record<string, unknown> = {}): Promise<string> {
  const name = `${model}/versions/${id}`;
  const op = await registry.models.CreateVersion({
    parent: model,
    version: { name: id, deploymentUri: '/m', manualScaling: { nodes: 1 }, ...extra },
  });
  await registry.deployment.ReportVersion({ name, operation: op.name, outcome: 'DEPLOYED' });
  return op.name;
}

function scaleTo(name: string, nodes: number): Promise<Operation__Output> {
  return registry.models.UpdateVersion({
    name,
    version: { manualScaling: { nodes } },
    updateMask: { paths: ['manual_scaling.nodes'] },
  });
}

describe('ReportVersion', () => {
  it('settles a create once: READY, the Version as the response, one DEPLOYED event; a repeat changes nothing', async () => {
    const name = `${model}/versions/created`;
    const op = await registry.models.CreateVersion({
      parent: model,
      version: { name: 'created', deploymentUri: '/m' },
    });
    const signature = { inputs: [{ name: 'x', dtype: 'float32', shape: ['-1', '4'] }], outputs: [] };
    const answer = await registry.deployment.ReportVersion({
      name,
      operation: op.name,
      outcome: 'DEPLOYED',
      signature,
    });
    expect(answer).toMatchObject({ name, state: 'READY', signature: { inputs: [{ name: 'x' }] } });
    const done = await getOperation(op.name);
    expect(done).toMatchObject({ done: true, result: 'response' });
    expect(unpackAny<Version__Output>(done.response!)).toMatchObject({ name, state: 'READY' });

    const repeat = await registry.deployment.ReportVersion({ name, operation: op.name, outcome: 'DEPLOYED' });
    expect(repeat).toMatchObject({ state: 'READY', etag: answer.etag });
    // Even a contradicting repeat: the outcome is decided.
    await registry.deployment.ReportVersion({
      name,
      operation: op.name,
      outcome: 'FAILED',
      errorMessage: 'late',
    });
    expect(await getOperation(op.name)).toEqual(done);
    expect(await eventTypes(name)).toEqual(['CREATED', 'BECAME_DEFAULT', 'DEPLOYED']);
  });

  it('settles an update of replicas once: UPDATING until DEPLOYED, then READY; a failed one leaves it READY', async () => {
    const name = `${model}/versions/updated`;
    await deployedVersion('updated');
    const op = await scaleTo(name, 3);
    expect(op.done).toBe(false);
    expect(await registry.models.GetVersion({ name })).toMatchObject({ state: 'UPDATING' });
    expect(await pendingOperationOf(registry.deployment, name)).toBe(op.name);

    await registry.deployment.ReportVersion({ name, operation: op.name, outcome: 'DEPLOYED' });
    const done = await getOperation(op.name);
    expect(done).toMatchObject({ done: true, result: 'response' });
    expect(unpackAny<Version__Output>(done.response!)).toMatchObject({
      state: 'READY',
      manualScaling: { nodes: 3 },
    });
    await registry.deployment.ReportVersion({ name, operation: op.name, outcome: 'DEPLOYED' });
    expect(await getOperation(op.name)).toEqual(done);

    const failing = await scaleTo(name, 4);
    await registry.deployment.ReportVersion({
      name,
      operation: failing.name,
      outcome: 'FAILED',
      errorMessage: 'Replicas fail to start: out of memory.',
    });
    expect(await getOperation(failing.name)).toMatchObject({
      done: true,
      error: { code: StatusCode.FAILED_PRECONDITION, message: 'Replicas fail to start: out of memory.' },
    });
    expect(await registry.models.GetVersion({ name })).toMatchObject({ state: 'READY', errorMessage: '' });
    const events = (await registry.models.ListDeploymentEvents({ parent: name })).deploymentEvents;
    expect(events.map((e) => e.type)).toEqual(['CREATED', 'DEPLOYED', 'UPDATED', 'UPDATED', 'FAILED']);
    expect(events.at(-1)?.message).toBe('update failed: Replicas fail to start: out of memory.');
  });

  it('completes an update of labels at once, without the deployer', async () => {
    const name = `${model}/versions/labelled`;
    await deployedVersion('labelled');
    const op = await registry.models.UpdateVersion({
      name,
      version: { labels: { team: 'risk' } },
      updateMask: { paths: ['labels'] },
    });
    expect(op).toMatchObject({ done: true, result: 'response' });
    expect(await registry.models.GetVersion({ name })).toMatchObject({
      state: 'READY',
      labels: { team: 'risk' },
    });
  });

  it('settles a delete once: the version is gone, the operation done with Empty; a repeat answers OK', async () => {
    const name = `${model}/versions/deleted`;
    await deployedVersion('deleted');
    const op = await registry.models.DeleteVersion({ name });
    const answer = await registry.deployment.ReportVersion({
      name,
      operation: op.name,
      outcome: 'UNDEPLOYED',
    });
    expect(answer.name).toBe(name);
    const done = await getOperation(op.name);
    expect(done).toMatchObject({ done: true, result: 'response' });
    expect(done.response?.type_url).toBe('type.googleapis.com/google.protobuf.Empty');
    await expectApiError(registry.models.GetVersion({ name }), StatusCode.NOT_FOUND);
    expect(
      await registry.deployment.ReportVersion({ name, operation: op.name, outcome: 'UNDEPLOYED' }),
    ).toMatchObject({
      name,
    });
    expect(await getOperation(op.name)).toEqual(done);
  });

  it('ignores a stale report: one about an earlier operation settles nothing newer', async () => {
    const name = `${model}/versions/stale`;
    const create = await deployedVersion('stale');
    const update = await scaleTo(name, 2);
    // A deployer that listed the version while it was CREATING reports late.
    const answer = await registry.deployment.ReportVersion({ name, operation: create, outcome: 'DEPLOYED' });
    expect(answer.state).toBe('UPDATING');
    expect(await getOperation(update.name)).toMatchObject({ done: false });

    // The same name deleted and created again: reports about the first version leave the second alone.
    await registry.deployment.ReportVersion({ name, operation: update.name, outcome: 'DEPLOYED' });
    const removal = await registry.models.DeleteVersion({ name });
    await registry.deployment.ReportVersion({ name, operation: removal.name, outcome: 'UNDEPLOYED' });
    const again = await registry.models.CreateVersion({
      parent: model,
      version: { name: 'stale', deploymentUri: '/m' },
    });
    for (const operation of [create, update.name, removal.name]) {
      await registry.deployment.ReportVersion({ name, operation, outcome: 'UNDEPLOYED' });
    }
    expect(await registry.models.GetVersion({ name })).toMatchObject({ state: 'CREATING' });
    expect(await getOperation(again.name)).toMatchObject({ done: false });
  });

  it('refuses a report the state does not take with FAILED_PRECONDITION, saying why', async () => {
    const name = `${model}/versions/refused`;
    const create = await registry.models.CreateVersion({
      parent: model,
      version: { name: 'refused', deploymentUri: '/m' },
    });
    await expectApiError(
      registry.deployment.ReportVersion({ name, operation: create.name, outcome: 'UNDEPLOYED' }),
      StatusCode.FAILED_PRECONDITION,
      {
        message:
          /is CREATING; the deployer cannot report it UNDEPLOYED: only a version being deleted is undeployed/,
      },
    );
    await registry.deployment.ReportVersion({
      name,
      operation: create.name,
      outcome: 'FAILED',
      errorMessage: 'bad',
    });
    const removal = await registry.models.DeleteVersion({ name });
    await expectApiError(
      registry.deployment.ReportVersion({ name, operation: removal.name, outcome: 'DEPLOYED' }),
      StatusCode.FAILED_PRECONDITION,
      { message: /is DELETING; the deployer cannot report it DEPLOYED/ },
    );
    expect(await getOperation(removal.name)).toMatchObject({ done: false });
    // A failed deletion leaves the version FAILED with the reason, and its operation with the error.
    await registry.deployment.ReportVersion({
      name,
      operation: removal.name,
      outcome: 'FAILED',
      errorMessage: 'The Kubernetes API refused to delete the Deployment.',
    });
    expect(await registry.models.GetVersion({ name })).toMatchObject({
      state: 'FAILED',
      errorMessage: 'The Kubernetes API refused to delete the Deployment.',
    });
    expect(await getOperation(removal.name)).toMatchObject({
      done: true,
      error: { code: StatusCode.FAILED_PRECONDITION },
    });
  });

  it('refuses an operation of another version and an unknown one', async () => {
    const create = await registry.models.CreateVersion({
      parent: model,
      version: { name: 'mine', deploymentUri: '/m' },
    });
    await expectApiError(
      registry.deployment.ReportVersion({
        name: `${model}/versions/created`,
        operation: create.name,
        outcome: 'DEPLOYED',
      }),
      StatusCode.INVALID_ARGUMENT,
      { field: 'operation', message: /is not an operation of/ },
    );
    await expectApiError(
      registry.deployment.ReportVersion({
        name: `${model}/versions/mine`,
        operation: 'projects/reports/operations/create_m_mine-1',
        outcome: 'DEPLOYED',
      }),
      StatusCode.NOT_FOUND,
    );
    expect(await getOperation(create.name)).toMatchObject({ done: false });
  });
});
