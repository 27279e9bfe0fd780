import * as grpc from '@grpc/grpc-js';
import { StatusCode } from '@presage/errors';
// The ml v1 client of googleapis alone: the package's index would load every Google API.
import { ml as mlClient } from 'googleapis/build/src/apis/ml';
import { serviceDefinition } from '@presage/proto';
import { reportAsDeployer, waitFor } from '@presage/testing';
import { METHOD_PERMISSIONS } from '../src/auth/method-permissions';
import { PUBLIC_SERVICES } from '../src/gateway';
import { call, startFakePredictor, startGatewayHarness } from './gateway-harness';
import type { FakePredictor, GatewayHarness } from './gateway-harness';

/**
 * PRESAGE_AUTH=required, through the gateway's REST and gRPC fronts: the real registry process stores the
 * keys and policies on the test database; the predictor is the harness's stand-in.
 */
const ADMIN_KEY = 'bootstrap-admin-key-for-tests-0123456789';
const PROJECT = 'projects/demo';
const MODEL = `${PROJECT}/models/flowers`;
const VERSION = `${MODEL}/versions/v1`;
const ROLES = ['viewer', 'modelUser', 'developer', 'admin'] as const;
type Role = (typeof ROLES)[number] | 'nobody';

let h: GatewayHarness;
let predictor: FakePredictor;
/** Each role's key, and a key bound to no role. */
const keys = {} as Record<Role, string>;
const member = (role: Role) => `user:${role}@example.com`;

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const asAdmin = bearer(ADMIN_KEY);

async function createKey(project: string, body: Record<string, unknown>, headers = asAdmin) {
  const created = await call(h.baseUrl, 'POST', `/v1/${project}/apiKeys`, body, headers);
  expect(created.status).toBe(200);
  return created.json as { name: string; keyString: string; member: string };
}

beforeAll(async () => {
  h = await startGatewayHarness({
    gateway: { auth: 'required', bootstrapAdminKey: ADMIN_KEY, authCacheMs: 100 },
    tuning: { replicaTtlMs: 0 },
  });
  predictor = await startFakePredictor('{"predictions":["setosa"]}');
  expect((await call(h.baseUrl, 'POST', `/v1/${PROJECT}/models`, { name: 'flowers' }, asAdmin)).status).toBe(
    200,
  );
  const version = await call(
    h.baseUrl,
    'POST',
    `/v1/${MODEL}/versions`,
    { name: 'v1', deploymentUri: 'file:///m/1' },
    asAdmin,
  );
  expect(version.status).toBe(200);
  await reportAsDeployer(h.deployment, VERSION);
  h.replicas.push({
    name: `${VERSION}/replicas/0`,
    version: VERSION,
    address: predictor.address,
    state: 'READY',
  });
  for (const role of [...ROLES, 'nobody'] as const) {
    keys[role] = (await createKey(PROJECT, { displayName: `${role} key`, member: member(role) })).keyString;
  }
  const policy = await call(
    h.baseUrl,
    'POST',
    `/v1/${PROJECT}:setIamPolicy`,
    { policy: { bindings: ROLES.map((role) => ({ role: `roles/ml.${role}`, members: [member(role)] })) } },
    asAdmin,
  );
  expect(policy.status).toBe(200);
}, 60_000);

afterAll(async () => {
  await h.stop();
  await predictor.stop();
});

