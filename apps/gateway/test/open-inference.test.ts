import { spawn, spawnSync } from 'node:child_process';
import * as grpc from '@grpc/grpc-js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StatusCode } from '@presage/errors';
import { createClient } from '@presage/grpc-kit';
import type { ConnectedClient } from '@presage/grpc-kit';
import { buildFixture, expectClose } from '@presage/model-fixtures';
import type { Fixture, FixtureName } from '@presage/model-fixtures';
import { GRPCInferenceService, serviceDefinition } from '@presage/proto';
import type { GRPCInferenceServiceHandlers } from '@presage/proto';
import { expectApiError, waitFor } from '@presage/testing';
import { call, startGatewayHarness } from './gateway-harness';
import type { ExtraGateway, GatewayHarness } from './gateway-harness';

/**
 * The Open Inference Protocol (KServe v2) on the gateway, over REST and gRPC, against real predictor
 * processes (the deployer runs them) serving the ONNX fixtures with onnxruntime.
 */
const ROOT = path.resolve(__dirname, '../../..');
const PROJECT = 'v2demo';
const ADMIN_KEY = 'v2-bootstrap-admin-key-0123456789abcdef';
const FIXTURES: FixtureName[] = ['linear', 'int64_input', 'multi_input', 'string_input'];
let home: string;
let h: GatewayHarness;
let v2: ConnectedClient<GRPCInferenceServiceHandlers>;
const fixtures = {} as Record<FixtureName, Fixture>;

/** A gRPC shape: int64 dims arrive as strings (the loader's `longs: String`). */
const dims = (...sizes: number[]) => sizes.map(String);
const infer = (model: string, body: unknown, headers: Record<string, string> = {}) =>
  call(h.baseUrl, 'POST', `/v2/models/${model}/infer`, body, headers);

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'presage-v2-'));
  h = await startGatewayHarness({ realDeployer: { PRESAGE_HOME: home } });
  v2 = createClient(GRPCInferenceService, h.grpcAddress, { deadlineMs: 30_000 });
  expect((await call(h.baseUrl, 'POST', `/v1/projects/${PROJECT}/models`, { name: 'linear' })).status).toBe(
    200,
  );
  for (const name of FIXTURES) {
    fixtures[name] = await buildFixture(name, path.join(home, 'fixtures'));
    if (name !== 'linear') await call(h.baseUrl, 'POST', `/v1/projects/${PROJECT}/models`, { name });
    const created = await call(h.baseUrl, 'POST', `/v1/projects/${PROJECT}/models/${name}/versions`, {
      name: 'v1',
      deploymentUri: fixtures[name].dir,
    });
    expect(created.status).toBe(200);
  }
  for (const name of FIXTURES) {
    await waitFor(
      async () => {
        const version = await call(h.baseUrl, 'GET', `/v1/projects/${PROJECT}/models/${name}/versions/v1`);
        if (version.json.state === 'FAILED') throw new Error(version.json.errorMessage as string);
        return version.json.state === 'READY';
      },
      { timeoutMs: 90_000, description: `${name} to become READY` },
    );
  }
}, 180_000);

