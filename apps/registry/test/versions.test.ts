import { StatusCode } from '@presage/errors';
import { unpackAny } from '@presage/proto';
import { metadataOf, startRegistry } from './registry-harness';
import { expectApiError, pendingOperationOf, reportAsDeployer, waitFor } from '@presage/testing';
import type { Version__Output } from '@presage/proto';
import type { RegistryHarness } from './registry-harness';

let registry: RegistryHarness;
const model = 'projects/acme/models/fraud';

const lineage = {
  trainedBy: 'ada@acme.test',
  trainingDatasets: [{ uri: 'file:///data/fraud-2026-10.jsonl', digest: `sha256:${'ab'.repeat(32)}` }],
  evaluationMetrics: { auc: 0.931, logloss: 0.21 },
  source: { codeCommit: '3f2c1e9', codeRepository: 'git@example.test:ml/fraud.git', trainingRunId: 'run-42' },
};

/** Creates a version and lets the deployer's contract mark it READY, as the deployer would. */
async function readyVersion(name: string, extra: Record<string, unknown> = {}) {
  await registry.models.CreateVersion({
    parent: model,
    version: { name, deploymentUri: '/models/fraud/1', ...extra },
  });
  return reportAsDeployer(registry.deployment, `${model}/versions/${name}`);
}

beforeAll(async () => {
  registry = await startRegistry();
  await registry.models.CreateModel({ parent: 'projects/acme', model: { name: 'fraud' } });
});
afterAll(() => registry?.stop());