describe('without a valid credential', () => {
  it('answers UNAUTHENTICATED on every public gRPC method', async () => {
    const client = new grpc.Client(h.grpcAddress, grpc.credentials.createInsecure());
    const methods = PUBLIC_SERVICES.flatMap((service) => Object.values(serviceDefinition(service)));
    methods.push(...Object.values(serviceDefinition('google.longrunning.Operations')));
    expect(methods.length).toBeGreaterThan(30);
    for (const method of methods) {
      const error = await new Promise<grpc.ServiceError>((resolve) =>
        client.makeUnaryRequest(
          method.path,
          method.requestSerialize,
          method.responseDeserialize,
          method.requestDeserialize(Buffer.alloc(0)),
          new grpc.Metadata(),
          (err) => resolve(err!),
        ),
      );
      expect([method.path, error.code, error.details]).toEqual([
        method.path,
        StatusCode.UNAUTHENTICATED,
        expect.stringContaining('requires a credential'),
      ]);
    }
    client.close();
  });

  it('lists a permission for every public method, so none is open by omission', () => {
    const methods = [...PUBLIC_SERVICES, 'google.longrunning.Operations'].flatMap((service) =>
      Object.values(serviceDefinition(service)).map((method) => method.path),
    );
    expect(methods.filter((path) => !METHOD_PERMISSIONS[path])).toEqual([]);
  });

  it.each([
    ['GET', `/v1/${PROJECT}/models`],
    ['GET', `/v1/${MODEL}`],
    ['POST', `/v1/${PROJECT}/models`],
    ['POST', `/v1/${VERSION}:predict`],
    ['POST', `/v1/${MODEL}:predict`],
    ['GET', `/v1/${PROJECT}/operations`],
    ['GET', `/v1/${PROJECT}/jobs`],
    ['GET', `/v1/${PROJECT}/apiKeys`],
    ['POST', `/v1/${PROJECT}:setIamPolicy`],
  ])('answers 401 to %s %s over REST', async (method, path) => {
    const res = await call(h.baseUrl, method, path, method === 'POST' ? { instances: [1] } : undefined);
    expect(res.status).toBe(401);
    expect(res.json.error).toMatchObject({
      status: 'UNAUTHENTICATED',
      message: expect.stringContaining('credential'),
    });
  });

  it('answers 401 to an unknown key, a malformed Authorization header, and the wrong scheme', async () => {
    for (const headers of [
      bearer('psk_not-a-key-anyone-has'),
      { authorization: 'Basic dXNlcjpwYXNz' },
      { 'x-goog-api-key': 'psk_made-up' },
    ]) {
      const res = await call(h.baseUrl, 'GET', `/v1/${PROJECT}/models`, undefined, headers);
      expect(res.status).toBe(401);
      expect(res.json.error.status).toBe('UNAUTHENTICATED');
    }
  });

  it('keeps health and readiness open', async () => {
    expect((await fetch(`${h.baseUrl}/healthz`)).status).toBe(200);
    expect((await fetch(`${h.baseUrl}/readyz`)).status).toBe(200);
  });
});

describe('the metrics endpoint', () => {
  it('answers 401 without a credential and the Prometheus text to any valid key', async () => {
    const anonymous = await fetch(`${h.baseUrl}/metrics`);
    expect(anonymous.status).toBe(401);
    const scraped = await fetch(`${h.baseUrl}/metrics`, { headers: bearer(keys.nobody) });
    expect(scraped.status).toBe(200);
    expect(scraped.headers.get('content-type')).toContain('text/plain');
    // Health stays open for probes.
    expect((await fetch(`${h.baseUrl}/healthz`)).status).toBe(200);
  });
});

describe('credentials where Google clients put them', () => {
  it('takes a key as Bearer, as x-goog-api-key and as ?key=', async () => {
    const key = keys.viewer;
    const path = `/v1/${PROJECT}/models`;
    expect((await call(h.baseUrl, 'GET', path, undefined, bearer(key))).status).toBe(200);
    expect((await call(h.baseUrl, 'GET', path, undefined, { 'x-goog-api-key': key })).status).toBe(200);
    expect((await call(h.baseUrl, 'GET', `${path}?key=${encodeURIComponent(key)}`)).status).toBe(200);
  });
});

interface Case {
  what: string;
  /** The REST call, made with the role's key. */
  rest: (role: Role) => [method: string, path: string, body?: unknown];
  /** The status an allowed call answers. */
  allowedStatus: number;
  permission: string;
  allowed: Role[];
}

