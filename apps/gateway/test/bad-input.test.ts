import * as grpc from '@grpc/grpc-js';
import { StatusCode } from '@presage/errors';
import { createClient, fromServiceError } from '@presage/grpc-kit';
import type { ConnectedClient } from '@presage/grpc-kit';
import { ModelService, encodeMessage } from '@presage/proto';
import { MAX_DESCRIPTION_CHARS } from '@presage/resources';
import { expectApiError } from '@presage/testing';
import type { ModelServiceHandlers } from '@presage/proto';
import { call, startGatewayHarness } from './gateway-harness';
import type { GatewayHarness } from './gateway-harness';

/**
 * Malformed requests over the public REST and gRPC interfaces: each answers INVALID_ARGUMENT naming
 * what is wrong (the field, the limit), never a 5xx.
 */
const MAX_BODY_BYTES = 256 * 1024;
const P = '/v1/projects/bad';
let h: GatewayHarness;
let models: ConnectedClient<ModelServiceHandlers>;

beforeAll(async () => {
  h = await startGatewayHarness({ maxBodyBytes: MAX_BODY_BYTES });
  models = createClient(ModelService, h.grpcAddress);
  expect((await call(h.baseUrl, 'POST', `${P}/models`, { name: 'm' })).status).toBe(200);
});
afterAll(async () => {
  models?.close();
  await h?.stop();
});

interface Violation {
  field: string;
  description: string;
}

interface RestError {
  status: number;
  error: { status: string; message: string; details?: { fieldViolations?: Violation[] }[] } | undefined;
  violations: Violation[];
}

/** The REST error and the field violations its BadRequest holds. */
async function restError(method: string, path: string, body?: unknown): Promise<RestError> {
  const res = await call(h.baseUrl, method, path, body);
  const error = (res.json as { error?: RestError['error'] } | undefined)?.error;
  const violations = (error?.details ?? []).flatMap((d) => d.fieldViolations ?? []);
  return { status: res.status, error, violations };
}

describe('text the database cannot store', () => {
  it('refuses a NUL character in a REST body field, naming the field', async () => {
    const model = await restError('POST', `${P}/models`, { name: 'nul', description: 'a\u0000b' });
    expect(model).toMatchObject({ status: 400, error: { status: 'INVALID_ARGUMENT' } });
    expect(model.violations).toEqual([
      { field: 'model.description', description: expect.stringContaining('NUL character (U+0000)') },
    ]);
    for (const [version, field] of [
      [{ name: 'v1', deploymentUri: 'file:///models/\u0000' }, 'version.deployment_uri'],
      [{ name: 'v1', deploymentUri: 'file:///m', labels: { team: 'a\u0000' } }, 'version.labels.team'],
      [
        { name: 'v1', deploymentUri: 'file:///m', lineage: { trainedBy: '\u0000' } },
        'version.lineage.trained_by',
      ],
      [
        { name: 'v1', deploymentUri: 'file:///m', lineage: { trainingDatasets: [{ uri: 'x\u0000' }] } },
        'version.lineage.training_datasets[0].uri',
      ],
    ] as const) {
      const refused = await restError('POST', `${P}/models/m/versions`, version);
      expect(refused.status).toBe(400);
      expect(refused.violations.map((v) => v.field)).toEqual([field]);
    }
  });

  it('refuses a NUL character in a path segment and in a query parameter', async () => {
    const operation = await restError('GET', `${P}/operations/x%00y`);
    expect(operation).toMatchObject({ status: 400, error: { status: 'INVALID_ARGUMENT' } });
    expect(operation.violations).toEqual([{ field: 'name', description: expect.stringContaining('NUL') }]);
    const filter = await restError('GET', `${P}/models?filter=${encodeURIComponent('name:a\u0000')}`);
    expect(filter.status).toBe(400);
    expect(filter.violations.map((v) => v.field)).toEqual(['filter']);
    const token = await restError('GET', `${P}/models?pageToken=%00`);
    expect(token.violations.map((v) => v.field)).toEqual(['page_token']);
  });

  it('refuses a caller identity header that gRPC metadata cannot carry', async () => {
    const res = await call(h.baseUrl, 'GET', `${P}/models`, undefined, { 'x-presage-actor': 'zo\u00e9' });
    expect(res.status).toBe(400);
    expect(res.json.error.details[0].fieldViolations).toEqual([
      { field: 'x-presage-actor', description: expect.stringContaining('printable ASCII') },
    ]);
  });

  it('refuses an unpaired surrogate sent as a JSON escape, which is not text', async () => {
    const refused = await restError('POST', `${P}/models`, '{"name": "s", "description": "x\\ud800"}');
    expect(refused.status).toBe(400);
    expect(refused.violations).toEqual([
      {
        field: 'model.description',
        description: expect.stringContaining('unpaired UTF-16 surrogate (U+D800)'),
      },
    ]);
  });

  it('refuses a NUL character over gRPC with the same field violation', async () => {
    await expectApiError(
      models.client.CreateModel({ parent: 'projects/bad', model: { name: 'g', description: '\u0000' } }),
      StatusCode.INVALID_ARGUMENT,
      { field: 'model.description', message: /NUL/ },
    );
    await expectApiError(
      models.client.UpdateVersion({
        name: 'projects/bad/models/m/versions/v1',
        version: { lineage: { source: { codeCommit: 'abc\u0000' } } },
        updateMask: { paths: ['lineage.source'] },
      }),
      StatusCode.INVALID_ARGUMENT,
      { field: 'version.lineage.source.code_commit' },
    );
  });
});

