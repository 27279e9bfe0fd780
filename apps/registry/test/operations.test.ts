import { StatusCode } from '@presage/errors';
import { metadataOf, startRegistry } from './registry-harness';
import { expectApiError, pendingOperationOf, reportAsDeployer, waitFor } from '@presage/testing';
import type { RegistryHarness } from './registry-harness';

const model = 'projects/ops/models/ranker';
let registry: RegistryHarness;

beforeAll(async () => {
  registry = await startRegistry();
  await registry.models.CreateModel({ parent: 'projects/ops', model: { name: 'ranker' } });
});
afterAll(() => registry?.stop());

describe('operations', () => {
  it('are listed per project, filtered by done and type, and fetched by name under both service names', async () => {
    const create = await registry.models.CreateVersion({
      parent: model,
      version: { name: 'v1', deploymentUri: '/m' },
    });
    await registry.models.CreateModel({ parent: 'projects/ops', model: { name: 'scratch' } });
    const removal = await registry.models.DeleteModel({ name: 'projects/ops/models/scratch' });

    const pending = await registry.operations.ListOperations({ name: 'projects/ops', filter: 'done:false' });
    expect(pending.operations.map((o) => o.name)).toEqual([create.name]);
    const deletes = await registry.operations.ListOperations({
      name: 'projects/ops',
      filter: 'operation_type:DELETE_MODEL',
    });
    expect(deletes.operations.map((o) => o.name)).toEqual([removal.name]);
    expect((await registry.operations.ListOperations({ name: 'projects/elsewhere' })).operations).toEqual([]);

    const viaPresage = await registry.operations.GetOperation({ name: create.name });
    const viaGoogle = await registry.longrunning.GetOperation({ name: create.name });
    expect(viaGoogle).toEqual(viaPresage);
    expect(metadataOf(viaGoogle)).toMatchObject({
      operationType: 'CREATE_VERSION',
      isCancellationRequested: false,
    });
  });

  it('answer NOT_FOUND for an unknown operation and INVALID_ARGUMENT for a malformed name', async () => {
    await expectApiError(
      registry.operations.GetOperation({ name: 'projects/ops/operations/nope' }),
      StatusCode.NOT_FOUND,
      { message: /nope/ },
    );
    await expectApiError(
      registry.operations.GetOperation({ name: 'operations/nope' }),
      StatusCode.INVALID_ARGUMENT,
      { field: 'name' },
    );
    await expectApiError(
      registry.longrunning.DeleteOperation({ name: 'projects/ops/operations/x' }),
      StatusCode.UNIMPLEMENTED,
    );
  });

  it('record a cancellation, tell the deployer through the target watch, and end with CANCELLED when the deployer gives up', async () => {
    const op = await registry.models.CreateVersion({
      parent: model,
      version: { name: 'slow', deploymentUri: '/m' },
    });
    registry.watched.length = 0;
    await registry.operations.CancelOperation({ name: op.name });
    expect(
      metadataOf(await registry.operations.GetOperation({ name: op.name })).isCancellationRequested,
    ).toBe(true);
    await waitFor(() => registry.watched.includes(`${model}/versions/slow`), {
      timeoutMs: 10_000,
      description: 'the deployer told of the cancellation by the watch',
    });
    await registry.deployment.ReportVersion({
      name: `${model}/versions/slow`,
      operation: op.name,
      outcome: 'FAILED',
      errorMessage: 'Cancelled by the user.',
    });
    const done = await registry.operations.GetOperation({ name: op.name });
    expect(done).toMatchObject({
      done: true,
      error: { code: StatusCode.CANCELLED, message: 'Cancelled by the user.' },
    });
    // Cancelling a finished operation changes nothing.
    await registry.operations.CancelOperation({ name: op.name });
    expect(await registry.operations.GetOperation({ name: op.name })).toMatchObject({
      done: true,
      error: { code: StatusCode.CANCELLED },
    });
  });

  it('can be awaited with WaitOperation until done, or until its timeout', async () => {
    const op = await registry.models.CreateVersion({
      parent: model,
      version: { name: 'awaited', deploymentUri: '/m' },
    });
    const early = await registry.longrunning.WaitOperation({
      name: op.name,
      timeout: { seconds: '0', nanos: 200_000_000 },
    });
    expect(early.done).toBe(false);
    const waiting = registry.longrunning.WaitOperation({ name: op.name, timeout: { seconds: '20' } });
    await reportAsDeployer(registry.deployment, `${model}/versions/awaited`);
    expect(await waiting).toMatchObject({ done: true, result: 'response' });
  });
});

describe('the deployer contract', () => {
  it('lists every version to act on with its pending operation, and skips FAILED ones', async () => {
    const targets = (await registry.deployment.ListDeploymentTargets({})).targets;
    const byName = new Map(targets.map((t) => [t.version!.name.split('/').pop(), t]));
    expect(byName.get('v1')?.pendingOperation?.name).toMatch(/create_ranker_v1-/);
    expect(byName.get('awaited')?.pendingOperation).toBeNull();
    expect(byName.has('slow')).toBe(false);
    const paged = await registry.deployment.ListDeploymentTargets({ pageSize: 1 });
    expect(paged.targets).toHaveLength(1);
    expect(paged.nextPageToken).not.toBe('');
  });

  it('appends deployment events and validates state reports', async () => {
    const event = await registry.deployment.AppendDeploymentEvent({
      parent: `${model}/versions/awaited`,
      event: { type: 'SCALED', message: 'load rose', replicas: 3 },
    });
    expect(event).toMatchObject({
      type: 'SCALED',
      actor: 'deployer',
      replicas: 3,
      name: expect.stringMatching(/deploymentEvents\/\d+$/),
    });
    const events = (await registry.models.ListDeploymentEvents({ parent: `${model}/versions/awaited` }))
      .deploymentEvents;
    expect(events.map((e) => e.type)).toEqual(['CREATED', 'DEPLOYED', 'SCALED']);

    await expectApiError(
      registry.deployment.AppendDeploymentEvent({ parent: `${model}/versions/awaited`, event: {} }),
      StatusCode.INVALID_ARGUMENT,
      {
        field: 'event.type',
      },
    );
    await expectApiError(
      registry.deployment.AppendDeploymentEvent({
        parent: `${model}/versions/gone`,
        event: { type: 'SCALED' },
      }),
      StatusCode.NOT_FOUND,
    );
    const v1 = `${model}/versions/v1`;
    const operation = (await pendingOperationOf(registry.deployment, v1))!;
    await expectApiError(
      registry.deployment.ReportVersion({ name: v1, operation, outcome: 'FAILED' }),
      StatusCode.INVALID_ARGUMENT,
      { field: 'error_message' },
    );
    await expectApiError(
      registry.deployment.ReportVersion({ name: v1, operation, outcome: 'OUTCOME_UNSPECIFIED' }),
      StatusCode.INVALID_ARGUMENT,
      { field: 'outcome' },
    );
    await expectApiError(
      registry.deployment.ReportVersion({ name: v1, operation: '', outcome: 'DEPLOYED' }),
      StatusCode.INVALID_ARGUMENT,
      { field: 'operation' },
    );
    await expectApiError(
      registry.deployment.ReportVersion({
        name: v1,
        operation: 'projects/ops/operations/none',
        outcome: 'DEPLOYED',
      }),
      StatusCode.NOT_FOUND,
    );
  });
});
