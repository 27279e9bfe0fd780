import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { ApiError, StatusCode, badRequest } from '@presage/errors';
import { createLogger } from '@presage/log';
import { service as healthService } from 'grpc-health-check';
import * as descriptor from 'protobufjs/ext/descriptor';
import type { Model, ModelServiceHandlers, Model__Output } from '@presage/proto';
import { ModelService } from '@presage/proto';
import { createClient, waitForReady } from './promise-client';
import type { ConnectedClient } from './promise-client';
import { createGrpcServer } from './grpc-server';
import type { GrpcServer } from './grpc-server';
import type { AsyncHandlers, CallObserver, FinishedCall } from './async-handler';
import type { Decoded } from './message-types';

const logger = createLogger('grpc-kit-test', { level: 'error', write: () => undefined });
const SERVICE = ModelService.fullName;

/** Compile-time check: a client's responses have the generated decoded type. */
const decodedIsOutput: Decoded<Model> extends Model__Output
  ? Model__Output extends Decoded<Model>
    ? true
    : false
  : false = true;

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}
function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

async function pollUntil(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setImmediate(resolve));
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

function healthCheck(client: grpc.Client, serviceName: string): Promise<string> {
  const method = healthService['Check']!;
  return new Promise((resolve, reject) =>
    client.makeUnaryRequest(
      method.path,
      method.requestSerialize,
      method.responseDeserialize,
      { service: serviceName },
      new grpc.Metadata(),
      { deadline: Date.now() + 5_000 },
      (error, response) => (error ? reject(error) : resolve((response as { status: string }).status)),
    ),
  );
}

interface Started {
  server: GrpcServer;
  address: string;
  models: ConnectedClient<ModelServiceHandlers>;
}

async function start(
  handlers: Partial<AsyncHandlers<ModelServiceHandlers>>,
  options: { shutdownGraceMs?: number; onCallFinished?: CallObserver } = {},
): Promise<Started> {
  const server = createGrpcServer({ name: 'test', logger, ...options });
  server.addService(ModelService, handlers);
  const address = `127.0.0.1:${await server.listen('127.0.0.1:0')}`;
  const models = createClient(ModelService, address);
  await waitForReady(models.raw, 5_000);
  return { server, address, models };
}