describe('JSON nesting', () => {
  it('refuses a REST body nested 10,000 levels deep, saying the limit', async () => {
    const deep = `{"name": "deep", "labels": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    const refused = await restError('POST', `${P}/models`, deep);
    expect(refused).toMatchObject({
      status: 400,
      error: { status: 'INVALID_ARGUMENT', message: expect.stringContaining('more than 100 levels deep') },
    });
  });
});

describe('gRPC messages', () => {
  it('answers INVALID_ARGUMENT to bytes that are not the request message', async () => {
    const client = new grpc.Client(h.grpcAddress, grpc.credentials.createInsecure());
    try {
      const error = await new Promise<ReturnType<typeof fromServiceError>>((resolve, reject) =>
        client.makeUnaryRequest(
          '/presage.v1.ModelService/CreateModel',
          (bytes: Buffer) => bytes,
          (bytes: Buffer) => bytes,
          Buffer.from([0x7b]),
          new grpc.Metadata(),
          { deadline: Date.now() + 10_000 },
          (e) => (e ? resolve(fromServiceError(e)) : reject(new Error('expected a failure'))),
        ),
      );
      expect(error.code).toBe(StatusCode.INVALID_ARGUMENT);
      expect(error.message).toContain('not a valid presage.v1.CreateModelRequest message');
    } finally {
      client.close();
    }
  });

  it('limits a request as REST does: over PRESAGE_MAX_BODY_BYTES is INVALID_ARGUMENT on both', async () => {
    const big = 'd'.repeat(MAX_BODY_BYTES + 80 * 1024);
    const rest = await restError('POST', `${P}/models`, { name: 'big', description: big });
    expect(rest).toMatchObject({
      status: 413,
      error: {
        status: 'INVALID_ARGUMENT',
        message: expect.stringContaining(`limit of ${MAX_BODY_BYTES} bytes`),
      },
    });
    const grpcError = await expectApiError(
      models.client.CreateModel({ parent: 'projects/bad', model: { name: 'big', description: big } }),
      StatusCode.INVALID_ARGUMENT,
      { field: '', message: /larger than the limit of \d+ bytes .*PRESAGE_MAX_BODY_BYTES/ },
    );
    expect(grpcError.message).toContain(`limit of ${MAX_BODY_BYTES + 64 * 1024} bytes`);
    // Just under the limit the request is read, and answered on its merits.
    const request = {
      parent: 'projects/bad',
      model: { name: 'under', description: 'd'.repeat(MAX_BODY_BYTES) },
    };
    expect(encodeMessage('presage.v1.CreateModelRequest', request).length).toBeLessThan(
      MAX_BODY_BYTES + 64 * 1024,
    );
    await expectApiError(models.client.CreateModel(request), StatusCode.INVALID_ARGUMENT, {
      field: 'model.description',
    });
  });
});

describe('descriptions and list pages', () => {
  it(`refuses a description over ${MAX_DESCRIPTION_CHARS} characters when a model or version is created or updated`, async () => {
    const long = 'x'.repeat(MAX_DESCRIPTION_CHARS + 1);
    const cases: [string, string, unknown, string][] = [
      ['POST', `${P}/models`, { name: 'long', description: long }, 'model.description'],
      ['PATCH', `${P}/models/m?updateMask=description`, { description: long }, 'model.description'],
      [
        'POST',
        `${P}/models/m/versions`,
        { name: 'v9', deploymentUri: 'file:///m', description: long },
        'version.description',
      ],
    ];
    for (const [method, path, body, field] of cases) {
      const refused = await restError(method, path, body);
      expect(refused.status).toBe(400);
      expect(refused.violations).toEqual([
        { field, description: expect.stringContaining(`At most ${MAX_DESCRIPTION_CHARS}`) },
      ]);
    }
  });

  it('lists a page of 100 models with the longest descriptions over REST and gRPC', async () => {
    const description = 'd'.repeat(MAX_DESCRIPTION_CHARS);
    for (let i = 0; i < 100; i++) {
      expect(
        (await call(h.baseUrl, 'POST', '/v1/projects/wide/models', { name: `m${i}`, description })).status,
      ).toBe(200);
    }
    const rest = await call(h.baseUrl, 'GET', '/v1/projects/wide/models?pageSize=100');
    expect(rest.status).toBe(200);
    expect(rest.json.models).toHaveLength(100);
    const page = await models.client.ListModels({ parent: 'projects/wide', pageSize: 100 });
    expect(page.models).toHaveLength(100);
    expect(page.models[99]!.description).toBe(description);
  });
});
