import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { waitFor } from '@presage/testing';
import { call, startPlatform } from './platform-harness';
import type { Platform } from './platform-harness';

/**
 * `presage up` confined by PRESAGE_ALLOWED_PATHS to a directory that does not hold the bundled demo:
 * the platform starts, says why the demo is not deployed, and a version from elsewhere is refused over
 * REST with a message that names only the allowed directory.
 */
let allowed: string;
let platform: Platform;

beforeAll(async () => {
  allowed = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'presage-confined-up-')));
  platform = await startPlatform({
    demo: true,
    readyLine: 'Presage is up',
    env: { PRESAGE_ALLOWED_PATHS: allowed },
  });
}, 180_000);

afterAll(async () => {
  expect(await platform?.stop()).toBe(0);
  fs.rmSync(allowed, { recursive: true, force: true });
}, 90_000);

describe('presage up with PRESAGE_ALLOWED_PATHS', () => {
  it('skips the demo model outside it, saying how to allow it', async () => {
    await waitFor(
      () => platform.output().includes('the bundled demo model lies outside PRESAGE_ALLOWED_PATHS'),
      {
        timeoutMs: 30_000,
        description: 'the warning about the demo model',
      },
    );
    expect(platform.output()).toMatch(
      /add \S+tools\/iris\/model to PRESAGE_ALLOWED_PATHS, or set PRESAGE_DEMO=0/,
    );
    expect((await call(platform, 'GET', '/v1/projects/demo/models/iris')).status).toBe(404);
  });

  it('refuses a version whose files lie outside it, over REST, naming the field', async () => {
    expect((await call(platform, 'POST', '/v1/projects/c/models', { name: 'm' })).status).toBe(200);
    const created = await call(platform, 'POST', '/v1/projects/c/models/m/versions', {
      name: 'v1',
      deploymentUri: '/etc',
    });
    expect(created.status).toBe(400);
    expect(created.body['error']).toMatchObject({
      status: 'INVALID_ARGUMENT',
      details: [
        expect.objectContaining({
          fieldViolations: [
            {
              field: 'version.deployment_uri',
              description: `"/etc" is outside the directories this platform may read and write (PRESAGE_ALLOWED_PATHS: ${allowed}). Move the files under one of them, or ask the operator to add a directory.`,
            },
          ],
        }),
      ],
    });
    expect((await call(platform, 'GET', '/v1/projects/c/models/m/versions/v1')).status).toBe(404);
  });
});
