import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { INTERNAL_CREDENTIAL_METADATA } from '@presage/env';
import { StatusCode } from '@presage/errors';
import { createClient } from '@presage/grpc-kit';
import { ModelService, serviceDefinition } from '@presage/proto';
import { makeTestCertificates } from '@presage/testing';
import type { TestCertificates } from '@presage/testing';
import { call, startPlatform } from './platform-harness';
import type { Platform } from './platform-harness';

/**
 * `presage up` with PRESAGE_TLS_CA_FILE, PRESAGE_TLS_CERT_FILE and PRESAGE_TLS_KEY_FILE: every internal
 * connection (registry, deployer, batch, autoscaler and its OTLP receiver, predictors) is mutual TLS on
 * top of the internal credential; the gateway's public ports stay as they are.
 */
const IRIS = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../../../tools/iris/model/samples.json'), 'utf8'),
) as { instances: number[][]; classes: number[] };

let dir: string;
let certificates: TestCertificates;
let stranger: TestCertificates;
let platform: Platform;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'presage-tls-'));
  certificates = makeTestCertificates(path.join(dir, 'platform'));
  stranger = makeTestCertificates(path.join(dir, 'stranger'));
  platform = await startPlatform({ demo: true, env: certificates.env });
}, 180_000);

afterAll(async () => {
  await platform?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** GetModel on the registry through a raw client with `credentials`, presenting the internal credential. */
function rawGetModel(credentials: grpc.ChannelCredentials): Promise<grpc.ServiceError | null> {
  const Client = grpc.makeGenericClientConstructor(
    serviceDefinition('presage.v1.ModelService'),
    'ModelService',
  );
  const client = new Client(platform.registry, credentials);
  const metadata = new grpc.Metadata();
  const secret = fs.readFileSync(path.join(platform.home, 'internal-credential'), 'utf8').trim();
  metadata.set(INTERNAL_CREDENTIAL_METADATA, secret);
  return new Promise<grpc.ServiceError | null>((resolve) =>
    (client as unknown as Record<string, (...args: unknown[]) => void>)['GetModel']!(
      { name: 'projects/demo/models/iris' },
      metadata,
      { deadline: Date.now() + 5_000 },
      (error: grpc.ServiceError | null) => resolve(error),
    ),
  ).finally(() => client.close());
}

const pem = (file: string) => fs.readFileSync(file);

it('serves the demo end to end with every internal service on mutual TLS', async () => {
  const predicted = await call(platform, 'POST', '/v1/projects/demo/models/iris:predict', {
    instances: IRIS.instances,
  });
  expect(predicted.status).toBe(200);
  const predictions = predicted.body['predictions'] as { class: number }[];
  expect(predictions.map((p) => p.class)).toEqual(IRIS.classes);
  // Each internal server said how it listens: the registry, deployer, batch, autoscaler, the predictor.
  // The gateway's public port stays plaintext.
  const mutual = platform.output().match(/"internalCredential":"required","tls":"mutual"/g) ?? [];
  expect(mutual.length).toBeGreaterThanOrEqual(5);
  expect(platform.output()).not.toMatch(/"internalCredential":"required","tls":"none"/);
});

it("refuses a plaintext caller, one without a client certificate and one with another CA's, even with the credential", async () => {
  const plaintext = await rawGetModel(grpc.credentials.createInsecure());
  expect(plaintext?.code).toBe(StatusCode.UNAVAILABLE);
  const anonymous = await rawGetModel(grpc.credentials.createSsl(pem(certificates.ca)));
  expect(anonymous?.code).toBe(StatusCode.UNAVAILABLE);
  const foreign = await rawGetModel(
    grpc.credentials.createSsl(pem(certificates.ca), pem(stranger.key), pem(stranger.cert)),
  );
  expect(foreign?.code).toBe(StatusCode.UNAVAILABLE);
  const member = await rawGetModel(
    grpc.credentials.createSsl(pem(certificates.ca), pem(certificates.key), pem(certificates.cert)),
  );
  expect(member).toBeNull();
  // grpc-kit's clients in this process use the platform's certificates (usePlatformCredential).
  const models = createClient(ModelService, platform.registry);
  try {
    const model = await models.client.GetModel({ name: 'projects/demo/models/iris' });
    expect(model.name).toBe('projects/demo/models/iris');
  } finally {
    models.close();
  }
});