const CASES: Case[] = [
  {
    what: 'list models',
    rest: () => ['GET', `/v1/${PROJECT}/models`],
    allowedStatus: 200,
    permission: 'ml.models.list',
    allowed: ['viewer', 'developer', 'admin'],
  },
  {
    what: 'get a model',
    rest: () => ['GET', `/v1/${MODEL}`],
    allowedStatus: 200,
    permission: 'ml.models.get',
    allowed: ['viewer', 'modelUser', 'developer', 'admin'],
  },
  {
    what: 'predict with a version',
    rest: () => ['POST', `/v1/${VERSION}:predict`, { instances: [[1, 2, 3, 4]] }],
    allowedStatus: 200,
    permission: 'ml.models.predict',
    allowed: ['modelUser', 'developer', 'admin'],
  },
  {
    what: 'predict with the default version',
    rest: () => ['POST', `/v1/${MODEL}:predict`, { instances: [[1, 2, 3, 4]] }],
    allowedStatus: 200,
    permission: 'ml.models.predict',
    allowed: ['modelUser', 'developer', 'admin'],
  },
  {
    what: 'create a model',
    rest: (role) => ['POST', `/v1/${PROJECT}/models`, { name: `made_by_${role}` }],
    allowedStatus: 200,
    permission: 'ml.models.create',
    allowed: ['developer', 'admin'],
  },
  {
    what: 'list operations',
    rest: () => ['GET', `/v1/${PROJECT}/operations`],
    allowedStatus: 200,
    permission: 'ml.operations.list',
    allowed: ['viewer', 'developer', 'admin'],
  },
  {
    // The harness runs no batch service: an allowed call reaches the gateway's 501.
    what: 'list jobs',
    rest: () => ['GET', `/v1/${PROJECT}/jobs`],
    allowedStatus: 501,
    permission: 'ml.jobs.list',
    allowed: ['viewer', 'developer', 'admin'],
  },
  {
    what: 'list API keys',
    rest: () => ['GET', `/v1/${PROJECT}/apiKeys`],
    allowedStatus: 200,
    permission: 'ml.apiKeys.list',
    allowed: ['admin'],
  },
  {
    what: 'read the IAM policy',
    rest: () => ['GET', `/v1/${PROJECT}:getIamPolicy`],
    allowedStatus: 200,
    permission: 'ml.projects.getIamPolicy',
    allowed: ['admin'],
  },
  {
    what: 'read the quota settings',
    rest: () => ['GET', `/v1/${PROJECT}/quotaSettings`],
    allowedStatus: 200,
    permission: 'ml.quotas.get',
    allowed: ['viewer', 'developer', 'admin'],
  },
  {
    // 0 keeps the platform default: the same settings every time.
    what: 'change the quota settings',
    rest: () => [
      'PATCH',
      `/v1/${PROJECT}/quotaSettings?updateMask=concurrentBatchJobs`,
      { concurrentBatchJobs: 0 },
    ],
    allowedStatus: 200,
    permission: 'ml.quotas.update',
    allowed: ['admin'],
  },
];

describe('roles over REST', () => {
  const rows = CASES.flatMap((c) => [...ROLES, 'nobody' as const].map((role) => [c.what, role, c] as const));
  it.each(rows)('%s as %s', async (_what, role, c) => {
    const [method, path, body] = c.rest(role);
    const res = await call(h.baseUrl, method, path, body, bearer(keys[role]));
    if (c.allowed.includes(role)) {
      expect([res.status, res.json?.error?.message]).toEqual([
        c.allowedStatus,
        c.allowedStatus === 200 ? undefined : expect.any(String),
      ]);
    } else {
      expect(res.status).toBe(403);
      expect(res.json.error).toMatchObject({
        status: 'PERMISSION_DENIED',
        message: expect.stringContaining(`'${c.permission}'`),
        details: [
          expect.objectContaining({
            reason: 'IAM_PERMISSION_DENIED',
            metadata: expect.objectContaining({ permission: c.permission }),
          }),
        ],
      });
    }
  });

  it('gives a role in one project nothing in another', async () => {
    const res = await call(h.baseUrl, 'GET', '/v1/projects/other/models', undefined, bearer(keys.admin));
    expect(res.status).toBe(403);
    expect(res.json.error.message).toContain("'ml.models.list' denied on resource 'projects/other'");
  });
});