describe('creating versions', () => {
  it('returns a CREATE_VERSION operation, stores the version CREATING with its lineage, and tells the deployer through the target watch', async () => {
    const op = await registry.models.CreateVersion(
      {
        parent: model,
        version: { name: 'v1', deploymentUri: 'file:///models/fraud/1', framework: 'ONNX', lineage },
      },
      { metadata: { 'x-presage-actor': 'grace@acme.test' } },
    );
    expect(op.name).toMatch(/^projects\/acme\/operations\/create_fraud_v1-\d+$/);
    expect(op.done).toBe(false);
    const metadata = metadataOf(op);
    expect(metadata).toMatchObject({
      operationType: 'CREATE_VERSION',
      modelName: model,
      version: { name: `${model}/versions/v1` },
    });
    expect(metadata.createTime).not.toBeNull();

    const version = await registry.models.GetVersion({ name: `${model}/versions/v1` });
    expect(version).toMatchObject({
      state: 'CREATING',
      isDefault: true,
      framework: 'ONNX',
      deploymentUri: 'file:///models/fraud/1',
      autoScaling: { minNodes: 1 },
      lineage: { ...lineage, publishedBy: 'grace@acme.test' },
    });
    expect((await registry.models.GetModel({ name: model })).defaultVersion?.name).toBe(
      `${model}/versions/v1`,
    );
    await waitFor(() => registry.watched.includes(`${model}/versions/v1`), {
      timeoutMs: 10_000,
      description: 'the deployer told of the version by the watch',
    });
  });

  it('completes the operation with the Version when the deployer reports READY with a signature', async () => {
    const signature = {
      inputs: [{ name: 'x', dtype: 'float32', shape: ['-1', '4'] }],
      outputs: [{ name: 'y', dtype: 'float32', shape: ['-1', '3'] }],
    };
    const ready = await registry.deployment.ReportVersion({
      name: `${model}/versions/v1`,
      operation: (await pendingOperationOf(registry.deployment, `${model}/versions/v1`))!,
      outcome: 'DEPLOYED',
      signature,
    });
    expect(ready).toMatchObject({ state: 'READY', signature });
    const [op] = (
      await registry.operations.ListOperations({
        name: 'projects/acme',
        filter: 'operation_type:CREATE_VERSION',
      })
    ).operations;
    expect(op).toMatchObject({ done: true, result: 'response' });
    expect(unpackAny<Version__Output>(op!.response!)).toMatchObject({
      name: `${model}/versions/v1`,
      state: 'READY',
    });
  });

  it('ends the operation with the error and the version FAILED when the deployer reports FAILED', async () => {
    const op = await registry.models.CreateVersion({
      parent: model,
      version: { name: 'broken', deploymentUri: '/nowhere' },
    });
    await registry.deployment.ReportVersion({
      name: `${model}/versions/broken`,
      operation: op.name,
      outcome: 'FAILED',
      errorMessage: 'No model.onnx in /nowhere: put the exported model there or fix deploymentUri.',
    });
    const done = await registry.operations.GetOperation({ name: op.name });
    expect(done).toMatchObject({
      done: true,
      result: 'error',
      error: { code: StatusCode.FAILED_PRECONDITION, message: /No model.onnx/ },
    });
    expect(await registry.models.GetVersion({ name: `${model}/versions/broken` })).toMatchObject({
      state: 'FAILED',
      errorMessage: expect.stringContaining('fix deploymentUri'),
      isDefault: false,
    });
  });

  it('rejects a duplicate version name and every invalid field with field violations', async () => {
    await expectApiError(
      registry.models.CreateVersion({ parent: model, version: { name: 'v1', deploymentUri: '/x' } }),
      StatusCode.ALREADY_EXISTS,
      {
        field: 'version.name',
      },
    );
    const cases: [Record<string, unknown>, string][] = [
      [{ name: '1st', deploymentUri: '/x' }, 'version.name'],
      [{ name: 'nouri' }, 'version.deployment_uri'],
      [{ name: 'ftp', deploymentUri: 'ftp://host/model' }, 'version.deployment_uri'],
      [{ name: 'relative', deploymentUri: 'models/x' }, 'version.deployment_uri'],
      [
        { name: 'both', deploymentUri: '/x', manualScaling: { nodes: 1 }, autoScaling: { minNodes: 1 } },
        'version.manual_scaling',
      ],
      [{ name: 'zero', deploymentUri: '/x', manualScaling: { nodes: 0 } }, 'version.manual_scaling.nodes'],
      [
        { name: 'inverted', deploymentUri: '/x', autoScaling: { minNodes: 3, maxNodes: 2 } },
        'version.auto_scaling.max_nodes',
      ],
      [
        { name: 'cpr', deploymentUri: '/x', predictionClass: 'predictor.js#Predictor' },
        'version.package_uris',
      ],
      [
        { name: 'cpr2', deploymentUri: '/x', predictionClass: 'Predictor', packageUris: ['/pkg'] },
        'version.prediction_class',
      ],
      [
        {
          name: 'cpr3',
          deploymentUri: '/x',
          predictionClass: 'p.js#P',
          packageUris: ['/pkg'],
          framework: 'XGBOOST',
        },
        'version.framework',
      ],
      [{ name: 'ctr', container: { image: 'x' } }, 'version.container'],
      [
        { name: 'lin', deploymentUri: '/x', lineage: { trainingDatasets: [{ digest: 'md5' }] } },
        'version.lineage.training_datasets[0].uri',
      ],
      [
        {
          name: 'lin2',
          deploymentUri: '/x',
          lineage: { trainingDatasets: [{ uri: '/d', digest: 'sha256:XYZ' }] },
        },
        'version.lineage.training_datasets[0].digest',
      ],
      [
        { name: 'log', deploymentUri: '/x', requestLoggingConfig: { samplingPercentage: 2 } },
        'version.request_logging_config.sampling_percentage',
      ],
    ];
    for (const [version, field] of cases) {
      await expectApiError(
        registry.models.CreateVersion({ parent: model, version }),
        StatusCode.INVALID_ARGUMENT,
        { field },
      );
    }
    await expectApiError(
      registry.models.CreateVersion({
        parent: 'projects/acme/models/ghost',
        version: { name: 'v', deploymentUri: '/x' },
      }),
      StatusCode.NOT_FOUND,
      {
        message: /ghost/,
      },
    );
  });
});

