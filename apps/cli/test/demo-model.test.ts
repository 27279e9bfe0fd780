import { waitFor } from '@presage/testing';
import { call, startPlatform } from './platform-harness';
import type { Platform } from './platform-harness';

/** A failed demo deployment is the demo's problem, not the platform's: it is logged and tried again. */
describe('presage up with a demo model that cannot be deployed', () => {
  let platform: Platform;

  beforeAll(async () => {
    // Every predictor fails to start, so the demo version FAILS.
    platform = await startPlatform({
      demo: true,
      readyLine: 'Presage is up',
      env: { PRESAGE_PREDICTOR_ENTRY: '/nonexistent/predictor.js' },
    });
  }, 180_000);
  afterAll(async () => {
    expect(await platform?.stop()).toBe(0);
  }, 90_000);

  it('logs the failure, deletes and creates the version again, and keeps the platform up', async () => {
    const failure = /"message":"demo model projects\/demo\/models\/iris failed to deploy; trying again"/g;
    await waitFor(() => [...platform.output().matchAll(failure)].length >= 2, {
      timeoutMs: 60_000,
      description: 'two failed attempts at the demo model',
    });
    expect(platform.output()).toMatch(/"errorMessage":"The predictor exited before it was ready/);
    expect(platform.output()).not.toContain('the platform failed to start');
    expect(await call(platform, 'GET', '/readyz')).toMatchObject({
      status: 200,
      body: { status: 'ready', registry: 'SERVING', deployer: 'SERVING' },
    });
    // The version was created again after a failure: there is more than one creation.
    const listed = await call(platform, 'GET', '/v1/projects/demo/operations?pageSize=100');
    const creations = (listed.body['operations'] as { name: string }[]).filter((op) =>
      op.name.startsWith('projects/demo/operations/create_iris_v1'),
    );
    expect(creations.length).toBeGreaterThanOrEqual(2);
  });
});