describe('roles over gRPC', () => {
  const metadata = (key: string) => {
    const m = new grpc.Metadata();
    m.set('authorization', `Bearer ${key}`);
    return m;
  };
  const unary = (service: string, method: string, request: object, key: string) => {
    const Client = grpc.makeGenericClientConstructor(serviceDefinition(service), service);
    const client = new Client(h.grpcAddress, grpc.credentials.createInsecure());
    return new Promise<grpc.ServiceError | null>((resolve) => {
      (
        client as unknown as Record<
          string,
          (r: object, m: grpc.Metadata, cb: (e: grpc.ServiceError | null) => void) => void
        >
      )[method]!(request, metadata(key), (error) => {
        client.close();
        resolve(error);
      });
    });
  };

  it.each([
    ['presage.v1.ModelService', 'ListModels', { parent: PROJECT }, ['viewer', 'developer', 'admin']],
    [
      'presage.v1.ModelService',
      'GetVersion',
      { name: VERSION },
      ['viewer', 'modelUser', 'developer', 'admin'],
    ],
    [
      'presage.v1.OnlinePredictionService',
      'Predict',
      {
        name: VERSION,
        httpBody: { contentType: 'application/json', data: Buffer.from('{"instances":[[1,2,3,4]]}') },
      },
      ['modelUser', 'developer', 'admin'],
    ],
    ['presage.v1.AccessService', 'ListApiKeys', { parent: PROJECT }, ['admin']],
  ] as const)('%s/%s', async (service, method, request, allowed) => {
    for (const role of [...ROLES, 'nobody'] as const) {
      const error = await unary(service, method, request, keys[role]);
      expect([role, error?.code ?? StatusCode.OK]).toEqual([
        role,
        (allowed as readonly string[]).includes(role) ? StatusCode.OK : StatusCode.PERMISSION_DENIED,
      ]);
    }
  });
});

describe('API keys', () => {
  it('shows a key once, lists it without its secret, and records its use', async () => {
    const created = await createKey(PROJECT, {
      displayName: 'ci pipeline',
      member: 'serviceAccount:ci@example.com',
    });
    expect(created.keyString).toMatch(/^psk_[A-Za-z0-9_-]{43}$/);
    expect(created.name).toMatch(/^projects\/demo\/apiKeys\/k[0-9a-f]{16}$/);
    const got = await call(h.baseUrl, 'GET', `/v1/${created.name}`, undefined, asAdmin);
    expect(got.json).toMatchObject({
      name: created.name,
      displayName: 'ci pipeline',
      member: 'serviceAccount:ci@example.com',
      keyPrefix: created.keyString.slice(0, 10),
      createdBy: 'serviceAccount:bootstrap-admin@presage.local',
    });
    expect(got.json).not.toHaveProperty('keyString');
    expect(got.json).not.toHaveProperty('lastUseTime');
    const listed = await call(h.baseUrl, 'GET', `/v1/${PROJECT}/apiKeys?pageSize=100`, undefined, asAdmin);
    expect(JSON.stringify(listed.json)).not.toContain(created.keyString);
    expect((listed.json.apiKeys as { name: string }[]).map((k) => k.name)).toContain(created.name);

    // Bound to nothing: authenticated (403, not 401), and its use is recorded.
    expect((await call(h.baseUrl, 'GET', `/v1/${MODEL}`, undefined, bearer(created.keyString))).status).toBe(
      403,
    );
    const used = await call(h.baseUrl, 'GET', `/v1/${created.name}`, undefined, asAdmin);
    expect(used.json.lastUseTime).toEqual(expect.any(String));
  });

  it('refuses a deleted key', async () => {
    const created = await createKey(PROJECT, { displayName: 'to revoke', member: member('viewer') });
    const path = `/v1/${PROJECT}/models`;
    expect((await call(h.baseUrl, 'GET', path, undefined, bearer(created.keyString))).status).toBe(200);
    expect((await call(h.baseUrl, 'DELETE', `/v1/${created.name}`, undefined, asAdmin)).status).toBe(200);
    await waitFor(
      async () => (await call(h.baseUrl, 'GET', path, undefined, bearer(created.keyString))).status === 401,
      { timeoutMs: 5_000, description: 'the deleted key to be refused' },
    );
    expect((await call(h.baseUrl, 'GET', `/v1/${created.name}`, undefined, asAdmin)).status).toBe(404);
    expect((await call(h.baseUrl, 'DELETE', `/v1/${created.name}`, undefined, asAdmin)).status).toBe(404);
  });

  it('refuses a key after its expiry', async () => {
    const expireTime = new Date(Date.now() + 1_500).toISOString();
    const created = await createKey(PROJECT, {
      displayName: 'short-lived',
      member: member('viewer'),
      expireTime,
    });
    const path = `/v1/${PROJECT}/models`;
    expect((await call(h.baseUrl, 'GET', path, undefined, bearer(created.keyString))).status).toBe(200);
    await waitFor(
      async () => (await call(h.baseUrl, 'GET', path, undefined, bearer(created.keyString))).status === 401,
      { timeoutMs: 5_000, description: 'the expired key to be refused' },
    );
  });

  it('answers field violations for a bad key request', async () => {
    const res = await call(
      h.baseUrl,
      'POST',
      `/v1/${PROJECT}/apiKeys`,
      { displayName: '', member: 'allUsers', expireTime: '2001-01-01T00:00:00Z' },
      asAdmin,
    );
    expect(res.status).toBe(400);
    const fields = (res.json.error.details[0].fieldViolations as { field: string }[]).map((v) => v.field);
    expect(fields).toEqual(['api_key.display_name', 'api_key.member', 'api_key.expire_time']);
  });
});

