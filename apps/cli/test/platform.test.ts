import fs from 'node:fs';
import path from 'node:path';
import { createClient } from '@presage/grpc-kit';
import { buildFixture, expectClose } from '@presage/model-fixtures';
import type { Fixture } from '@presage/model-fixtures';
import { waitFor } from '@presage/testing';
import { DeployerService, ModelService, OnlinePredictionService, Operations } from '@presage/proto';
import { call, predictorPids, startPlatform, waitForOperation } from './platform-harness';
import type { Platform } from './platform-harness';

const IRIS = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../../../tools/iris/model/samples.json'), 'utf8'),
) as {
  instances: number[][];
  probabilities: number[][];
  classes: number[];
};

let platform: Platform;
let linear: Fixture;
let multi: Fixture;

beforeAll(async () => {
  platform = await startPlatform({ demo: true });
  linear = await buildFixture('linear', path.join(platform.home, 'fixtures'));
  multi = await buildFixture('multi_input', path.join(platform.home, 'fixtures'));
}, 180_000);
afterAll(async () => {
  expect(await platform?.stop()).toBe(0);
}, 90_000);

async function readyReplicas(version: string) {
  const deployer = createClient(DeployerService, platform.deployer);
  try {
    return (await deployer.client.ListReplicas({ version })).replicas.filter((r) => r.state === 'READY');
  } finally {
    deployer.close();
  }
}

async function deploy(model: string, version: string, fixture: Fixture, extra: Record<string, unknown> = {}) {
  const created = await call(platform, 'POST', `/v1/${model}/versions`, {
    name: version,
    deploymentUri: fixture.dir,
    ...extra,
  });
  expect(created.status).toBe(200);
  return waitForOperation(platform, created.body['name'] as string);
}