describe('grpc server', () => {
  const running: Started[] = [];
  afterEach(async () => {
    for (const { server, models } of running.splice(0)) {
      models.close();
      await server.shutdown();
    }
  });
  const track = (started: Started): Started => (running.push(started), started);

  it('answers with the handler result, and UNIMPLEMENTED for methods without a handler', async () => {
    expect(decodedIsOutput).toBe(true);
    const { models } = track(
      await start({ GetModel: (request) => Promise.resolve({ name: request.name, description: 'd' }) }),
    );
    const model = await models.client.GetModel({ name: 'projects/p/models/m' });
    expect(model).toMatchObject({
      name: 'projects/p/models/m',
      description: 'd',
      regions: [],
      defaultVersion: null,
    });
    const error = await rejectionOf(models.client.ListModels({ parent: 'projects/p' }));
    expect(error.code).toBe(StatusCode.UNIMPLEMENTED);
  });

  it('tells its call observer the method, status and duration of every answered call', async () => {
    const finished: FinishedCall[] = [];
    const { models } = track(
      await start(
        {
          GetModel: (request) => Promise.resolve({ name: request.name }),
          DeleteModel: () => Promise.reject(ApiError.notFound('model', 'projects/p/models/x')),
        },
        { onCallFinished: (call) => finished.push(call) },
      ),
    );
    await models.client.GetModel({ name: 'projects/p/models/m' });
    await rejectionOf(models.client.DeleteModel({ name: 'projects/p/models/x' }));
    await pollUntil(() => finished.length === 2);
    expect(finished).toEqual([
      { method: `/${SERVICE}/GetModel`, status: 'OK', seconds: expect.any(Number) },
      { method: `/${SERVICE}/DeleteModel`, status: 'NOT_FOUND', seconds: expect.any(Number) },
    ]);
    expect(finished[0]!.seconds).toBeGreaterThan(0);
  });

  it('delivers an ApiError with field violations as INVALID_ARGUMENT with the same BadRequest details', async () => {
    const violations = [
      { field: 'model.name', description: 'must match [a-z][a-z0-9_]*' },
      { field: 'model.labels', description: 'at most 64 labels' },
    ];
    const { models } = track(
      await start({ CreateModel: () => Promise.reject(ApiError.invalidArgument(violations)) }),
    );
    const error = await rejectionOf(
      models.client.CreateModel({ parent: 'projects/p', model: { name: '1' } }),
    );
    expect(error.code).toBe(StatusCode.INVALID_ARGUMENT);
    expect(error.message).toBe(ApiError.invalidArgument(violations).message);
    expect(error.details).toEqual([badRequest(violations)]);
  });

  it('turns a plain Error into INTERNAL with a generic message that leaks nothing', async () => {
    const { models } = track(
      await start({
        GetModel: () => {
          throw new Error('connect ECONNREFUSED postgres://admin:secret@db');
        },
      }),
    );
    const error = await rejectionOf(models.client.GetModel({ name: 'x' }));
    expect(error.code).toBe(StatusCode.INTERNAL);
    expect(error.message).toMatch(/^Internal error \(trace [0-9a-f]+\)$/);
    expect(error.details).toEqual([]);
    expect(JSON.stringify({ message: error.message, details: error.details })).not.toMatch(
      /secret|ECONNREFUSED/,
    );
  });

  it('gives DEADLINE_EXCEEDED to a client whose deadline passes, and aborts the handler signal', async () => {
    let signal: AbortSignal | undefined;
    const { models } = track(
      await start({
        GetModel: (_request, context) => {
          signal = context.signal;
          return new Promise((_resolve, reject) =>
            context.signal.addEventListener('abort', () => reject(new Error('aborted'))),
          );
        },
      }),
    );
    const error = await rejectionOf(models.client.GetModel({ name: 'x' }, { deadlineMs: 200 }));
    expect(error.code).toBe(StatusCode.DEADLINE_EXCEEDED);
    await pollUntil(() => signal?.aborted === true);
    expect(signal!.reason).toBeInstanceOf(ApiError);
  });

  it('reports SERVING once listening, and NOT_SERVING as soon as shutdown starts', async () => {
    const { server, address, models } = track(await start({}, { shutdownGraceMs: 5_000 }));
    const health = new grpc.Client(address, grpc.credentials.createInsecure());
    expect(await healthCheck(health, SERVICE)).toBe('SERVING');
    expect(await healthCheck(health, '')).toBe('SERVING');
    server.setServingStatus(SERVICE, false);
    expect(await healthCheck(health, SERVICE)).toBe('NOT_SERVING');
    server.setServingStatus(SERVICE, true);

    const watch = healthService['Watch']!;
    const statuses: string[] = [];
    const stream = health.makeServerStreamRequest(
      watch.path,
      watch.requestSerialize,
      watch.responseDeserialize,
      { service: SERVICE },
      new grpc.Metadata(),
      {},
    );
    stream.on('data', (response: { status: string }) => statuses.push(response.status));
    stream.on('error', () => undefined);
    await pollUntil(() => statuses.includes('SERVING'));
    const stopped = server.shutdown();
    await pollUntil(() => statuses.includes('NOT_SERVING'));
    stream.cancel();
    await stopped;
    expect(statuses).toEqual(['SERVING', 'NOT_SERVING']);
    health.close();
    models.close();
  });

  /** One request to the server's grpc.reflection.v1 ServerReflection service; its answer (snake_case). */
  async function reflect<T>(address: string, request: object): Promise<T> {
    const file = path.join(
      path.dirname(require.resolve('@grpc/reflection')),
      '../proto/grpc/reflection/v1/reflection.proto',
    );
    const definition = protoLoader.loadSync(file, { keepCase: true });
    const method = (definition['grpc.reflection.v1.ServerReflection'] as grpc.ServiceDefinition)[
      'ServerReflectionInfo'
    ]!;
    const client = new grpc.Client(address, grpc.credentials.createInsecure());
    const stream = client.makeBidiStreamRequest(
      method.path,
      method.requestSerialize,
      method.responseDeserialize,
      new grpc.Metadata(),
      {
        deadline: Date.now() + 5_000,
      },
    );
    const response = new Promise<T>((resolve, reject) => {
      stream.once('data', resolve);
      stream.once('error', reject);
    });
    stream.write(request);
    try {
      return await response;
    } finally {
      stream.end();
      client.close();
    }
  }

  it('lists its services through server reflection', async () => {
    const { address } = track(await start({}));
    const response = await reflect<{ list_services_response: { service: { name: string }[] } }>(address, {
      list_services: '*',
    });
    expect(response.list_services_response.service.map((s) => s.name)).toEqual([SERVICE]);
  });

  it('answers the file that declares a symbol, with the files it depends on, through reflection', async () => {
    const { address } = track(await start({}));
    const response = await reflect<{ file_descriptor_response: { file_descriptor_proto: Buffer[] } }>(
      address,
      { file_containing_symbol: 'presage.v1.Version' },
    );
    const files = response.file_descriptor_response.file_descriptor_proto.map(
      (bytes) =>
        descriptor.FileDescriptorProto.decode(bytes) as unknown as {
          package: string;
          messageType: { name: string }[];
        },
    );
    const declaring = files.find((file) => file.package === 'presage.v1');
    expect(declaring?.messageType.map((message) => message.name)).toContain('Version');
    expect(files.map((file) => file.package)).toEqual(expect.arrayContaining(['google.protobuf']));
  });

  it('lets an in-flight call finish during a graceful shutdown', async () => {
    const entered = deferred<void>();
    const release = deferred<void>();
    const { server, models } = track(
      await start(
        {
          GetModel: async (request) => {
            entered.resolve();
            await release.promise;
            return { name: request.name };
          },
        },
        { shutdownGraceMs: 10_000 },
      ),
    );
    const call = models.client.GetModel({ name: 'slow' });
    await entered.promise;
    let stopped = false;
    const stopping = server.shutdown().then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    release.resolve();
    await expect(call).resolves.toMatchObject({ name: 'slow' });
    await stopping;
    expect(stopped).toBe(true);
    expect(server.shutdown()).toBe(server.shutdown());
  });

  it('cancels calls still running when the grace period ends', async () => {
    const entered = deferred<void>();
    const { server, models } = track(
      await start(
        {
          GetModel: (_request, context) => {
            entered.resolve();
            return new Promise((_resolve, reject) =>
              context.signal.addEventListener('abort', () => reject(new Error('aborted'))),
            );
          },
        },
        { shutdownGraceMs: 100 },
      ),
    );
    const call = rejectionOf(models.client.GetModel({ name: 'stuck' }));
    await entered.promise;
    await server.shutdown();
    expect([StatusCode.CANCELLED, StatusCode.UNAVAILABLE]).toContain((await call).code);
  });

  it('serves a raw service whose handler gets the request bytes and answers its own statuses', async () => {
    const server = createGrpcServer({ name: 'test', logger });
    server.addRawService('test.raw.v1.Echo', {
      Echo: (bytes) =>
        bytes.length > 0
          ? Promise.resolve(Buffer.concat([bytes, bytes]))
          : Promise.reject(ApiError.invalidArgument({ field: 'body', description: 'empty' })),
    });
    const address = `127.0.0.1:${await server.listen('127.0.0.1:0')}`;
    const client = new grpc.Client(address, grpc.credentials.createInsecure());
    const call = (body: Buffer) =>
      new Promise<Buffer>((resolve, reject) =>
        client.makeUnaryRequest(
          '/test.raw.v1.Echo/Echo',
          (b: Buffer) => b,
          (b: Buffer) => b,
          body,
          (error, response) => (error ? reject(error) : resolve(response!)),
        ),
      );
    try {
      expect((await call(Buffer.from('ab'))).toString()).toBe('abab');
      await expect(call(Buffer.alloc(0))).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
      expect(await healthCheck(client, 'test.raw.v1.Echo')).toBe('SERVING');
    } finally {
      client.close();
      await server.shutdown();
    }
  });

  it('refuses handlers for methods the service does not have, naming the valid ones', () => {
    const server = createGrpcServer({ name: 'test', logger });
    expect(() => server.addService(ModelService, { GetModle: () => Promise.resolve({}) } as object)).toThrow(
      /no method GetModle; its methods are .*GetModel/,
    );
  });
});