describe('IAM policies', () => {
  it('refuses a stale etag with 409 ABORTED, and takes the current one', async () => {
    const read = await call(h.baseUrl, 'POST', `/v1/projects/etags:getIamPolicy`, {}, asAdmin);
    expect(read.json).toMatchObject({ version: 1 });
    const first = await call(
      h.baseUrl,
      'POST',
      `/v1/projects/etags:setIamPolicy`,
      { policy: { bindings: [{ role: 'roles/ml.viewer', members: [member('viewer')] }] } },
      asAdmin,
    );
    expect(first.status).toBe(200);
    const stale = await call(
      h.baseUrl,
      'POST',
      `/v1/projects/etags:setIamPolicy`,
      { policy: { bindings: [], etag: Buffer.from('0000000000000000', 'hex').toString('base64') } },
      asAdmin,
    );
    expect(stale.status).toBe(409);
    expect(stale.json.error.status).toBe('ABORTED');
    const current = await call(
      h.baseUrl,
      'POST',
      `/v1/projects/etags:setIamPolicy`,
      { policy: { bindings: [], etag: first.json.etag } },
      asAdmin,
    );
    expect(current.status).toBe(200);
    expect(current.json.etag).not.toBe(first.json.etag);
  });

  it('refuses unknown roles, members it cannot authenticate, and conditions, naming each field', async () => {
    const res = await call(
      h.baseUrl,
      'POST',
      `/v1/${PROJECT}:setIamPolicy`,
      {
        policy: {
          bindings: [
            { role: 'roles/owner', members: [member('admin')] },
            { role: 'roles/ml.viewer', members: ['allUsers', 'alice'] },
            { role: 'roles/ml.viewer', members: [member('viewer')], condition: { expression: 'true' } },
          ],
        },
      },
      asAdmin,
    );
    expect(res.status).toBe(400);
    const fields = (res.json.error.details[0].fieldViolations as { field: string }[]).map((v) => v.field);
    expect(fields).toEqual([
      'policy.bindings[0].role',
      'policy.bindings[1].members[0]',
      'policy.bindings[1].members[1]',
      'policy.bindings[2].condition',
    ]);
  });

  it('applies a policy change to the next calls', async () => {
    const project = 'projects/changing';
    const created = await createKey(project, { displayName: 'changing', member: 'user:carol@example.com' });
    const path = `/v1/${project}/models`;
    expect((await call(h.baseUrl, 'GET', path, undefined, bearer(created.keyString))).status).toBe(403);
    await call(
      h.baseUrl,
      'POST',
      `/v1/${project}:setIamPolicy`,
      { policy: { bindings: [{ role: 'roles/ml.viewer', members: ['allAuthenticatedUsers'] }] } },
      asAdmin,
    );
    await waitFor(
      async () => (await call(h.baseUrl, 'GET', path, undefined, bearer(created.keyString))).status === 200,
      { timeoutMs: 5_000, description: 'the new policy to apply' },
    );
  });
});

