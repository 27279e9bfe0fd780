import { StatusCode } from '@presage/errors';
import { unpackAny } from '@presage/proto';
import type { Model, Model__Output } from '@presage/proto';
import { expectApiError, reportAsDeployer } from '@presage/testing';
import { startRegistry } from './registry-harness';
import type { RegistryHarness } from './registry-harness';

/** A model's aliases, traffic split and shadow (Presage fields), through the registry's gRPC API. */
let registry: RegistryHarness;
const parent = 'projects/acme';
const model = 'projects/acme/models/ranker';
const as = (actor: string) => ({ metadata: { 'x-presage-actor': actor } });

async function createVersion(modelName: string, id: string, ready = true): Promise<void> {
  await registry.models.CreateVersion({ parent: modelName, version: { name: id, deploymentUri: '/m/1' } });
  if (ready) await reportAsDeployer(registry.deployment, `${modelName}/versions/${id}`);
}

/** UpdateModel of `paths` with the model's current etag; answers the Model the operation returns. */
async function update(
  fields: Pick<Model, 'aliases' | 'trafficSplit' | 'shadow'>,
  paths: string[],
  actor = 'ada@acme.test',
  name = model,
): Promise<Model__Output> {
  const { etag } = await registry.models.GetModel({ name });
  const op = await registry.models.UpdateModel(
    { name, model: { ...fields, etag }, updateMask: { paths } },
    as(actor),
  );
  expect(op).toMatchObject({ done: true, result: 'response' });
  return unpackAny<Model__Output>(op.response!);
}

async function events(version: string): Promise<{ type: string; actor: string; message: string }[]> {
  const { deploymentEvents } = await registry.models.ListDeploymentEvents({
    parent: `${model}/versions/${version}`,
  });
  return deploymentEvents.map(({ type, actor, message }) => ({ type, actor, message }));
}

beforeAll(async () => {
  registry = await startRegistry();
  await registry.models.CreateModel({ parent, model: { name: 'ranker' } });
  await createVersion(model, 'v1');
  await createVersion(model, 'v2');
  await createVersion(model, 'v3', false);
  await createVersion(model, 'v4');
});
afterAll(() => registry?.stop());

