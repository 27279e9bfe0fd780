import * as grpc from '@grpc/grpc-js';
import { ApiError, StatusCode } from '@presage/errors';
import { createLogger } from '@presage/log';
import { ModelService, encodeMessage, lookupMessageType } from '@presage/proto';
import { Field, Root, Type } from 'protobufjs';
import type { ModelServiceHandlers } from '@presage/proto';
import type { AsyncHandlers } from './async-handler';
import { createGrpcServer } from './grpc-server';
import type { GrpcServerOptions } from './grpc-server';
import { DEFAULT_MESSAGE_LIMITS, ENVELOPE_BYTES, channelMessageBytes } from './message-limits';
import { createClient, waitForReady } from './promise-client';
import { checkRequestText } from './request-text';
import { fromServiceError } from './status-details';

const logger = createLogger('request-checks-test', { level: 'error', write: () => undefined });
const SERVICE = ModelService.fullName;
const identity = (bytes: Buffer): Buffer => bytes;

interface Started {
  address: string;
  stop(): Promise<void>;
}

const running: Started[] = [];
afterEach(async () => {
  for (const started of running.splice(0)) await started.stop();
});

async function start(
  handlers: Partial<AsyncHandlers<ModelServiceHandlers>>,
  options: Partial<GrpcServerOptions> = {},
): Promise<Started> {
  const server = createGrpcServer({ name: 'test', logger, ...options });
  server.addService(ModelService, handlers);
  const started = {
    address: `127.0.0.1:${await server.listen('127.0.0.1:0')}`,
    stop: () => server.shutdown(),
  };
  running.push(started);
  return started;
}

/** Sends `bytes` as the request message of `method`; resolves with the error the server answered. */
async function sendBytes(address: string, method: string, bytes: Buffer): Promise<ApiError> {
  const client = new grpc.Client(address, grpc.credentials.createInsecure(), {
    'grpc.max_send_message_length': -1,
  });
  try {
    await waitForReady(client, 5_000);
    return await new Promise<ApiError>((resolve, reject) =>
      client.makeUnaryRequest(
        `/${SERVICE}/${method}`,
        identity,
        identity,
        bytes,
        new grpc.Metadata(),
        { deadline: Date.now() + 10_000 },
        (error) => (error ? resolve(fromServiceError(error)) : reject(new Error('expected a failure'))),
      ),
    );
  } finally {
    client.close();
  }
}