afterAll(async () => {
  v2?.close();
  await h?.stop();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('health and metadata', () => {
  it('answers live, ready and server metadata over REST', async () => {
    for (const url of ['/v2/health/live', '/v2/health/ready']) {
      const res = await fetch(`${h.baseUrl}${url}`);
      expect([url, res.status, await res.text()]).toEqual([url, 200, '']);
    }
    expect(await call(h.baseUrl, 'GET', '/v2')).toEqual({
      status: 200,
      json: { name: 'presage', version: expect.any(String), extensions: [] },
    });
  });

  it('answers model metadata with datatypes and -1 for variable dims, by model and by version', async () => {
    const expected = {
      name: `${PROJECT}.int64_input`,
      versions: ['v1'],
      platform: expect.any(String),
      inputs: [{ name: 'ids', datatype: 'INT64', shape: [-1, 3] }],
      outputs: [
        { name: 'doubled', datatype: 'INT64', shape: [-1, 3] },
        { name: 'total', datatype: 'FP32', shape: [-1, 1] },
      ],
    };
    expect(await call(h.baseUrl, 'GET', `/v2/models/${PROJECT}.int64_input`)).toEqual({
      status: 200,
      json: expected,
    });
    const byVersion = await call(h.baseUrl, 'GET', `/v2/models/${PROJECT}.int64_input/versions/v1`);
    expect(byVersion).toEqual({ status: 200, json: expected });
    const grpcMetadata = await v2.client.ModelMetadata({ name: `${PROJECT}.string_input` });
    expect(grpcMetadata).toMatchObject({
      name: `${PROJECT}.string_input`,
      versions: ['v1'],
      inputs: [{ name: 'word', datatype: 'BYTES', shape: ['-1', '1'] }],
      outputs: [{ name: 'label', datatype: 'INT64', shape: ['-1', '1'] }],
    });
  });

  it('answers model readiness, and 404 / NOT_FOUND for unknown models and versions', async () => {
    const ready = await fetch(`${h.baseUrl}/v2/models/${PROJECT}.linear/versions/v1/ready`);
    expect([ready.status, await ready.text()]).toEqual([200, '']);
    expect(await v2.client.ModelReady({ name: `${PROJECT}.linear` })).toEqual({ ready: true });
    expect(await v2.client.ServerLive({})).toEqual({ live: true });
    expect(await v2.client.ServerReady({})).toEqual({ ready: true });
    expect((await v2.client.ServerMetadata({})).name).toBe('presage');
    for (const url of [
      `/v2/models/${PROJECT}.nope/ready`,
      `/v2/models/${PROJECT}.linear/versions/v9`,
      '/v2/models/nodots',
    ]) {
      const res = await call(h.baseUrl, 'GET', url);
      expect([url, res.status, typeof res.json.error]).toEqual([url, 404, 'string']);
    }
    await expectApiError(v2.client.ModelReady({ name: `${PROJECT}.nope` }), StatusCode.NOT_FOUND);
    await expectApiError(
      v2.client.ModelMetadata({ name: `${PROJECT}.linear`, version: 'v9' }),
      StatusCode.NOT_FOUND,
    );
  });
});

describe('inference over REST', () => {
  it('infers FP32 from flat and nested data, echoing the id, with the real output datatype', async () => {
    const { instances, predictions } = fixtures.linear;
    const flat = await infer(`${PROJECT}.linear`, {
      id: 'req-1',
      inputs: [{ name: 'x', datatype: 'FP32', shape: [instances.length, 4], data: instances.flat() }],
    });
    expect(flat.status).toBe(200);
    expect(flat.json).toMatchObject({ model_name: `${PROJECT}.linear`, model_version: 'v1', id: 'req-1' });
    expect(flat.json.outputs).toHaveLength(1);
    expect(flat.json.outputs[0]).toMatchObject({ name: 'y', datatype: 'FP32', shape: [instances.length, 3] });
    expectClose(flat.json.outputs[0].data, predictions.flat());
    const nested = await infer(`${PROJECT}.linear/versions/v1`, {
      inputs: [{ name: 'x', datatype: 'FP32', shape: [instances.length, 4], data: instances }],
    });
    expect(nested.status).toBe(200);
    expect(nested.json.id).toBeUndefined();
    expectClose(nested.json.outputs[0].data, predictions.flat());
    // The answer names the version that served it, as :predict's do.
    const served = await fetch(`${h.baseUrl}/v2/models/${PROJECT}.linear/infer`, {
      method: 'POST',
      body: JSON.stringify({ inputs: [{ name: 'x', datatype: 'FP32', shape: [1, 4], data: instances[0] }] }),
    });
    expect([served.status, served.headers.get('x-presage-version')]).toEqual([
      200,
      `projects/${PROJECT}/models/linear/versions/v1`,
    ]);
  });

  it('infers INT64 exactly beyond int32 and returns only the outputs asked for', async () => {
    const res = await infer(`${PROJECT}.int64_input`, {
      inputs: [
        { name: 'ids', datatype: 'INT64', shape: [3, 3], data: fixtures.int64_input.instances.flat() },
      ],
      outputs: [{ name: 'doubled' }],
    });
    expect(res.status).toBe(200);
    expect(res.json.outputs).toEqual([
      { name: 'doubled', datatype: 'INT64', shape: [3, 3], data: [2, 4, 6, -8, 0, 10, 6e9, -6e9, 14] },
    ]);
  });

  it('infers a model with two inputs and two outputs, and BYTES inputs', async () => {
    const multi = await infer(`${PROJECT}.multi_input`, {
      inputs: [
        { name: 'b', datatype: 'FP32', shape: [2, 3], data: [3, 4, 5, 0, 1, -1] },
        { name: 'a', datatype: 'FP32', shape: [2, 2], data: [1, 2, -0.5, 0.25] },
      ],
    });
    expect(multi.status).toBe(200);
    expect(multi.json.outputs).toEqual([
      { name: 'sum', datatype: 'FP32', shape: [2, 1], data: [15, -0.25] },
      { name: 'scaled', datatype: 'FP32', shape: [2, 2], data: [2, 4, -1, 0.5] },
    ]);
    const words = await infer(`${PROJECT}.string_input`, {
      inputs: [{ name: 'word', datatype: 'BYTES', shape: [4, 1], data: ['cat', 'dog', 'zebra', 'fish'] }],
    });
    expect(words.json.outputs).toEqual([
      { name: 'label', datatype: 'INT64', shape: [4, 1], data: [1, 2, -1, 4] },
    ]);
  });

  it.each([
    [
      'a wrong shape',
      { name: 'x', datatype: 'FP32', shape: [1, 5], data: [1, 2, 3, 4, 5] },
      /shape \[1, 5\]/,
    ],
    [
      'a wrong datatype',
      { name: 'x', datatype: 'INT32', shape: [1, 4], data: [1, 2, 3, 4] },
      /datatype INT32/,
    ],
    ['too few values', { name: 'x', datatype: 'FP32', shape: [2, 4], data: [1, 2, 3, 4] }, /holds 8 values/],
    [
      'an unknown datatype',
      { name: 'x', datatype: 'FLOAT', shape: [1, 4], data: [1, 2, 3, 4] },
      /valid: BOOL/,
    ],
    ['a non-number', { name: 'x', datatype: 'FP32', shape: [1, 4], data: [1, 2, 'x', 4] }, /element 2/],
    [
      'an unknown input',
      { name: 'z', datatype: 'FP32', shape: [1, 4], data: [1, 2, 3, 4] },
      /unknown input 'z'/,
    ],
  ])('answers 400 {"error"} for %s', async (_what, input, message) => {
    const res = await infer(`${PROJECT}.linear`, { inputs: [input] });
    expect(res.status).toBe(400);
    expect(Object.keys(res.json as object)).toEqual(['error']);
    expect(res.json.error).toMatch(message);
  });

  it('answers 404 {"error"} for an unknown model and 400 for a body that is not a request', async () => {
    const unknown = await infer(`${PROJECT}.nope`, { inputs: [] });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error).toEqual(expect.any(String));
    expect((await infer(`${PROJECT}.linear`, '{"inputs": 3}')).status).toBe(400);
    expect((await infer(`${PROJECT}.linear`, 'not json')).status).toBe(400);
    expect((await infer(`${PROJECT}.linear`, { inputs: [], outputs: [{ name: 'q' }] })).status).toBe(400);
  });
});

describe('inference over gRPC', () => {
  it('names the version that answered in the x-presage-version trailer, as Predict does', async () => {
    const method = serviceDefinition('inference.GRPCInferenceService')['ModelInfer']!;
    const client = new grpc.Client(h.grpcAddress, grpc.credentials.createInsecure());
    try {
      const version = await new Promise<string | undefined>((resolve, reject) => {
        const unary = client.makeUnaryRequest(
          method.path,
          method.requestSerialize,
          method.responseDeserialize,
          {
            modelName: `${PROJECT}.linear`,
            inputs: [
              {
                name: 'x',
                datatype: 'FP32',
                shape: dims(1, 4),
                contents: { fp32Contents: fixtures.linear.instances[0] as number[] },
              },
            ],
          },
          new grpc.Metadata(),
          (error) => error && reject(error),
        );
        unary.on('status', (status: grpc.StatusObject) =>
          resolve(status.metadata.get('x-presage-version')[0]?.toString()),
        );
      });
      expect(version).toBe(`projects/${PROJECT}/models/linear/versions/v1`);
    } finally {
      client.close();
    }
  });

  it('infers with typed contents and answers typed contents', async () => {
    const answer = await v2.client.ModelInfer({
      modelName: `${PROJECT}.linear`,
      id: 'g-1',
      inputs: [
        {
          name: 'x',
          datatype: 'FP32',
          shape: dims(4, 4),
          contents: { fp32Contents: fixtures.linear.instances.flat() as number[] },
        },
      ],
    });
    expect(answer).toMatchObject({
      modelName: `${PROJECT}.linear`,
      modelVersion: 'v1',
      id: 'g-1',
      rawOutputContents: [],
    });
    expect(answer.outputs[0]).toMatchObject({ name: 'y', datatype: 'FP32', shape: ['4', '3'] });
    expectClose(answer.outputs[0]!.contents!.fp32Contents, fixtures.linear.predictions.flat());
    const ints = await v2.client.ModelInfer({
      modelName: `${PROJECT}.int64_input`,
      inputs: [
        {
          name: 'ids',
          datatype: 'INT64',
          shape: dims(1, 3),
          contents: { int64Contents: ['3000000000', '-1', '7'] },
        },
      ],
    });
    expect(ints.outputs.map((output) => [output.name, output.datatype])).toEqual([
      ['doubled', 'INT64'],
      ['total', 'FP32'],
    ]);
    expect(ints.outputs[0]!.contents!.int64Contents).toEqual(['6000000000', '-2', '14']);
    const words = await v2.client.ModelInfer({
      modelName: `${PROJECT}.string_input`,
      inputs: [
        {
          name: 'word',
          datatype: 'BYTES',
          shape: dims(2, 1),
          contents: { bytesContents: [Buffer.from('bird'), Buffer.from('cow')] },
        },
      ],
    });
    expect(words.outputs[0]!.contents!.int64Contents).toEqual(['3', '-1']);
  });

  it('infers with raw_input_contents and answers raw_output_contents, little-endian', async () => {
    const x = Float32Array.from(fixtures.linear.instances.flat() as number[]);
    const answer = await v2.client.ModelInfer({
      modelName: `${PROJECT}.linear`,
      inputs: [{ name: 'x', datatype: 'FP32', shape: dims(4, 4) }],
      rawInputContents: [Buffer.from(x.buffer)],
    });
    expect(answer.outputs).toEqual([
      { name: 'y', datatype: 'FP32', shape: ['4', '3'], parameters: {}, contents: null },
    ]);
    const raw = answer.rawOutputContents[0]!;
    const y = Array.from({ length: 12 }, (_, i) => raw.readFloatLE(i * 4));
    expectClose(y, fixtures.linear.predictions.flat());

    const ids = Buffer.alloc(24);
    [5n, -3000000000n, 0n].forEach((v, i) => ids.writeBigInt64LE(v, i * 8));
    const ints = await v2.client.ModelInfer({
      modelName: `${PROJECT}.int64_input`,
      inputs: [{ name: 'ids', datatype: 'INT64', shape: dims(1, 3) }],
      outputs: [{ name: 'doubled' }],
      rawInputContents: [ids],
    });
    const doubled = ints.rawOutputContents[0]!;
    expect([0, 1, 2].map((i) => doubled.readBigInt64LE(i * 8))).toEqual([10n, -6000000000n, 0n]);

    const words = Buffer.concat(
      ['fish', 'cat'].flatMap((w) => [Buffer.from([w.length, 0, 0, 0]), Buffer.from(w)]),
    );
    const labels = await v2.client.ModelInfer({
      modelName: `${PROJECT}.string_input`,
      inputs: [{ name: 'word', datatype: 'BYTES', shape: dims(2, 1) }],
      rawInputContents: [words],
    });
    const label = labels.rawOutputContents[0]!;
    expect([label.readBigInt64LE(0), label.readBigInt64LE(8)]).toEqual([4n, 1n]);
  });

  it('answers INVALID_ARGUMENT for wrong shapes, datatypes and raw sizes, NOT_FOUND for unknown models', async () => {
    const linear = `${PROJECT}.linear`;
    await expectApiError(
      v2.client.ModelInfer({
        modelName: linear,
        inputs: [{ name: 'x', datatype: 'FP32', shape: dims(1, 3), contents: { fp32Contents: [1, 2, 3] } }],
      }),
      StatusCode.INVALID_ARGUMENT,
      { message: /shape \[1, 3\]/ },
    );
    await expectApiError(
      v2.client.ModelInfer({
        modelName: linear,
        inputs: [{ name: 'x', datatype: 'FP32', shape: dims(1, 4), contents: { intContents: [1, 2, 3, 4] } }],
      }),
      StatusCode.INVALID_ARGUMENT,
      { message: /fp32_contents, not int_contents/ },
    );
    await expectApiError(
      v2.client.ModelInfer({
        modelName: linear,
        inputs: [
          { name: 'x', datatype: 'FP64', shape: dims(1, 4), contents: { fp64Contents: [1, 2, 3, 4] } },
        ],
      }),
      StatusCode.INVALID_ARGUMENT,
      { message: /datatype FP64; the model takes FP32/ },
    );
    await expectApiError(
      v2.client.ModelInfer({
        modelName: linear,
        inputs: [{ name: 'x', datatype: 'FP32', shape: dims(1, 4) }],
        rawInputContents: [Buffer.alloc(12)],
      }),
      StatusCode.INVALID_ARGUMENT,
      { message: /16 bytes/ },
    );
    await expectApiError(
      v2.client.ModelInfer({ modelName: `${PROJECT}.nope`, inputs: [] }),
      StatusCode.NOT_FOUND,
    );
  });
});

const hasPythonGrpc =
  spawnSync('/usr/bin/python3', ['-c', 'import grpc, grpc_tools, google.protobuf'], { stdio: 'ignore' })
    .status === 0 && spawnSync('protoc', ['--version'], { stdio: 'ignore' }).status === 0;
const itWithPython = hasPythonGrpc || process.env['CI'] === 'true' ? it : it.skip;

describe('a Python gRPC client generated from protos/', () => {
  itWithPython(
    'performs ModelInfer (typed and raw) and checks the numbers',
    async () => {
      const generated = fs.mkdtempSync(path.join(os.tmpdir(), 'presage-py-v2-'));
      try {
        // The cross-language check itself, pointed at this platform.
        const child = spawn('bash', [path.join(ROOT, 'tools/scripts/proto-cross-check.sh')], {
          env: {
            ...process.env,
            PRESAGE_PROTO_OUT: generated,
            PRESAGE_INFER_ADDRESS: h.grpcAddress,
            PRESAGE_INFER_MODEL: `${PROJECT}.linear`,
          },
          timeout: 60_000,
        });
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
        expect(output).toContain('python v2 client ok');
        expect(code).toBe(0);
      } finally {
        fs.rmSync(generated, { recursive: true, force: true });
      }
    },
    90_000,
  );
});

describe('with PRESAGE_AUTH=required', () => {
  let secured: ExtraGateway;
  let securedV2: ConnectedClient<GRPCInferenceServiceHandlers>;
  beforeAll(async () => {
    secured = await h.startGateway({ auth: 'required', bootstrapAdminKey: ADMIN_KEY });
    securedV2 = createClient(GRPCInferenceService, secured.grpcAddress);
  });
  afterAll(() => securedV2?.close());

  it('answers 401 / UNAUTHENTICATED without a key, serves with one, and keeps health open', async () => {
    const body = { inputs: [{ name: 'x', datatype: 'FP32', shape: [1, 4], data: [1, 2, 3, 4] }] };
    const anonymous = await call(secured.baseUrl, 'POST', `/v2/models/${PROJECT}.linear/infer`, body);
    expect(anonymous.status).toBe(401);
    expect(anonymous.json.error).toMatch(/credential/);
    expect((await call(secured.baseUrl, 'GET', `/v2/models/${PROJECT}.linear`)).status).toBe(401);
    await expectApiError(
      securedV2.client.ModelMetadata({ name: `${PROJECT}.linear` }),
      StatusCode.UNAUTHENTICATED,
    );
    const authorized = await call(secured.baseUrl, 'POST', `/v2/models/${PROJECT}.linear/infer`, body, {
      authorization: `Bearer ${ADMIN_KEY}`,
    });
    expect(authorized.status).toBe(200);
    expect((await fetch(`${secured.baseUrl}/v2/health/live`)).status).toBe(200);
    expect(await securedV2.client.ServerLive({})).toEqual({ live: true });
  });
});
