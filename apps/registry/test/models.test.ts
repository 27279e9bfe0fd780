import { StatusCode } from '@presage/errors';
import { metadataOf, startRegistry } from './registry-harness';
import { expectApiError } from '@presage/testing';
import type { RegistryHarness } from './registry-harness';

const parent = 'projects/acme';
let registry: RegistryHarness;

beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(() => registry?.stop());

describe('models', () => {
  it('creates a model from its short name and returns it by its full name', async () => {
    const created = await registry.models.CreateModel({
      parent,
      model: {
        name: 'churn',
        description: 'monthly churn',
        labels: { team: 'growth' },
        onlinePredictionLogging: true,
      },
    });
    expect(created).toMatchObject({
      name: 'projects/acme/models/churn',
      description: 'monthly churn',
      regions: ['us-central1'],
      labels: { team: 'growth' },
      onlinePredictionLogging: true,
      defaultVersion: null,
    });
    expect(created.etag.length).toBeGreaterThan(0);
    const fetched = await registry.models.GetModel({ name: 'projects/acme/models/churn' });
    expect(fetched).toEqual(created);
  });

  it('keeps names unique per project, not globally', async () => {
    await registry.models.CreateModel({ parent, model: { name: 'dup' } });
    await expectApiError(
      registry.models.CreateModel({ parent, model: { name: 'dup' } }),
      StatusCode.ALREADY_EXISTS,
      {
        field: 'model.name',
        message: /already exists/,
      },
    );
    const other = await registry.models.CreateModel({ parent: 'projects/other', model: { name: 'dup' } });
    expect(other.name).toBe('projects/other/models/dup');
  });

  it('answers two concurrent creates of one name with one success and one ALREADY_EXISTS', async () => {
    const results = await Promise.allSettled([
      registry.models.CreateModel({ parent, model: { name: 'race' } }),
      registry.models.CreateModel({ parent, model: { name: 'race' } }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: StatusCode.ALREADY_EXISTS });
  });

  it.each([
    ['', 'A model name is required'],
    ['9lives', 'must start with a letter'],
    ['with-dash', 'letters, digits and underscores'],
    ['a'.repeat(129), 'at most 128'],
  ])('rejects the model name %p', async (name, message) => {
    await expectApiError(
      registry.models.CreateModel({ parent, model: { name } }),
      StatusCode.INVALID_ARGUMENT,
      {
        field: 'model.name',
        message,
      },
    );
  });

  it('accepts a 128-character name', async () => {
    const name = `m${'x'.repeat(127)}`;
    await expect(registry.models.CreateModel({ parent, model: { name } })).resolves.toMatchObject({
      name: `${parent}/models/${name}`,
    });
  });

  it('rejects bad labels, several regions and a bad parent, naming each field', async () => {
    await expectApiError(
      registry.models.CreateModel({
        parent,
        model: { name: 'labelled', labels: { Team: 'x', ok: 'UPPER' } },
      }),
      StatusCode.INVALID_ARGUMENT,
      { field: 'model.labels.Team' },
    );
    await expectApiError(
      registry.models.CreateModel({
        parent,
        model: { name: 'regional', regions: ['us-central1', 'europe-west1'] },
      }),
      StatusCode.INVALID_ARGUMENT,
      { field: 'model.regions' },
    );
    await expectApiError(
      registry.models.CreateModel({ parent: 'acme', model: { name: 'x' } }),
      StatusCode.INVALID_ARGUMENT,
      {
        field: 'parent',
      },
    );
    await expectApiError(registry.models.CreateModel({ parent }), StatusCode.INVALID_ARGUMENT, {
      field: 'model',
    });
  });

  it('answers NOT_FOUND for an unknown model with the resource name', async () => {
    const error = await expectApiError(
      registry.models.GetModel({ name: 'projects/acme/models/nope' }),
      StatusCode.NOT_FOUND,
      {
        message: /projects\/acme\/models\/nope/,
      },
    );
    expect(error.details).toContainEqual(
      expect.objectContaining({ resourceName: 'projects/acme/models/nope' }),
    );
    await expectApiError(
      registry.models.GetModel({ name: 'projects/acme/nope' }),
      StatusCode.INVALID_ARGUMENT,
      {
        field: 'name',
      },
    );
  });

  it('patches description and labels with an update mask and a fresh etag', async () => {
    const model = await registry.models.CreateModel({
      parent,
      model: { name: 'patched', description: 'old' },
    });
    const op = await registry.models.UpdateModel({
      name: model.name,
      model: { description: 'new', labels: { stage: 'prod' }, etag: model.etag },
      updateMask: { paths: ['description', 'labels'] },
    });
    expect(op).toMatchObject({ done: true, result: 'response' });
    expect(metadataOf(op)).toMatchObject({ operationType: 'UPDATE_MODEL', modelName: model.name });
    const after = await registry.models.GetModel({ name: model.name });
    expect(after).toMatchObject({ description: 'new', labels: { stage: 'prod' } });
    expect(after.etag).not.toEqual(model.etag);

    await expectApiError(
      registry.models.UpdateModel({
        name: model.name,
        model: { description: 'stale', etag: model.etag },
        updateMask: { paths: ['description'] },
      }),
      StatusCode.ABORTED,
      { message: /etag/ },
    );
    expect((await registry.models.GetModel({ name: model.name })).description).toBe('new');
  });

  it('accepts camelCase mask paths and rejects unknown, immutable and empty masks', async () => {
    const model = await registry.models.CreateModel({ parent, model: { name: 'masked' } });
    await registry.models.UpdateModel({
      name: model.name,
      model: { onlinePredictionLogging: true },
      updateMask: { paths: ['onlinePredictionLogging'] },
    });
    expect((await registry.models.GetModel({ name: model.name })).onlinePredictionLogging).toBe(true);
    for (const [paths, message] of [
      [['colour'], /"colour" is not a field/],
      [['regions'], /"regions" is immutable/],
      [['name'], /"name" is immutable/],
      [[], /update mask is required/],
    ] as const) {
      await expectApiError(
        registry.models.UpdateModel({ name: model.name, model: {}, updateMask: { paths: [...paths] } }),
        StatusCode.INVALID_ARGUMENT,
        { field: 'update_mask', message },
      );
    }
  });

  it('deletes a model without versions through a finished DELETE_MODEL operation', async () => {
    const model = await registry.models.CreateModel({ parent, model: { name: 'doomed' } });
    const op = await registry.models.DeleteModel({ name: model.name });
    expect(op.name).toMatch(/^projects\/acme\/operations\/delete_doomed-\d+$/);
    expect(op).toMatchObject({ done: true, result: 'response' });
    expect(metadataOf(op)).toMatchObject({ operationType: 'DELETE_MODEL', modelName: model.name });
    await expectApiError(registry.models.GetModel({ name: model.name }), StatusCode.NOT_FOUND);
    await expectApiError(registry.models.DeleteModel({ name: model.name }), StatusCode.NOT_FOUND);
    // The name is free again.
    await expect(registry.models.CreateModel({ parent, model: { name: 'doomed' } })).resolves.toBeDefined();
  });
});
