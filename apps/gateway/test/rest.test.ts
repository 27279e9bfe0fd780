import { reportAsDeployer, waitFor } from '@presage/testing';
import { call, startGatewayHarness } from './gateway-harness';
import type { GatewayHarness } from './gateway-harness';

let h: GatewayHarness;
const P = '/v1/projects/demo';

beforeAll(async () => {
  h = await startGatewayHarness({ maxBodyBytes: 64 * 1024 });
});
afterAll(() => h.stop());

describe('REST models and versions through the gateway', () => {
  it('creates, gets, lists, patches and deletes a model with proto3 JSON', async () => {
    const created = await call(h.baseUrl, 'POST', `${P}/models`, {
      name: 'iris',
      description: 'flowers',
      regions: ['us-central1'],
      labels: { team: 'ml' },
    });
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({
      name: 'projects/demo/models/iris',
      description: 'flowers',
      regions: ['us-central1'],
      labels: { team: 'ml' },
    });
    expect(created.json.createTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    expect(created.json.etag).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(created.json).not.toHaveProperty('onlinePredictionLogging');

    const got = await call(
      h.baseUrl,
      'GET',
      `${P}/models/iris?alt=json&prettyPrint=false&key=abc&%24.xgafv=2`,
    );
    expect(got).toMatchObject({ status: 200, json: { name: 'projects/demo/models/iris' } });

    await call(h.baseUrl, 'POST', `${P}/models`, { name: 'iris2' });
    const page = await call(h.baseUrl, 'GET', `${P}/models?pageSize=1`);
    expect(page.json.models).toHaveLength(1);
    expect(page.json.nextPageToken).toEqual(expect.any(String));
    const next = await call(
      h.baseUrl,
      'GET',
      `${P}/models?pageSize=1&pageToken=${encodeURIComponent(String(page.json.nextPageToken))}`,
    );
    expect(next.json.models).toHaveLength(1);
    expect(next.json.models[0].name).not.toBe(page.json.models[0].name);
    const filtered = await call(h.baseUrl, 'GET', `${P}/models?filter=${encodeURIComponent('name:iris2')}`);
    expect((filtered.json.models as { name: string }[]).map((m) => m.name)).toEqual([
      'projects/demo/models/iris2',
    ]);
    expect(await call(h.baseUrl, 'GET', '/v1/projects/empty/models')).toEqual({ status: 200, json: {} });

    const patched = await call(h.baseUrl, 'PATCH', `${P}/models/iris?updateMask=description,labels`, {
      description: 'petals',
      labels: { team: 'ds' },
    });
    expect(patched.status).toBe(200);
    expect(patched.json.name).toMatch(/^projects\/demo\/operations\//);
    const after = await call(h.baseUrl, 'GET', `${P}/models/iris`);
    expect(after.json).toMatchObject({ description: 'petals', labels: { team: 'ds' } });

    const deleted = await call(h.baseUrl, 'DELETE', `${P}/models/iris2`);
    expect(deleted.status).toBe(200);
    expect(deleted.json.metadata).toMatchObject({
      '@type': 'type.googleapis.com/presage.v1.OperationMetadata',
      operationType: 'DELETE_MODEL',
    });
    await waitFor(async () => (await call(h.baseUrl, 'GET', `${P}/models/iris2`)).status === 404, {
      timeoutMs: 10_000,
      description: 'the model to go',
    });
  });

  it('creates a version as an operation, polls it, sets the default and deletes', async () => {
    const op = await call(
      h.baseUrl,
      'POST',
      `${P}/models/iris/versions`,
      { name: 'v1', deploymentUri: 'file:///models/iris/1', framework: 'ONNX', autoScaling: { minNodes: 1 } },
      { 'x-presage-actor': 'alice@example.com' },
    );
    expect(op.status).toBe(200);
    expect(op.json).not.toHaveProperty('done');
    expect(op.json.metadata).toMatchObject({
      '@type': 'type.googleapis.com/presage.v1.OperationMetadata',
      operationType: 'CREATE_VERSION',
      modelName: 'projects/demo/models/iris',
      version: { name: 'projects/demo/models/iris/versions/v1', state: 'CREATING', framework: 'ONNX' },
    });
    const polled = await call(h.baseUrl, 'GET', `/v1/${op.json.name as string}`);
    expect(polled).toMatchObject({ status: 200, json: { name: op.json.name } });
    const listedOps = await call(h.baseUrl, 'GET', `${P}/operations`);
    expect((listedOps.json.operations as { name: string }[]).map((o) => o.name)).toContain(op.json.name);

    const version = await call(h.baseUrl, 'GET', `${P}/models/iris/versions/v1`);
    expect(version.json).toMatchObject({
      state: 'CREATING',
      lineage: { publishedBy: 'alice@example.com' },
      autoScaling: { minNodes: 1 },
    });

    await reportAsDeployer(h.deployment, 'projects/demo/models/iris/versions/v1');
    const done = await call(h.baseUrl, 'GET', `/v1/${op.json.name as string}`);
    expect(done.json).toMatchObject({
      done: true,
      response: { '@type': 'type.googleapis.com/presage.v1.Version', state: 'READY' },
    });

    await call(h.baseUrl, 'POST', `${P}/models/iris/versions`, {
      name: 'v2',
      deploymentUri: 'file:///models/iris/2',
    });
    await reportAsDeployer(h.deployment, 'projects/demo/models/iris/versions/v2');
    const setDefault = await call(h.baseUrl, 'POST', `${P}/models/iris/versions/v2:setDefault`, {});
    expect(setDefault).toMatchObject({
      status: 200,
      json: { name: 'projects/demo/models/iris/versions/v2', isDefault: true },
    });
    const versions = await call(h.baseUrl, 'GET', `${P}/models/iris/versions`);
    expect(versions.json.versions).toHaveLength(2);

    const removed = await call(h.baseUrl, 'DELETE', `${P}/models/iris/versions/v1`);
    expect(removed.json.metadata).toMatchObject({ operationType: 'DELETE_VERSION' });
  });
});

describe('REST errors', () => {
  it('answers 404 NOT_FOUND for an unknown model, with details passed through', async () => {
    const res = await call(h.baseUrl, 'GET', `${P}/models/nope`);
    expect(res.status).toBe(404);
    expect(res.json.error).toMatchObject({
      code: 404,
      status: 'NOT_FOUND',
      message: expect.stringContaining('nope'),
    });
    expect(Array.isArray(res.json.error.details)).toBe(true);
  });

  it('answers 400 INVALID_ARGUMENT with field violations from the registry', async () => {
    const res = await call(h.baseUrl, 'POST', `${P}/models`, { name: '1-bad name' });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({
      code: 400,
      status: 'INVALID_ARGUMENT',
      details: [
        expect.objectContaining({
          '@type': 'type.googleapis.com/google.rpc.BadRequest',
          fieldViolations: [expect.objectContaining({ field: 'model.name' })],
        }),
      ],
    });
  });

  it('answers 409 ALREADY_EXISTS for a duplicate model', async () => {
    await call(h.baseUrl, 'POST', `${P}/models`, { name: 'dup' });
    const res = await call(h.baseUrl, 'POST', `${P}/models`, { name: 'dup' });
    expect(res.status).toBe(409);
    expect(res.json.error).toMatchObject({ code: 409, status: 'ALREADY_EXISTS' });
  });

  it('answers 400 for a body that is not JSON, an unknown field, or a wrong type', async () => {
    const notJson = await call(h.baseUrl, 'POST', `${P}/models`, 'name=m');
    expect(notJson.status).toBe(400);
    expect(notJson.json.error).toMatchObject({
      status: 'INVALID_ARGUMENT',
      message: expect.stringContaining('not valid JSON'),
    });
    const unknown = await call(h.baseUrl, 'POST', `${P}/models`, { name: 'm', colour: 'red' });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.message).toContain('Unknown name "colour"');
    expect(unknown.json.error.details[0].fieldViolations[0].field).toBe('model.colour');
    const wrongType = await call(h.baseUrl, 'POST', `${P}/models`, { name: 'm', regions: 'us' });
    expect(wrongType.json.error.details[0].fieldViolations[0].field).toBe('model.regions');
    const badParam = await call(h.baseUrl, 'GET', `${P}/models?colour=red`);
    expect(badParam.status).toBe(400);
    expect(badParam.json.error.message).toContain('colour');
  });

  it('refuses a body over the limit, naming the limit', async () => {
    const big = JSON.stringify({ name: 'big', description: 'x'.repeat(200 * 1024) });
    const res = await call(h.baseUrl, 'POST', `${P}/models`, big);
    expect(res.status).toBe(413);
    expect(res.json.error).toMatchObject({
      status: 'INVALID_ARGUMENT',
      message: expect.stringContaining('65536 bytes'),
    });
    // The gateway is still serving afterwards.
    expect((await call(h.baseUrl, 'GET', `${P}/models/dup`)).status).toBe(200);
  });

  it('answers 404 for an unknown path and 405 for a wrong method', async () => {
    const unknown = await call(h.baseUrl, 'GET', '/v1/projects/demo/widgets');
    expect(unknown.status).toBe(404);
    expect(unknown.json.error).toMatchObject({
      code: 404,
      status: 'NOT_FOUND',
      message: expect.stringContaining('/v1/projects/demo/widgets'),
    });
    const response = await fetch(`${h.baseUrl}${P}/models/dup`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('DELETE, GET, PATCH');
    expect(((await response.json()) as { error: { code: number } }).error.code).toBe(405);
  });

  it('answers 501 for jobs when batch prediction is not enabled', async () => {
    const res = await call(h.baseUrl, 'GET', `${P}/jobs`);
    expect(res.status).toBe(501);
    expect(res.json.error).toMatchObject({
      status: 'UNIMPLEMENTED',
      message: expect.stringContaining('batch prediction is not enabled'),
    });
  });

  it('serves /healthz and /readyz', async () => {
    expect(await call(h.baseUrl, 'GET', '/healthz')).toEqual({ status: 200, json: { status: 'ok' } });
    expect(await call(h.baseUrl, 'GET', '/readyz')).toMatchObject({
      status: 200,
      json: { status: 'ready', registry: 'SERVING' },
    });
  });
});