describe('the default version', () => {
  it('does not move to later versions until setDefault, which records who moved it', async () => {
    await readyVersion('v2');
    expect((await registry.models.GetModel({ name: model })).defaultVersion?.name).toBe(
      `${model}/versions/v1`,
    );
    const v2 = await registry.models.SetDefaultVersion(
      { name: `${model}/versions/v2` },
      { metadata: { 'x-presage-actor': 'ops@acme.test' } },
    );
    expect(v2).toMatchObject({ isDefault: true, name: `${model}/versions/v2` });
    expect(await registry.models.GetVersion({ name: `${model}/versions/v1` })).toMatchObject({
      isDefault: false,
    });
    expect((await registry.models.GetModel({ name: model })).defaultVersion?.name).toBe(
      `${model}/versions/v2`,
    );

    const events = (await registry.models.ListDeploymentEvents({ parent: `${model}/versions/v2` }))
      .deploymentEvents;
    expect(events.map((e) => e.type)).toEqual(['CREATED', 'DEPLOYED', 'BECAME_DEFAULT']);
    expect(events[2]).toMatchObject({ actor: 'ops@acme.test', message: 'replacing v1' });
    const v1Events = (await registry.models.ListDeploymentEvents({ parent: `${model}/versions/v1` }))
      .deploymentEvents;
    expect(v1Events.map((e) => e.type)).toEqual([
      'CREATED',
      'BECAME_DEFAULT',
      'DEPLOYED',
      'REPLACED_AS_DEFAULT',
    ]);
  });

  it('refuses to make a version that is not READY the default', async () => {
    await registry.models.CreateVersion({ parent: model, version: { name: 'pending', deploymentUri: '/x' } });
    await expectApiError(
      registry.models.SetDefaultVersion({ name: `${model}/versions/pending` }),
      StatusCode.FAILED_PRECONDITION,
      {
        message: /CREATING/,
      },
    );
    await expectApiError(
      registry.models.SetDefaultVersion({ name: `${model}/versions/absent` }),
      StatusCode.NOT_FOUND,
    );
  });

  it('moves through a model patch of default_version.name too', async () => {
    const op = await registry.models.UpdateModel({
      name: model,
      model: { defaultVersion: { name: 'v1' } },
      updateMask: { paths: ['default_version.name'] },
    });
    expect(op.done).toBe(true);
    expect((await registry.models.GetModel({ name: model })).defaultVersion?.name).toBe(
      `${model}/versions/v1`,
    );
  });
});

describe('updating versions', () => {
  it('patches labels, scaling and lineage; keeps publishedBy; refuses a stale etag', async () => {
    const v = await readyVersion('v3', { manualScaling: { nodes: 2 }, lineage: { trainedBy: 'ada' } });
    const op = await registry.models.UpdateVersion({
      name: v.name,
      version: {
        labels: { tier: 'gold' },
        manualScaling: { nodes: 4 },
        lineage: { evaluationMetrics: { f1: 0.8 } },
        etag: v.etag,
      },
      updateMask: { paths: ['labels', 'manualScaling.nodes', 'lineage.evaluation_metrics'] },
    });
    expect(metadataOf(op).operationType).toBe('UPDATE_VERSION');
    const after = await registry.models.GetVersion({ name: v.name });
    expect(after).toMatchObject({
      labels: { tier: 'gold' },
      manualScaling: { nodes: 4 },
      lineage: { trainedBy: 'ada', evaluationMetrics: { f1: 0.8 }, publishedBy: 'anonymous' },
    });
    await waitFor(() => registry.watched.includes(v.name), {
      timeoutMs: 10_000,
      description: 'the deployer told of the update by the watch',
    });
    // A change of replicas is UPDATING until the deployer reports it deployed.
    expect(op.done).toBe(false);
    expect(after.state).toBe('UPDATING');
    await reportAsDeployer(registry.deployment, v.name);
    expect(await registry.operations.GetOperation({ name: op.name })).toMatchObject({
      done: true,
      result: 'response',
    });
    expect((await registry.models.GetVersion({ name: v.name })).state).toBe('READY');
    await expectApiError(
      registry.models.UpdateVersion({
        name: v.name,
        version: { description: 'x', etag: v.etag },
        updateMask: { paths: ['description'] },
      }),
      StatusCode.ABORTED,
    );
  });

  it('rejects immutable paths, the wrong scaling mode and out-of-range nodes', async () => {
    const name = `${model}/versions/v3`;
    await expectApiError(
      registry.models.UpdateVersion({
        name,
        version: { deploymentUri: '/y' },
        updateMask: { paths: ['deployment_uri'] },
      }),
      StatusCode.INVALID_ARGUMENT,
      {
        field: 'update_mask',
        message: /immutable/,
      },
    );
    await expectApiError(
      registry.models.UpdateVersion({
        name,
        version: { autoScaling: { minNodes: 2 } },
        updateMask: { paths: ['auto_scaling.min_nodes'] },
      }),
      StatusCode.INVALID_ARGUMENT,
      {
        message: /manualScaling/,
      },
    );
    await expectApiError(
      registry.models.UpdateVersion({
        name,
        version: { manualScaling: { nodes: 1000 } },
        updateMask: { paths: ['manual_scaling.nodes'] },
      }),
      StatusCode.INVALID_ARGUMENT,
      {
        field: 'version.manual_scaling.nodes',
      },
    );
    await expectApiError(
      registry.models.UpdateVersion({
        name,
        version: { lineage: { publishedBy: 'mallory' } },
        updateMask: { paths: ['lineage.published_by'] },
      }),
      StatusCode.INVALID_ARGUMENT,
      {
        message: /immutable/,
      },
    );
  });

  it('refuses to update a version whose operation is still running', async () => {
    await expectApiError(
      registry.models.UpdateVersion({
        name: `${model}/versions/pending`,
        version: { description: 'x' },
        updateMask: { paths: ['description'] },
      }),
      StatusCode.FAILED_PRECONDITION,
      { message: /CREATING/ },
    );
  });
});