describe('model rollout settings', () => {
  it('refuses them at CreateModel: a new model has no versions to name', async () => {
    for (const [fields, field] of [
      [{ aliases: { champion: 'v1' } }, 'model.aliases'],
      [{ trafficSplit: { v1: 100 } }, 'model.traffic_split'],
      [{ shadow: { version: 'v1', percent: 10 } }, 'model.shadow'],
    ] as const) {
      await expectApiError(
        registry.models.CreateModel({ parent, model: { name: 'early', ...fields } }),
        StatusCode.INVALID_ARGUMENT,
        { field, message: /set it with UpdateModel once versions exist/ },
      );
    }
    const created = await registry.models.CreateModel({ parent, model: { name: 'plain' } });
    expect(created).toMatchObject({ aliases: {}, trafficSplit: {}, shadow: null });
  });

  it('sets an alias, moves it with the etag, and records both ends with the actor', async () => {
    const set = await update({ aliases: { champion: 'v1' } }, ['aliases']);
    expect(set.aliases).toEqual({ champion: 'v1' });
    const stale = (await registry.models.GetModel({ name: model })).etag;
    const moved = await update(
      { aliases: { champion: 'v2', challenger: 'v4' } },
      ['aliases'],
      'grace@acme.test',
    );
    expect(moved.aliases).toEqual({ champion: 'v2', challenger: 'v4' });
    await expectApiError(
      registry.models.UpdateModel({
        name: model,
        model: { aliases: { champion: 'v1' }, etag: stale },
        updateMask: { paths: ['aliases'] },
      }),
      StatusCode.ABORTED,
      { message: /etag/ },
    );
    const got = await registry.models.GetModel({ name: model });
    expect(got.aliases).toEqual({ champion: 'v2', challenger: 'v4' });
    const listed = await registry.models.ListModels({ parent, filter: 'name:ranker' });
    expect(listed.models[0]?.aliases).toEqual({ champion: 'v2', challenger: 'v4' });

    expect(await events('v1')).toEqual(
      expect.arrayContaining([
        {
          type: 'ALIAS_SET',
          actor: 'ada@acme.test',
          message: 'alias champion now names this version (a new alias)',
        },
        { type: 'ALIAS_REMOVED', actor: 'grace@acme.test', message: 'alias champion now names v2' },
      ]),
    );
    expect(await events('v2')).toContainEqual({
      type: 'ALIAS_SET',
      actor: 'grace@acme.test',
      message: 'alias champion now names this version (was v1)',
    });
  });

  it('names each bad alias and unknown version in field violations', async () => {
    const error = await expectApiError(
      registry.models.UpdateModel({
        name: model,
        model: { aliases: { Bad: 'v1', ghost: 'v9' } },
        updateMask: { paths: ['aliases'] },
      }),
      StatusCode.INVALID_ARGUMENT,
      { field: 'model.aliases["Bad"]' },
    );
    expect(error.details).toContainEqual(
      expect.objectContaining({
        fieldViolations: expect.arrayContaining([
          expect.objectContaining({
            field: 'model.aliases["ghost"]',
            description: expect.stringMatching(/no version "v9"/),
          }),
        ]),
      }),
    );
  });

  it('splits traffic among READY versions, recording each changed share', async () => {
    const split = await update({ trafficSplit: { v1: 90, v2: 10 } }, ['trafficSplit'], 'ops@acme.test');
    expect(split.trafficSplit).toEqual({ v1: 90, v2: 10 });
    expect((await registry.models.GetModel({ name: model })).trafficSplit).toEqual({ v1: 90, v2: 10 });
    expect(await events('v1')).toContainEqual({
      type: 'TRAFFIC_CHANGED',
      actor: 'ops@acme.test',
      message: "90% of the model's traffic (was 100%)",
    });
    expect(await events('v2')).toContainEqual({
      type: 'TRAFFIC_CHANGED',
      actor: 'ops@acme.test',
      message: "10% of the model's traffic (was 0%)",
    });
  });

  it.each([
    [{ v1: 90, v2: 20 }, 'model.traffic_split', /sum to 110/],
    [{ v1: 100, v2: 0 }, 'model.traffic_split["v2"]', /from 1 to 100/],
    [{ v1: 50, v9: 50 }, 'model.traffic_split["v9"]', /no version "v9"/],
  ])('refuses the split %p naming %s', async (trafficSplit, field, message) => {
    await expectApiError(
      registry.models.UpdateModel({
        name: model,
        model: { trafficSplit },
        updateMask: { paths: ['traffic_split'] },
      }),
      StatusCode.INVALID_ARGUMENT,
      { field, message },
    );
  });

  it('refuses to send traffic or shadow copies to a version that is not READY, as SetDefaultVersion does', async () => {
    await expectApiError(
      registry.models.UpdateModel({
        name: model,
        model: { trafficSplit: { v1: 50, v3: 50 } },
        updateMask: { paths: ['traffic_split'] },
      }),
      StatusCode.FAILED_PRECONDITION,
      { message: /Version projects\/acme\/models\/ranker\/versions\/v3 is CREATING; only a READY version/ },
    );
    await expectApiError(
      registry.models.UpdateModel({
        name: model,
        model: { shadow: { version: 'v3', percent: 10 } },
        updateMask: { paths: ['shadow'] },
      }),
      StatusCode.FAILED_PRECONDITION,
      { message: /v3 is CREATING/ },
    );
    await expectApiError(
      registry.models.SetDefaultVersion({ name: `${model}/versions/v3` }),
      StatusCode.FAILED_PRECONDITION,
      { message: /v3 is CREATING/ },
    );
  });

  it('copies a share to a shadow version, and refuses a shadow of the version answering everything', async () => {
    const shadowed = await update({ shadow: { version: 'v2', percent: 20 } }, ['shadow']);
    expect(shadowed.shadow).toEqual({ version: 'v2', percent: 20 });
    expect(await events('v2')).toContainEqual({
      type: 'SHADOW_CHANGED',
      actor: 'ada@acme.test',
      message: "receives a shadow copy of 20% of the model's traffic (was 0%)",
    });
    await expectApiError(
      registry.models.UpdateModel({
        name: model,
        model: { trafficSplit: { v2: 100 } },
        updateMask: { paths: ['traffic_split'] },
      }),
      StatusCode.INVALID_ARGUMENT,
      { field: 'model.shadow.version', message: /already answers all of the model's traffic/ },
    );
    await expectApiError(
      registry.models.UpdateModel({
        name: model,
        model: { shadow: { version: 'v2', percent: 0 } },
        updateMask: { paths: ['shadow'] },
      }),
      StatusCode.INVALID_ARGUMENT,
      { field: 'model.shadow.percent' },
    );
  });

  it('refuses to delete a version an alias, the split or the shadow names, saying which', async () => {
    await expectApiError(
      registry.models.DeleteVersion({ name: `${model}/versions/v2` }),
      StatusCode.FAILED_PRECONDITION,
      { message: /alias champion, the traffic split \(10%\), the shadow traffic \(20%\)/ },
    );
    await expectApiError(
      registry.models.DeleteVersion({ name: `${model}/versions/v4` }),
      StatusCode.FAILED_PRECONDITION,
      { message: /alias challenger/ },
    );
  });

  it('clears all three in one update, after which the version can be deleted', async () => {
    const cleared = await update({ aliases: {}, trafficSplit: {}, shadow: null }, [
      'aliases',
      'traffic_split',
      'shadow',
    ]);
    expect(cleared).toMatchObject({ aliases: {}, trafficSplit: {}, shadow: null });
    expect(await events('v1')).toContainEqual({
      type: 'TRAFFIC_CHANGED',
      actor: 'ada@acme.test',
      message: "100% of the model's traffic (was 90%)",
    });
    expect(await events('v2')).toEqual(
      expect.arrayContaining([
        { type: 'ALIAS_REMOVED', actor: 'ada@acme.test', message: 'alias champion was removed' },
        { type: 'TRAFFIC_CHANGED', actor: 'ada@acme.test', message: "0% of the model's traffic (was 10%)" },
        {
          type: 'SHADOW_CHANGED',
          actor: 'ada@acme.test',
          message: "receives no shadow copies (was 20% of the model's traffic)",
        },
      ]),
    );
    const op = await registry.models.DeleteVersion({ name: `${model}/versions/v2` });
    expect(op.done).toBe(false);
  });

  it('still deletes a model whose last version an alias named once the alias is gone', async () => {
    const solo = `${parent}/models/solo`;
    await registry.models.CreateModel({ parent, model: { name: 'solo' } });
    await createVersion(solo, 'only');
    await update({ aliases: { champion: 'only' } }, ['aliases'], 'ada@acme.test', solo);
    await expectApiError(
      registry.models.DeleteVersion({ name: `${solo}/versions/only` }),
      StatusCode.FAILED_PRECONDITION,
      {
        message: /alias champion/,
      },
    );
    await update({ aliases: {} }, ['aliases'], 'ada@acme.test', solo);
    await registry.models.DeleteVersion({ name: `${solo}/versions/only` });
    await reportAsDeployer(registry.deployment, `${solo}/versions/only`, 'UNDEPLOYED');
    const op = await registry.models.DeleteModel({ name: solo });
    expect(op).toMatchObject({ done: true, result: 'response' });
  });
});