describe('identity from the credential', () => {
  it('records the key member as publisher and actor, whatever x-presage-actor says', async () => {
    const headers = { ...bearer(keys.developer), 'x-presage-actor': 'ceo@evil' };
    const created = await call(
      h.baseUrl,
      'POST',
      `/v1/${MODEL}/versions`,
      { name: 'v2', deploymentUri: 'file:///m/2' },
      headers,
    );
    expect(created.status).toBe(200);
    const version = await call(h.baseUrl, 'GET', `/v1/${MODEL}/versions/v2`, undefined, headers);
    expect(version.json.lineage.publishedBy).toBe(member('developer'));
    const events = await call(
      h.baseUrl,
      'GET',
      `/v1/${MODEL}/versions/v2/deploymentEvents`,
      undefined,
      headers,
    );
    expect(events.status).toBe(200);
    const actors = new Set((events.json.deploymentEvents as { actor: string }[]).map((e) => e.actor));
    expect(actors).toEqual(new Set([member('developer')]));
  });

  it('refuses a lineage.publishedBy that is not the caller', async () => {
    const res = await call(
      h.baseUrl,
      'POST',
      `/v1/${MODEL}/versions`,
      { name: 'v3', deploymentUri: 'file:///m/3', lineage: { publishedBy: 'ceo@evil' } },
      bearer(keys.developer),
    );
    expect(res.status).toBe(400);
    expect(res.json.error.details[0].fieldViolations[0].field).toBe('version.lineage.published_by');
  });
});

describe("Google's own Node client (googleapis), with a Presage key", () => {
  // fetchImplementation: gaxios would otherwise import node-fetch dynamically, which jest's module
  // sandbox does not allow; the requests are the same.
  it('lists models and predicts with auth set to the key, and is refused without it', async () => {
    const rootUrl = `${h.baseUrl}/`;
    const client = mlClient({ version: 'v1', rootUrl, auth: keys.developer, fetchImplementation: fetch });
    const models = await client.projects.models.list({ parent: PROJECT });
    expect(models.status).toBe(200);
    expect(models.data.models?.map((m) => m.name)).toContain(MODEL);
    const predicted = await client.projects.predict({
      name: VERSION,
      requestBody: { httpBody: { data: JSON.stringify({ instances: [[1, 2, 3, 4]] }) } },
    });
    expect(predicted.status).toBe(200);
    expect(predicted.data).toEqual({ predictions: ['setosa'] });

    const anonymous = mlClient({ version: 'v1', rootUrl, fetchImplementation: fetch });
    await expect(anonymous.projects.models.list({ parent: PROJECT })).rejects.toMatchObject({ status: 401 });
    const viewer = mlClient({ version: 'v1', rootUrl, auth: keys.viewer, fetchImplementation: fetch });
    await expect(
      viewer.projects.models.create({ parent: PROJECT, requestBody: { name: 'nope' } }),
    ).rejects.toMatchObject({
      status: 403,
    });
  });
});

describe('the predictions-per-minute quota', () => {
  it('answers 429 with RetryInfo and QuotaFailure once a project has used its minute, over REST and gRPC', async () => {
    const gateway = await h.startGateway({
      auth: 'required',
      bootstrapAdminKey: ADMIN_KEY,
      authCacheMs: 100,
      predictionsPerMinute: 3,
    });
    const predict = (headers: Record<string, string>) =>
      call(gateway.baseUrl, 'POST', `/v1/${VERSION}:predict`, { instances: [[1, 2, 3, 4]] }, headers);
    // Refused callers spend nothing of the project's quota.
    for (let i = 0; i < 5; i++) expect((await predict({})).status).toBe(401);
    expect((await predict(bearer(keys.viewer))).status).toBe(403);
    for (let i = 0; i < 3; i++) expect((await predict(bearer(keys.modelUser))).status).toBe(200);
    const over = await predict(bearer(keys.modelUser));
    expect(over.status).toBe(429);
    expect(over.json.error).toMatchObject({
      status: 'RESOURCE_EXHAUSTED',
      message: expect.stringContaining('Quota exceeded for projects/demo'),
      details: expect.arrayContaining([
        {
          '@type': 'type.googleapis.com/google.rpc.RetryInfo',
          retryDelay: expect.stringMatching(/^\d+(\.\d+)?s$/),
        },
        {
          '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
          violations: [{ subject: 'projects/demo', description: expect.stringContaining('limit 3') }],
        },
      ]),
    });

    const Client = grpc.makeGenericClientConstructor(
      serviceDefinition('presage.v1.OnlinePredictionService'),
      'OnlinePredictionService',
    );
    const client = new Client(gateway.grpcAddress, grpc.credentials.createInsecure());
    const metadata = new grpc.Metadata();
    metadata.set('x-goog-api-key', keys.modelUser);
    const error = await new Promise<grpc.ServiceError | null>((resolve) =>
      (client as unknown as Record<string, (...args: unknown[]) => void>)['Predict']!(
        { name: VERSION, httpBody: { data: Buffer.from('{"instances":[[1,2,3,4]]}') } },
        metadata,
        resolve,
      ),
    );
    client.close();
    expect(error?.code).toBe(StatusCode.RESOURCE_EXHAUSTED);
    // Another project has its own quota (and no such model).
    expect(
      (
        await call(
          gateway.baseUrl,
          'POST',
          '/v1/projects/other/models/m:predict',
          { instances: [1] },
          asAdmin,
        )
      ).status,
    ).toBe(404);
    await gateway.stop();
  });
});

