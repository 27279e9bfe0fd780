import * as grpc from '@grpc/grpc-js';
import { InternalCredential } from '@presage/env';
import { ApiError, StatusCode } from '@presage/errors';
import { createLogger } from '@presage/log';
import { ModelService, RegistryDeploymentService } from '@presage/proto';
import { createGrpcServer } from './grpc-server';
import type { GrpcServer } from './grpc-server';
import { checkHealth } from './health-client';
import {
  INTERNAL_PORT_REFUSAL,
  internalCredentialInterceptors,
  useInternalCredential,
} from './internal-credential';
import { createClient } from './promise-client';
import { createStreamClient } from './stream-client';

const logger = createLogger('grpc-kit-test', { level: 'error', write: () => undefined });
const credential = new InternalCredential('s'.repeat(64), {});
const wrong = new InternalCredential('w'.repeat(64), {});
const RAW = '/test.raw.v1.Echo/Echo';

let server: GrpcServer;
let address: string;

beforeAll(async () => {
  server = createGrpcServer({ name: 'test', logger, internalCredential: credential });
  server.addService(ModelService, { GetModel: (request) => Promise.resolve({ name: request.name }) });
  server.addService(RegistryDeploymentService, {
    WatchDeploymentTargets: (call) => {
      call.write({ snapshot: true });
      call.end();
    },
  });
  server.addRawService('test.raw.v1.Echo', { Echo: (bytes) => Promise.resolve(bytes) });
  address = `127.0.0.1:${await server.listen('127.0.0.1:0')}`;
});
afterAll(() => server.shutdown());
afterEach(() => useInternalCredential(undefined));

/** A unary call, a stream read to its end and a raw call through grpc-kit's clients; each one's outcome. */
async function callEach(): Promise<Array<StatusCode | 'OK'>> {
  const models = createClient(ModelService, address);
  const streams = createStreamClient(RegistryDeploymentService, address);
  const raw = new grpc.Client(address, grpc.credentials.createInsecure(), {
    interceptors: internalCredentialInterceptors(),
  });
  const outcome = (promise: Promise<unknown>) =>
    promise.then(
      () => 'OK' as const,
      (error: unknown) =>
        error instanceof ApiError ? error.code : ((error as grpc.ServiceError).code as number),
    );
  try {
    return await Promise.all([
      outcome(models.client.GetModel({ name: 'projects/p/models/m' })),
      outcome(
        (async () => {
          for await (const _ of streams.client.WatchDeploymentTargets({})) void _;
        })(),
      ),
      outcome(
        new Promise((resolve, reject) =>
          raw.makeUnaryRequest(
            RAW,
            (b: Buffer) => b,
            (b: Buffer) => b,
            Buffer.from('x'),
            (error, response) => (error ? reject(error) : resolve(response)),
          ),
        ),
      ),
    ]);
  } finally {
    models.close();
    streams.close();
    raw.close();
  }
}

describe('a server that requires the internal credential', () => {
  it('answers UNAUTHENTICATED, saying what is needed, to a caller without it', async () => {
    expect(await callEach()).toEqual([
      StatusCode.UNAUTHENTICATED,
      StatusCode.UNAUTHENTICATED,
      StatusCode.UNAUTHENTICATED,
    ]);
    const models = createClient(ModelService, address);
    await expect(models.client.GetModel({ name: 'projects/p/models/m' })).rejects.toMatchObject({
      message: INTERNAL_PORT_REFUSAL,
    });
    models.close();
  });

  it('answers UNAUTHENTICATED to a caller with another credential', async () => {
    useInternalCredential(wrong);
    expect(await callEach()).toEqual([
      StatusCode.UNAUTHENTICATED,
      StatusCode.UNAUTHENTICATED,
      StatusCode.UNAUTHENTICATED,
    ]);
  });

  it('serves unary, streaming and raw calls of a caller with it', async () => {
    useInternalCredential(credential);
    expect(await callEach()).toEqual(['OK', 'OK', 'OK']);
  });

  it('answers health checks of anyone', async () => {
    expect(await checkHealth(address)).toBe('SERVING');
    expect(await checkHealth(address, ModelService.fullName)).toBe('SERVING');
  });
});
