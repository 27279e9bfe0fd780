import * as grpc from '@grpc/grpc-js';
import { StatusCode } from '@presage/errors';
import { checkHealth } from '@presage/grpc-kit';
import { createTestDatabase, freePort, serviceMain, startServiceProcess } from '@presage/testing';
import type { ServiceProcess, TestDatabase } from '@presage/testing';
import { OTLP_METRICS_SERVICE } from '../src/otlp/metrics-service';

const SECRET = 'a1'.repeat(32);

let db: TestDatabase;
let autoscaler: ServiceProcess;

beforeAll(async () => {
  db = await createTestDatabase();
  autoscaler = await startServiceProcess({
    entry: serviceMain('autoscaler'),
    env: {
      PRESAGE_AUTOSCALER_ADDRESS: '127.0.0.1:0',
      // No deployer answers there: the receiver does not need one.
      PRESAGE_DEPLOYER_ADDRESS: `127.0.0.1:${await freePort()}`,
      DATABASE_URL: db.url,
      PRESAGE_INTERNAL_CREDENTIAL: SECRET,
    },
    listeningMessage: 'autoscaler listening',
    timeoutMs: 30_000,
  });
}, 60_000);

afterAll(async () => {
  await autoscaler?.stop();
  await db?.drop();
});

/** An OTLP Export of no metrics (an empty request), with `credential` in its metadata when given. */
function exportNothing(credential?: string): Promise<Buffer> {
  const client = new grpc.Client(autoscaler.address, grpc.credentials.createInsecure());
  const metadata = new grpc.Metadata();
  if (credential !== undefined) metadata.set('x-presage-internal-credential', credential);
  return new Promise<Buffer>((resolve, reject) =>
    client.makeUnaryRequest(
      `/${OTLP_METRICS_SERVICE}/Export`,
      (b: Buffer) => b,
      (b: Buffer) => b,
      Buffer.alloc(0),
      metadata,
      (error, response) => (error ? reject(error) : resolve(response!)),
    ),
  ).finally(() => client.close());
}

describe("the autoscaler's OTLP metrics receiver", () => {
  it('refuses an export without the internal credential, saying what it needs', async () => {
    await expect(exportNothing()).rejects.toMatchObject({
      code: StatusCode.UNAUTHENTICATED,
      details: expect.stringContaining(
        "This is an internal port of Presage: callers need the platform's internal credential (PRESAGE_INTERNAL_CREDENTIAL_FILE)",
      ) as unknown,
    });
  });

  it('refuses an export with another credential', async () => {
    await expect(exportNothing('b2'.repeat(32))).rejects.toMatchObject({ code: StatusCode.UNAUTHENTICATED });
  });

  it('takes an export with the credential', async () => {
    await expect(exportNothing(SECRET)).resolves.toBeInstanceOf(Buffer);
  });

  it('answers health checks without a credential', async () => {
    expect(await checkHealth(autoscaler.address, OTLP_METRICS_SERVICE)).toBe('SERVING');
  });
});