describe("a project's quota settings", () => {
  const settings = `/v1/${PROJECT}/quotaSettings`;
  const patch = (mask: string, body: Record<string, unknown>) =>
    call(h.baseUrl, 'PATCH', `${settings}?updateMask=${mask}`, body, asAdmin);
  const predict = () =>
    call(h.baseUrl, 'POST', `/v1/${VERSION}:predict`, { instances: [[1, 2, 3, 4]] }, bearer(keys.modelUser));

  it("override the gateway's default, are applied within the cache time, and go back to it at 0", async () => {
    // The harness's gateway has no default limit: only the project's setting can refuse.
    const set = await patch('predictionsPerMinute', { predictionsPerMinute: 2 });
    expect(set.status).toBe(200);
    expect(set.json).toMatchObject({
      name: 'projects/demo/quotaSettings',
      predictionsPerMinute: 2,
      updatedBy: 'serviceAccount:bootstrap-admin@presage.local',
    });
    let refused: Awaited<ReturnType<typeof predict>> | undefined;
    await waitFor(async () => (refused = await predict()).status === 429, {
      timeoutMs: 10_000,
      description: 'a prediction over the setting of 2 per minute to be refused',
    });
    expect(refused!.json.error.details).toContainEqual({
      '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
      violations: [
        {
          subject: 'projects/demo',
          description: 'online predictions per minute (limit 2, projects/demo/quotaSettings)',
        },
      ],
    });
    expect((await patch('predictionsPerMinute', { predictionsPerMinute: -1 })).status).toBe(200);
    await waitFor(async () => (await predict()).status === 200, {
      timeoutMs: 10_000,
      description: 'no limit (-1) to let predictions through',
    });
    for (let i = 0; i < 10; i++) expect((await predict()).status).toBe(200);
    // proto3 JSON leaves out fields at 0: both are back at the default.
    const reset = await patch('predictionsPerMinute', { predictionsPerMinute: 0 });
    expect([reset.status, reset.json.predictionsPerMinute, reset.json.concurrentBatchJobs]).toEqual([
      200,
      undefined,
      undefined,
    ]);
  });

  it('answer field violations, a missing mask and a stale etag with 400 and 409', async () => {
    const bad = await patch('predictionsPerMinute,concurrentBatchJobs', {
      predictionsPerMinute: -5,
      concurrentBatchJobs: -2,
    });
    expect(bad.status).toBe(400);
    const violations = bad.json.error.details[0].fieldViolations as { field: string }[];
    expect(violations.map((v) => v.field)).toEqual([
      'quota_settings.predictions_per_minute',
      'quota_settings.concurrent_batch_jobs',
    ]);
    const noMask = await call(h.baseUrl, 'PATCH', settings, { predictionsPerMinute: 5 }, asAdmin);
    expect([noMask.status, noMask.json.error.details[0].fieldViolations[0].field]).toEqual([
      400,
      'update_mask',
    ]);
    const unknown = await patch('etag', { predictionsPerMinute: 5 });
    expect(unknown.status).toBe(400);
    const current = await call(h.baseUrl, 'GET', settings, undefined, asAdmin);
    const stale = current.json.etag as string;
    expect((await patch('concurrentBatchJobs', { concurrentBatchJobs: 3, etag: stale })).status).toBe(200);
    const conflict = await patch('concurrentBatchJobs', { concurrentBatchJobs: 4, etag: stale });
    expect([conflict.status, conflict.json.error.status]).toEqual([409, 'ABORTED']);
    const after = await call(h.baseUrl, 'GET', settings, undefined, bearer(keys.viewer));
    expect([after.json.concurrentBatchJobs, after.json.predictionsPerMinute]).toEqual([3, undefined]);
    expect((await patch('concurrentBatchJobs', { concurrentBatchJobs: 0 })).status).toBe(200);
  });
});