async function rejectionOf(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => new Error('expected a failure'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

const answer = (request: { name: string }) => Promise.resolve({ name: request.name });

describe('requests a server refuses before any handler runs', () => {
  it('answers INVALID_ARGUMENT, not INTERNAL, to bytes that are not the request message', async () => {
    let called = 0;
    const { address } = await start({ GetModel: (request) => (called++, answer(request)) });
    // A group that never ends, a varint cut short, groups nested 10,000 deep.
    const garbage = [
      Buffer.from([0x7b]),
      Buffer.from([0x10, 0xff]),
      Buffer.concat([Buffer.alloc(10_000, 0x7b), Buffer.alloc(10_000, 0x7c)]),
    ];
    for (const bytes of garbage) {
      const error = await sendBytes(address, 'GetModel', bytes);
      expect(error.code).toBe(StatusCode.INVALID_ARGUMENT);
      expect(error.message).toMatch(/^The request is not a valid presage\.v1\.GetModelRequest message: /);
      expect(error.details).toEqual([expect.objectContaining({ fieldViolations: [expect.anything()] })]);
    }
    expect(called).toBe(0);
  });

  it('refuses NUL characters in any string, map key or value, at any depth, naming the field', async () => {
    let called = 0;
    const { address } = await start({
      CreateModel: (request) => (called++, answer(request.model!)),
      ListModels: () => (called++, Promise.resolve({ models: [], nextPageToken: '' })),
    });
    const models = createClient(ModelService, address);
    try {
      const cases: [Promise<unknown>, string, RegExp][] = [
        [
          models.client.CreateModel({ parent: 'projects/p', model: { name: 'm', description: 'a\u0000b' } }),
          'model.description',
          /NUL character \(U\+0000\) at character 1/,
        ],
        [
          models.client.CreateModel({
            parent: 'projects/p',
            model: { name: 'm', labels: { team: 'x\u0000' } },
          }),
          'model.labels.team',
          /NUL/,
        ],
        [
          models.client.CreateModel({
            parent: 'projects/p',
            model: { name: 'm', labels: { 'k\u0000': 'v' } },
          }),
          'model.labels',
          /A key contains a NUL/,
        ],
        [
          models.client.CreateModel({
            parent: 'projects/p',
            model: {
              name: 'm',
              defaultVersion: { lineage: { trainingDatasets: [{ uri: 'ok' }, { uri: '\u0000' }] } },
            },
          }),
          'model.default_version.lineage.training_datasets[1].uri',
          /NUL/,
        ],
        [models.client.ListModels({ parent: 'projects/p', filter: 'name:\u0000' }), 'filter', /NUL/],
      ];
      for (const [call, field, description] of cases) {
        const error = await rejectionOf(call);
        expect(error.code).toBe(StatusCode.INVALID_ARGUMENT);
        expect(error.details).toEqual([
          expect.objectContaining({
            fieldViolations: [{ field, description: expect.stringMatching(description) }],
          }),
        ]);
      }
      expect(called).toBe(0);
    } finally {
      models.close();
    }
  });

  it('refuses a request message over maxRequestBytes with INVALID_ARGUMENT saying the limit', async () => {
    const { address } = await start({ GetModel: answer }, { maxRequestBytes: 1000 });
    const error = await sendBytes(
      address,
      'GetModel',
      encodeMessage('presage.v1.GetModelRequest', { name: 'x'.repeat(2000) }),
    );
    expect(error.code).toBe(StatusCode.INVALID_ARGUMENT);
    expect(error.message).toContain('larger than the limit of 1000 bytes');
    expect(error.message).toContain('PRESAGE_MAX_BODY_BYTES');
    // Beyond four times the limit the transport refuses it before reading it.
    const huge = await sendBytes(
      address,
      'GetModel',
      encodeMessage('presage.v1.GetModelRequest', { name: 'x'.repeat(5000) }),
    );
    expect(huge.code).toBe(StatusCode.RESOURCE_EXHAUSTED);
  });

  it('gives what a handler threw to mapError before it becomes a status', async () => {
    const { address } = await start(
      { GetModel: () => Promise.reject(Object.assign(new Error('db says no'), { code: '22021' })) },
      {
        mapError: (error) =>
          (error as { code?: string }).code === '22021'
            ? new ApiError(StatusCode.INVALID_ARGUMENT, 'cannot store that')
            : error,
      },
    );
    const models = createClient(ModelService, address);
    try {
      const error = await rejectionOf(models.client.GetModel({ name: 'm' }));
      expect(error).toMatchObject({ code: StatusCode.INVALID_ARGUMENT, message: 'cannot store that' });
    } finally {
      models.close();
    }
  });
});

describe('checkRequestText', () => {
  const type = lookupMessageType('presage.v1.CreateModelRequest');
  const thrown = (request: unknown): ApiError | undefined => {
    try {
      checkRequestText(type, request);
      return undefined;
    } catch (error) {
      return error as ApiError;
    }
  };

  it('refuses unpaired UTF-16 surrogates (JSON can hold them, UTF-8 cannot) and accepts pairs', () => {
    expect(thrown({ parent: 'projects/p', model: { description: 'smile \ud83d\ude00 é' } })).toBeUndefined();
    for (const text of ['x\ud800', '\udfffy', '\ud800\ud800\udc00']) {
      expect(thrown({ model: { description: text } })).toMatchObject({
        code: StatusCode.INVALID_ARGUMENT,
        details: [
          expect.objectContaining({
            fieldViolations: [
              {
                field: 'model.description',
                description: expect.stringMatching(/unpaired UTF-16 surrogate \(U\+D[89A-F]/),
              },
            ],
          }),
        ],
      });
    }
  });

  it('refuses messages nested beyond MAX_MESSAGE_DEPTH without running out of stack', () => {
    // A message that holds itself, as google.protobuf.Struct does through Value.
    const root = new Root().add(
      new Type('Node').add(new Field('child', 1, 'Node')).add(new Field('text', 2, 'string')),
    );
    root.resolveAll();
    let node: Record<string, unknown> = { text: 'leaf' };
    for (let i = 0; i < 10_000; i++) node = { child: node };
    let error: unknown;
    try {
      checkRequestText(root.lookupType('Node'), node);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({
      code: StatusCode.INVALID_ARGUMENT,
      message: expect.stringContaining('100 levels'),
    });
  });
});

describe('message sizes', () => {
  it('carries answers up to the channel size between a server and a client of grpc-kit', async () => {
    const description = 'd'.repeat(6_200_000);
    const { address } = await start({
      GetModel: (request) => Promise.resolve({ name: request.name, description }),
    });
    const models = createClient(ModelService, address);
    try {
      expect((await models.client.GetModel({ name: 'm' })).description).toHaveLength(6_200_000);
    } finally {
      models.close();
    }
    expect(channelMessageBytes(DEFAULT_MESSAGE_LIMITS)).toBe(32 * 1_572_864 + ENVELOPE_BYTES);
  });

  it('refuses an answer over the channel size of its limits at the sender', async () => {
    const limits = { maxBodyBytes: 1000, maxResponseBytes: 2000 };
    const { address } = await start(
      { GetModel: (request) => Promise.resolve({ name: request.name, description: 'd'.repeat(200_000) }) },
      { limits },
    );
    const models = createClient(ModelService, address);
    try {
      const error = await rejectionOf(models.client.GetModel({ name: 'm' }));
      expect(error.code).toBe(StatusCode.RESOURCE_EXHAUSTED);
    } finally {
      models.close();
    }
  });
});