describe('the platform started by presage up', () => {
  it('serves the bundled iris model with its lineage right after start', async () => {
    const predicted = await call(platform, 'POST', '/v1/projects/demo/models/iris:predict', {
      instances: IRIS.instances,
    });
    expect(predicted.status).toBe(200);
    const predictions = predicted.body['predictions'] as { class: number; probabilities: number[] }[];
    expect(predictions.map((p) => p.class)).toEqual(IRIS.classes);
    expectClose(
      predictions.map((p) => p.probabilities),
      IRIS.probabilities,
      1e-4,
    );
    const version = await call(platform, 'GET', '/v1/projects/demo/models/iris/versions/v1');
    expect(version.body).toMatchObject({
      state: 'READY',
      isDefault: true,
      lineage: {
        trainedBy: 'tools/iris/train.py',
        publishedBy: 'presage up',
        evaluationMetrics: { accuracy: expect.any(Number) },
      },
    });
  });

  it('runs the version lifecycle over REST: create, deploy, predict, move the default, delete', async () => {
    const model = 'projects/e2e/models/rest';
    expect((await call(platform, 'POST', '/v1/projects/e2e/models', { name: 'rest' })).status).toBe(200);
    const op = await deploy(model, 'v1', linear);
    expect(op).toMatchObject({
      done: true,
      response: { '@type': 'type.googleapis.com/presage.v1.Version', state: 'READY' },
    });
    const v1 = await call(platform, 'GET', `/v1/${model}/versions/v1`);
    expect(v1.body).toMatchObject({
      state: 'READY',
      isDefault: true,
      signature: { inputs: [{ name: 'x', dtype: 'float32' }] },
    });

    for (const name of [model, `${model}/versions/v1`]) {
      const answer = await call(platform, 'POST', `/v1/${name}:predict`, { instances: linear.instances });
      expect(answer.status).toBe(200);
      expectClose(answer.body['predictions'], linear.predictions);
    }

    await deploy(model, 'v2', multi);
    const before = await call(platform, 'POST', `/v1/${model}:predict`, { instances: multi.instances });
    expect(before.status).toBe(400);
    expect((await call(platform, 'POST', `/v1/${model}/versions/v2:setDefault`, {})).body).toMatchObject({
      isDefault: true,
    });
    const after = await waitFor(
      async () => {
        const answer = await call(platform, 'POST', `/v1/${model}:predict`, { instances: multi.instances });
        return answer.status === 200 ? answer : undefined;
      },
      { timeoutMs: 10_000, description: 'traffic to move to v2' },
    );
    expectClose(after.body['predictions'], multi.predictions);

    const deleted = await call(platform, 'DELETE', `/v1/${model}/versions/v1`);
    await waitForOperation(platform, deleted.body['name'] as string);
    expect((await call(platform, 'GET', `/v1/${model}/versions/v1`)).status).toBe(404);
    expect(await readyReplicas(`${model}/versions/v1`)).toEqual([]);
    expect(predictorPids(`${model}/versions/v1`)).toEqual([]);

    await waitForOperation(
      platform,
      (await call(platform, 'DELETE', `/v1/${model}/versions/v2`)).body['name'] as string,
    );
    const gone = await call(platform, 'DELETE', `/v1/${model}`);
    expect(gone.body).toMatchObject({ done: true });
    expect((await call(platform, 'GET', `/v1/${model}`)).status).toBe(404);
  });

  it('runs the same lifecycle over the gateway gRPC port', async () => {
    const models = createClient(ModelService, platform.gatewayGrpc);
    const operations = createClient(Operations, platform.gatewayGrpc);
    const online = createClient(OnlinePredictionService, platform.gatewayGrpc);
    try {
      await models.client.CreateModel({ parent: 'projects/e2e', model: { name: 'grpc' } });
      const op = await models.client.CreateVersion({
        parent: 'projects/e2e/models/grpc',
        version: { name: 'v1', deploymentUri: linear.dir },
      });
      await waitFor(async () => (await operations.client.GetOperation({ name: op.name })).done, {
        timeoutMs: 60_000,
        description: 'the gRPC-created version',
      });
      const v1 = await models.client.GetVersion({ name: 'projects/e2e/models/grpc/versions/v1' });
      expect(v1).toMatchObject({ state: 'READY', isDefault: true });
      expect(v1.signature?.outputs.map((o) => o.name)).toEqual(linear.signature.outputs.map((o) => o.name));
      const predict = async (name: string, instances: unknown[]) => {
        const answer = await online.client.Predict({
          name,
          httpBody: { contentType: 'application/json', data: Buffer.from(JSON.stringify({ instances })) },
        });
        return JSON.parse(answer.data.toString()) as { predictions?: unknown; error?: string };
      };
      expectClose(
        (await predict('projects/e2e/models/grpc', linear.instances)).predictions,
        linear.predictions,
      );
      expectClose(
        (await predict('projects/e2e/models/grpc/versions/v1', linear.instances)).predictions,
        linear.predictions,
      );

      const op2 = await models.client.CreateVersion({
        parent: 'projects/e2e/models/grpc',
        version: { name: 'v2', deploymentUri: multi.dir },
      });
      await waitFor(async () => (await operations.client.GetOperation({ name: op2.name })).done, {
        timeoutMs: 60_000,
        description: 'the second version',
      });
      await models.client.SetDefaultVersion({ name: 'projects/e2e/models/grpc/versions/v2' });
      const moved = await waitFor(
        async () => {
          const answer = await predict('projects/e2e/models/grpc', multi.instances);
          return answer.predictions ? answer : undefined;
        },
        { timeoutMs: 10_000, description: 'traffic to move to v2' },
      );
      expectClose(moved.predictions, multi.predictions);

      for (const version of ['v1', 'v2']) {
        const del = await models.client.DeleteVersion({
          name: `projects/e2e/models/grpc/versions/${version}`,
        });
        await waitFor(async () => (await operations.client.GetOperation({ name: del.name })).done, {
          timeoutMs: 60_000,
          description: `the deletion of ${version}`,
        });
        expect(predictorPids(`projects/e2e/models/grpc/versions/${version}`)).toEqual([]);
      }
      await models.client.DeleteModel({ name: 'projects/e2e/models/grpc' });
    } finally {
      models.close();
      operations.close();
      online.close();
    }
  });

  it('answers every bad request with a 4xx and a clear message, and keeps serving', async () => {
    const model = 'projects/demo/models/iris';
    const cases: [string, string | object, number, RegExp][] = [
      ['not JSON', '{"instances": [', 400, /JSON/i],
      ['no instances', { rows: [[1, 2, 3, 4]] }, 400, /instances/],
      ['instances not a list', { instances: 'abc' }, 400, /instances/],
      [
        'a wrong shape',
        {
          instances: [
            [1, 2, 3, 4],
            [1, 2, 3],
          ],
        },
        400,
        /element: 1 of 'instances'.*shape \[4\].*got \[3\]/,
      ],
      ['a wrong type', { instances: [['a', 'b', 'c', 'd']] }, 400, /element: 0 of 'instances'/],
      ['mixed types', { instances: [[1, 'b', 3, 4]] }, 400, /element: 0 of 'instances'/],
    ];
    for (const [label, body, status, message] of cases) {
      const answer = await call(platform, 'POST', `/v1/${model}:predict`, body);
      expect({ label, status: answer.status }).toEqual({ label, status });
      expect(JSON.stringify(answer.body)).toMatch(message);
    }
    const oversize = await call(platform, 'POST', `/v1/${model}:predict`, {
      instances: [Array(400_000).fill(1.5)],
    });
    expect([400, 413]).toContain(oversize.status);
    expect(JSON.stringify(oversize.body)).toMatch(/1572864|1\.5 ?MB|too large/i);
    expect(
      (await call(platform, 'POST', '/v1/projects/demo/models/nope:predict', { instances: [[1, 2, 3, 4]] }))
        .status,
    ).toBe(404);
    expect(
      (await call(platform, 'POST', `/v1/${model}/versions/nope:predict`, { instances: [[1, 2, 3, 4]] }))
        .status,
    ).toBe(404);

    const op = await call(platform, 'POST', `/v1/${model}/versions`, {
      name: 'broken',
      deploymentUri: path.join(platform.home, 'absent'),
    });
    const done = await waitForOperation(platform, op.body['name'] as string);
    expect(done['error']).toMatchObject({ message: expect.stringMatching(/does not exist/) });
    const failed = await call(platform, 'POST', `/v1/${model}/versions/broken:predict`, {
      instances: [[1, 2, 3, 4]],
    });
    expect(failed.status).toBe(400);
    expect(failed.body).toMatchObject({
      error: { status: 'FAILED_PRECONDITION', message: expect.stringMatching(/FAILED/) },
    });

    const still = await call(platform, 'POST', `/v1/${model}:predict`, {
      instances: IRIS.instances.slice(0, 1),
    });
    expect(still.status).toBe(200);
  });

  it('loses no request when one of two replicas is killed during a stream, and brings it back', async () => {
    const model = 'projects/e2e/models/ha';
    await call(platform, 'POST', '/v1/projects/e2e/models', { name: 'ha' });
    await deploy(model, 'v1', linear, { manualScaling: { nodes: 2 } });
    const version = `${model}/versions/v1`;
    expect(await readyReplicas(version)).toHaveLength(2);
    const [victim] = predictorPids(version);
    const statuses: number[] = [];
    let killed = false;
    const worker = async () => {
      for (let i = 0; i < 100; i++) {
        if (!killed && statuses.length >= 40) {
          killed = true;
          process.kill(victim!, 'SIGKILL');
        }
        const answer = await call(platform, 'POST', `/v1/${model}:predict`, { instances: linear.instances });
        statuses.push(answer.status);
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    expect(killed).toBe(true);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    await waitFor(async () => (await readyReplicas(version)).length === 2, {
      timeoutMs: 30_000,
      description: 'the killed replica to be replaced',
    });
    expect(predictorPids(version)).not.toContain(victim);
  });

  it('runs a batch prediction job over REST as AI Platform clients send it', async () => {
    await call(platform, 'POST', '/v1/projects/nightly/models', { name: 'scores' });
    await deploy('projects/nightly/models/scores', 'v1', linear);
    const input = path.join(platform.home, 'batch-in');
    fs.mkdirSync(input, { recursive: true });
    const lines = linear.instances.map((x, n) => JSON.stringify({ key: n, x }));
    fs.writeFileSync(path.join(input, 'part-0.jsonl'), `${lines.join('\n')}\nnot json\n`);
    const output = path.join(platform.home, 'batch-out');
    const created = await call(platform, 'POST', '/v1/projects/nightly/jobs', {
      jobId: 'nightly_1',
      labels: { owner: 'risk' },
      predictionInput: {
        modelName: 'projects/nightly/models/scores',
        dataFormat: 'JSON',
        inputPaths: [`file://${input}/part-*`],
        outputPath: `file://${output}`,
        region: 'us-central1',
        maxWorkerCount: '2',
      },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ jobId: 'nightly_1', state: 'QUEUED', labels: { owner: 'risk' } });
    expect(created.body['createTime']).toMatch(/^\d{4}-\d\d-\d\dT/);
    const done = await waitFor(
      async () => {
        const job = await call(platform, 'GET', '/v1/projects/nightly/jobs/nightly_1');
        return ['SUCCEEDED', 'FAILED'].includes(job.body['state'] as string) ? job.body : undefined;
      },
      { timeoutMs: 60_000, description: 'the batch job to end' },
    );
    expect(done).toMatchObject({
      state: 'SUCCEEDED',
      predictionOutput: {
        outputPath: output,
        predictionCount: String(linear.instances.length),
        errorCount: '1',
      },
    });
    const results = fs
      .readFileSync(path.join(output, 'prediction.results-00000-of-00001'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { key: number; y: number[] })
      .sort((a, b) => a.key - b.key);
    expectClose(
      results.map((r) => r.y),
      linear.predictions,
    );
    expect(fs.readFileSync(path.join(output, 'prediction.errors_stats-00000-of-00001'), 'utf8')).toBe(
      "('The line is not valid JSON.', 1)\n",
    );
    const listed = await call(platform, 'GET', '/v1/projects/nightly/jobs?filter=state%3ASUCCEEDED');
    expect((listed.body['jobs'] as { jobId: string }[]).map((j) => j.jobId)).toEqual(['nightly_1']);
    const again = await call(platform, 'POST', '/v1/projects/nightly/jobs/nightly_1:cancel', {});
    expect(again).toMatchObject({ status: 400, body: { error: { status: 'FAILED_PRECONDITION' } } });
    const invalid = await call(platform, 'POST', '/v1/projects/nightly/jobs', {
      jobId: 'bad',
      predictionInput: {},
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({
      error: {
        status: 'INVALID_ARGUMENT',
        details: [{ '@type': 'type.googleapis.com/google.rpc.BadRequest' }],
      },
    });
    const training = await call(platform, 'POST', '/v1/projects/nightly/jobs', {
      jobId: 'train',
      trainingInput: { pythonModule: 'trainer.task' },
    });
    expect(training).toMatchObject({ status: 501, body: { error: { status: 'UNIMPLEMENTED' } } });
  });
});
