import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InternalCredential } from '@presage/env';
import { StatusCode } from '@presage/errors';
import { checkHealth, createClient, useInternalCredential } from '@presage/grpc-kit';
import { ModelService } from '@presage/proto';
import { createTestDatabase, serviceMain, startServiceProcess, waitFor } from '@presage/testing';
import type { ServiceProcess, TestDatabase } from '@presage/testing';

const SECRET = 'f'.repeat(64);

let dir: string;
let db: TestDatabase;
let registry: ServiceProcess;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'presage-credential-'));
  const file = path.join(dir, 'internal-credential');
  fs.writeFileSync(file, `${SECRET}\n`, { mode: 0o600 });
  db = await createTestDatabase();
  registry = await startServiceProcess({
    entry: serviceMain('registry'),
    env: {
      PRESAGE_REGISTRY_ADDRESS: '127.0.0.1:0',
      DATABASE_URL: db.url,
      PRESAGE_INTERNAL_CREDENTIAL_FILE: file,
    },
    listeningMessage: 'registry listening',
    timeoutMs: 30_000,
  });
}, 60_000);

afterAll(async () => {
  await registry?.stop();
  await db?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

afterEach(() => useInternalCredential(undefined));

/** GetModel through a client made after `credential` was set for this process: resolves or rejects. */
async function getModel(credential: InternalCredential | undefined) {
  useInternalCredential(credential);
  const models = createClient(ModelService, registry.address);
  try {
    return await models.client.GetModel({ name: 'projects/p/models/absent' });
  } finally {
    models.close();
  }
}

/** Runs the registry with `env` until it exits; its exit code and what it wrote to stderr. */
async function exitOf(env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  const child = spawn(process.execPath, [serviceMain('registry')], {
    env: { ...process.env, DATABASE_URL: db.url, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await waitFor(() => child.exitCode ?? undefined, {
    timeoutMs: 15_000,
    description: 'the registry to exit',
  });
  return { code, stderr };
}

describe("the registry's internal port", () => {
  it('refuses a caller without the internal credential, saying what it needs', async () => {
    await expect(getModel(undefined)).rejects.toMatchObject({
      code: StatusCode.UNAUTHENTICATED,
      message: expect.stringMatching(
        /^This is an internal port of Presage: callers need the platform's internal credential \(PRESAGE_INTERNAL_CREDENTIAL_FILE\)/,
      ) as unknown,
    });
  });

  it('refuses a caller with another credential', async () => {
    const wrong = new InternalCredential(`${SECRET.slice(1)}0`, {});
    await expect(getModel(wrong)).rejects.toMatchObject({ code: StatusCode.UNAUTHENTICATED });
  });

  it('serves a caller with the credential', async () => {
    // Served: the model does not exist, which only the handler can say.
    await expect(getModel(new InternalCredential(SECRET, {}))).rejects.toMatchObject({
      code: StatusCode.NOT_FOUND,
    });
  });

  it('answers health checks without a credential', async () => {
    expect(await checkHealth(registry.address)).toBe('SERVING');
  });
});

describe('a registry without a usable credential', () => {
  it('refuses to listen on all interfaces, and says how to set one', async () => {
    const { code, stderr } = await exitOf({ PRESAGE_REGISTRY_ADDRESS: '0.0.0.0:0' });
    expect(code).not.toBe(0);
    expect(stderr).toContain('PRESAGE_REGISTRY_ADDRESS (0.0.0.0:0) is reachable from other machines');
    expect(stderr).toContain('set PRESAGE_INTERNAL_CREDENTIAL_FILE to a file holding a secret');
  });

  it('refuses both settings at once, and a secret under 32 characters', async () => {
    const both = await exitOf({
      PRESAGE_REGISTRY_ADDRESS: '127.0.0.1:0',
      PRESAGE_INTERNAL_CREDENTIAL_FILE: path.join(dir, 'internal-credential'),
      PRESAGE_INTERNAL_CREDENTIAL: SECRET,
    });
    expect(both.code).not.toBe(0);
    expect(both.stderr).toContain(
      'PRESAGE_INTERNAL_CREDENTIAL_FILE and PRESAGE_INTERNAL_CREDENTIAL are both set',
    );
    const short = await exitOf({
      PRESAGE_REGISTRY_ADDRESS: '127.0.0.1:0',
      PRESAGE_INTERNAL_CREDENTIAL: 'short',
    });
    expect(short.code).not.toBe(0);
    expect(short.stderr).toContain('it must have at least 32');
  });
});