describe('deleting versions and models', () => {
  it('keeps the default version while others exist and the model while it has versions', async () => {
    await expectApiError(
      registry.models.DeleteVersion({ name: `${model}/versions/v1` }),
      StatusCode.FAILED_PRECONDITION,
      {
        message: /default version/,
      },
    );
    await expectApiError(registry.models.DeleteModel({ name: model }), StatusCode.FAILED_PRECONDITION, {
      message: /still has \d+ version/,
    });
    await expectApiError(
      registry.models.DeleteVersion({ name: `${model}/versions/pending` }),
      StatusCode.FAILED_PRECONDITION,
      { message: /CREATING/ },
    );
  });

  it('marks a version DELETING and removes it when the deployer completes the operation', async () => {
    const op = await registry.models.DeleteVersion({ name: `${model}/versions/v2` });
    expect(op.name).toMatch(/^projects\/acme\/operations\/delete_fraud_v2-\d+$/);
    expect(metadataOf(op).operationType).toBe('DELETE_VERSION');
    expect(await registry.models.GetVersion({ name: `${model}/versions/v2` })).toMatchObject({
      state: 'DELETING',
    });
    await expectApiError(
      registry.models.DeleteVersion({ name: `${model}/versions/v2` }),
      StatusCode.FAILED_PRECONDITION,
      { message: /DELETING/ },
    );
    const report = { name: `${model}/versions/v2`, operation: op.name };
    await expectApiError(
      registry.deployment.ReportVersion({ ...report, outcome: 'DEPLOYED' }),
      StatusCode.FAILED_PRECONDITION,
      { message: /DELETING; the deployer cannot report it DEPLOYED/ },
    );

    await registry.deployment.ReportVersion({ ...report, outcome: 'UNDEPLOYED' });
    expect(await registry.operations.GetOperation({ name: op.name })).toMatchObject({
      done: true,
      result: 'response',
    });
    await expectApiError(registry.models.GetVersion({ name: `${model}/versions/v2` }), StatusCode.NOT_FOUND);
    // Reporting twice is harmless: the deployer may report again after a crash.
    expect(await registry.deployment.ReportVersion({ ...report, outcome: 'UNDEPLOYED' })).toMatchObject({
      name: report.name,
    });
  });

  it('deletes the last versions, the default one last, and then the model', async () => {
    const names = (await registry.models.ListVersions({ parent: model })).versions.map((v) => v.name);
    const ordered = [...names.filter((n) => !n.endsWith('/v1')), `${model}/versions/v1`];
    for (const name of ordered) {
      const version = await registry.models.GetVersion({ name });
      if (version.state !== 'READY' && version.state !== 'FAILED') {
        await reportAsDeployer(registry.deployment, name, 'FAILED', 'abandoned');
      }
      const op = await registry.models.DeleteVersion({ name });
      await registry.deployment.ReportVersion({ name, operation: op.name, outcome: 'UNDEPLOYED' });
    }
    expect((await registry.models.GetModel({ name: model })).defaultVersion).toBeNull();
    const op = await registry.models.DeleteModel({ name: model });
    expect(op.done).toBe(true);
  });
});
