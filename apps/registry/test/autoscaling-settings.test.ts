import { StatusCode } from '@presage/errors';
import { expectApiError, reportAsDeployer } from '@presage/testing';
import { startRegistry } from './registry-harness';
import type { RegistryHarness } from './registry-harness';

let registry: RegistryHarness;
const model = 'projects/scale/models/churn';

beforeAll(async () => {
  registry = await startRegistry();
  await registry.models.CreateModel({ parent: 'projects/scale', model: { name: 'churn' } });
});
afterAll(() => registry?.stop());

describe('autoScaling.targetConcurrency', () => {
  it('is stored with the version, returned by GetVersion and handed to the deployer', async () => {
    await registry.models.CreateVersion({
      parent: model,
      version: {
        name: 'v1',
        deploymentUri: '/models/churn/1',
        autoScaling: { minNodes: 0, maxNodes: 3, targetConcurrency: 8 },
      },
    });
    const name = `${model}/versions/v1`;
    expect((await registry.models.GetVersion({ name })).autoScaling).toMatchObject({
      minNodes: 0,
      maxNodes: 3,
      targetConcurrency: 8,
    });
    const { targets } = await registry.deployment.ListDeploymentTargets({});
    expect(targets.find((t) => t.version?.name === name)?.version?.autoScaling?.targetConcurrency).toBe(8);
  });

  it('is updatable through auto_scaling.target_concurrency (camelCase too) without touching the bounds', async () => {
    const name = `${model}/versions/v1`;
    await reportAsDeployer(registry.deployment, name);
    await registry.models.UpdateVersion({
      name,
      version: { autoScaling: { targetConcurrency: 2 } },
      updateMask: { paths: ['autoScaling.targetConcurrency'] },
    });
    expect((await registry.models.GetVersion({ name })).autoScaling).toMatchObject({
      minNodes: 0,
      maxNodes: 3,
      targetConcurrency: 2,
    });
    // 0 goes back to the autoscaler's default.
    await registry.models.UpdateVersion({
      name,
      version: { autoScaling: {} },
      updateMask: { paths: ['auto_scaling.target_concurrency'] },
    });
    expect((await registry.models.GetVersion({ name })).autoScaling?.targetConcurrency).toBe(0);
  });

  it('rejects a negative or huge target, at create and at update', async () => {
    await expectApiError(
      registry.models.CreateVersion({
        parent: model,
        version: { name: 'v2', deploymentUri: '/x', autoScaling: { minNodes: 1, targetConcurrency: -1 } },
      }),
      StatusCode.INVALID_ARGUMENT,
      { field: 'version.auto_scaling.target_concurrency' },
    );
    await expectApiError(
      registry.models.UpdateVersion({
        name: `${model}/versions/v1`,
        version: { autoScaling: { targetConcurrency: 5000 } },
        updateMask: { paths: ['auto_scaling.target_concurrency'] },
      }),
      StatusCode.INVALID_ARGUMENT,
      { field: 'version.auto_scaling.target_concurrency', message: /between 0/ },
    );
  });
});
