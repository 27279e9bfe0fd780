import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InternalCredential } from '@presage/env';
import { StatusCode } from '@presage/errors';
import { createClient, useInternalCredential } from '@presage/grpc-kit';
import type { ConnectedClient } from '@presage/grpc-kit';
import { buildFixture, expectClose } from '@presage/model-fixtures';
import type { Fixture } from '@presage/model-fixtures';
import { pidsWithEnv, waitFor } from '@presage/testing';
import type { ModelServiceHandlers } from '@presage/proto';
import { PredictorService } from '@presage/proto';
import { startDeployerPlatform } from './deployer-harness';
import type { DeployerPlatform } from './deployer-harness';

const model = 'projects/deploy/models/linear';
/** The platform's internal credential: the registry, the deployer and its replicas require it. */
const SECRET = 'd'.repeat(64);

let home: string;
let platform: DeployerPlatform;
let models: ConnectedClient<ModelServiceHandlers>;
let linear: Fixture;

/** Calls a replica's PredictorService directly. */
async function predictThrough(address: string, instances: unknown[]) {
  const predictor = createClient(PredictorService, address);
  try {
    return await predictor.client.Predict({ body: Buffer.from(JSON.stringify({ instances })) });
  } finally {
    predictor.close();
  }
}

/** Pids of the predictor processes serving `version`. */
function predictorPids(version: string): number[] {
  return pidsWithEnv('PRESAGE_PREDICTOR_VERSION', version);
}

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'presage-deployer-'));
  linear = await buildFixture('linear', path.join(home, 'fixtures'));
  platform = await startDeployerPlatform({ home, internalCredential: SECRET });
  ({ models } = platform);
  await models.client.CreateModel({ parent: 'projects/deploy', model: { name: 'linear' } });
}, 120_000);

afterAll(async () => {
  await platform?.stop();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('the deployer', () => {
  it('stages, validates and serves a version, recording its signature, then answers predictions', async () => {
    const op = await models.client.CreateVersion({
      parent: model,
      version: { name: 'v1', deploymentUri: linear.dir },
    });
    const done = await platform.waitForOperation(op.name);
    expect(done.result).toBe('response');
    const version = await models.client.GetVersion({ name: `${model}/versions/v1` });
    expect(version.state).toBe('READY');
    expect(version.signature?.inputs.map((i) => [i.name, i.dtype, i.shape.map(Number)])).toEqual(
      linear.signature.inputs.map((i) => [i.name, i.dtype, i.shape]),
    );
    const [replica] = await platform.readyReplicas(version.name);
    const answer = await predictThrough(replica!.address, linear.instances);
    expect(answer.httpStatus).toBe(200);
    expectClose(
      (JSON.parse(answer.body.toString()) as { predictions: unknown[] }).predictions,
      linear.predictions,
    );
    const events = (await models.client.ListDeploymentEvents({ parent: version.name })).deploymentEvents.map(
      (e) => e.type,
    );
    expect(events).toEqual(['CREATED', 'BECAME_DEFAULT', 'DEPLOYED']);
  });

  it('runs manualScaling.nodes replicas and follows a change of nodes', async () => {
    const op = await models.client.CreateVersion({
      parent: model,
      version: { name: 'v2', deploymentUri: linear.dir, manualScaling: { nodes: 2 } },
    });
    await platform.waitForOperation(op.name);
    expect(await platform.readyReplicas(`${model}/versions/v2`)).toHaveLength(2);
    const update = await models.client.UpdateVersion({
      name: `${model}/versions/v2`,
      version: { manualScaling: { nodes: 1 } },
      updateMask: { paths: ['manual_scaling.nodes'] },
    });
    // The update is done once the deployer has the replicas it asks for.
    expect(await platform.waitForOperation(update.name, 30_000)).toMatchObject({ result: 'response' });
    expect(await platform.readyReplicas(`${model}/versions/v2`)).toHaveLength(1);
    // The request is recorded as UPDATED, the change of replicas by the deployer as SCALED.
    const events = await waitFor(
      async () => {
        const list = (await models.client.ListDeploymentEvents({ parent: `${model}/versions/v2` }))
          .deploymentEvents;
        return list.some((e) => e.type === 'SCALED') ? list : undefined;
      },
      { timeoutMs: 30_000, description: 'the SCALED event' },
    );
    expect(events.map((e) => e.type)).toEqual(['CREATED', 'DEPLOYED', 'UPDATED', 'SCALED']);
    expect(events.at(-1)).toMatchObject({ type: 'SCALED', replicas: 1, actor: 'deployer' });
  });

  it('restarts a replica that dies', async () => {
    const name = `${model}/versions/v1`;
    const [before] = await platform.readyReplicas(name);
    const [pid] = predictorPids(name);
    expect(pid).toBeDefined();
    process.kill(pid!, 'SIGKILL');
    const after = await waitFor(
      async () => {
        const [replica] = await platform.readyReplicas(name);
        return replica && replica.address !== before!.address ? replica : undefined;
      },
      { timeoutMs: 30_000, description: 'the replica to come back' },
    );
    expect(after.state).toBe('READY');
  });

  it.each([
    ['a missing directory', () => path.join(home, 'nowhere'), /does not exist/],
    [
      'a directory without a model',
      () => (
        fs.mkdirSync(path.join(home, 'notes'), { recursive: true }),
        fs.writeFileSync(path.join(home, 'notes/README'), 'hi'),
        path.join(home, 'notes')
      ),
      /model\.onnx/,
    ],
    [
      'a corrupt model.onnx',
      () => (
        fs.mkdirSync(path.join(home, 'corrupt'), { recursive: true }),
        fs.writeFileSync(path.join(home, 'corrupt/model.onnx'), 'not onnx'),
        path.join(home, 'corrupt')
      ),
      /model\.onnx/,
    ],
  ])('fails a version from %s with a message the user can act on', async (label, uri, message) => {
    const versionId = `bad_${label.replace(/[^a-z]/g, '_')}`.slice(0, 60);
    const op = await models.client.CreateVersion({
      parent: model,
      version: { name: versionId, deploymentUri: uri() },
    });
    const done = await platform.waitForOperation(op.name);
    expect(done.result).toBe('error');
    expect(done.error?.message).toMatch(message);
    const version = await models.client.GetVersion({ name: `${model}/versions/${versionId}` });
    expect(version).toMatchObject({ state: 'FAILED', errorMessage: expect.stringMatching(message) });
    expect(await platform.readyReplicas(version.name)).toHaveLength(0);
  });

  it('leaves its replicas serving when it is killed, and the next deployer adopts them as they are', async () => {
    const version = `${model}/versions/v1`;
    const [before] = await platform.readyReplicas(version);
    const pids = predictorPids(version);
    expect(pids).toHaveLength(1);
    platform.deployer().child.kill('SIGKILL');
    await platform.deployer().stop();

    // No deployer: the replica still answers.
    expect((await predictThrough(before!.address, linear.instances)).httpStatus).toBe(200);
    expect(predictorPids(version)).toEqual(pids);

    // Its next start lists the same process, ready at once, without starting another; this one lets its
    // replicas outlive a stop (the default).
    const next = await platform.startDeployer({ PRESAGE_REPLICAS_OUTLIVE_DEPLOYER: '1' });
    const [adopted] = await platform.readyReplicas(version);
    expect(adopted).toMatchObject({ name: before!.name, address: before!.address, state: 'READY' });
    expect(next.output()).toMatch(/"message":"replica adopted".*"pid":/);
    expect(predictorPids(version)).toEqual(pids);

    // Stopped on purpose (SIGTERM) with the default setting: the replicas keep serving for the next deployer.
    expect(await next.stop(60_000)).toBe(0);
    expect((await predictThrough(before!.address, linear.instances)).httpStatus).toBe(200);
    await platform.startDeployer();
    expect(await platform.readyReplicas(version)).toEqual([adopted]);
    expect(predictorPids(version)).toEqual(pids);

    // An adopted replica that dies is started again, as a child of this deployer.
    process.kill(pids[0]!, 'SIGKILL');
    const restarted = await waitFor(
      async () => {
        const [replica] = await platform.readyReplicas(version);
        return replica && replica.address !== before!.address ? replica : undefined;
      },
      { timeoutMs: 30_000, description: 'the adopted replica to be replaced' },
    );
    expect((await predictThrough(restarted.address, linear.instances)).httpStatus).toBe(200);
  });

  it('stops its replicas when it stops, and brings them back after its restart', async () => {
    // A generous grace: under heavy load the replicas take long to drain, and a SIGKILLed deployer orphans them.
    expect(await platform.deployer().stop(60_000)).toBe(0);
    await waitFor(() => predictorPids(`${model}/versions/v1`).length === 0, {
      timeoutMs: 30_000,
      description: 'the replicas to exit with the deployer',
    });
    // Restarted as on Kubernetes: replicas listen on all interfaces and are advertised at the pod's address
    // (here another loopback address).
    await platform.startDeployer({ PRESAGE_PREDICTOR_HOST: '127.0.0.2' });
    const [replica] = await waitFor(
      async () => {
        const ready = await platform.readyReplicas(`${model}/versions/v1`);
        return ready.length === 1 ? ready : undefined;
      },
      { timeoutMs: 60_000, description: 'v1 to be served again' },
    );
    expect(replica!.address).toMatch(/^127\.0\.0\.2:\d+$/);
    const answer = await predictThrough(replica!.address, linear.instances);
    expect(answer.httpStatus).toBe(200);
    // On all interfaces, the replica requires the internal credential the deployer passed on to it.
    useInternalCredential(undefined);
    try {
      await expect(predictThrough(replica!.address, linear.instances)).rejects.toMatchObject({
        code: StatusCode.UNAUTHENTICATED,
        message: expect.stringContaining('This is an internal port of Presage') as unknown,
      });
    } finally {
      useInternalCredential(new InternalCredential(SECRET, {}));
    }
  });

  it('stops the replicas and drops the staged copy when a version is deleted', async () => {
    const name = `${model}/versions/v2`;
    const op = await models.client.DeleteVersion({ name });
    await platform.waitForOperation(op.name);
    expect(await platform.readyReplicas(name)).toHaveLength(0);
    expect(predictorPids(name)).toEqual([]);
    // v1 stays: same artifacts, so the staged copy is kept for it.
    expect(fs.readdirSync(path.join(home, 'artifacts')).filter((d) => !d.startsWith('.'))).toHaveLength(1);
    expect(await platform.readyReplicas(`${model}/versions/v1`)).toHaveLength(1);
  });

  it('stages packageUris, as a directory or a tarball, for a custom routine, and drops them with the version', async () => {
    const artifacts = path.join(home, 'routine-artifacts');
    const routine = path.join(home, 'routine');
    fs.mkdirSync(artifacts, { recursive: true });
    fs.mkdirSync(routine, { recursive: true });
    fs.writeFileSync(path.join(artifacts, 'weights.json'), '{"scale": 10}');
    fs.writeFileSync(
      path.join(routine, 'scaler.js'),
      `const fs = require('node:fs');
      exports.Scaler = class Scaler {
        constructor(scale) { this.scale = scale; }
        static async load(dir) { return new Scaler(JSON.parse(fs.readFileSync(dir + '/weights.json', 'utf8')).scale); }
        predict(instances) { return instances.map((x) => x * this.scale); }
      };`,
    );
    const tarball = path.join(home, 'routine.tar.gz');
    execFileSync('tar', ['-czf', tarball, '-C', routine, '.']);
    const staged = () => fs.readdirSync(path.join(home, 'artifacts')).filter((d) => !d.startsWith('.'));
    const before = staged().length;
    for (const [id, uri] of [
      ['routine_dir', routine],
      ['routine_tgz', tarball],
    ] as const) {
      const op = await models.client.CreateVersion({
        parent: model,
        version: {
          name: id,
          deploymentUri: artifacts,
          predictionClass: 'scaler.js#Scaler',
          packageUris: [uri],
        },
      });
      expect((await platform.waitForOperation(op.name)).result).toBe('response');
      const [replica] = await platform.readyReplicas(`${model}/versions/${id}`);
      const predictor = createClient(PredictorService, replica!.address);
      const answer = await predictor.client.Predict({ body: Buffer.from('{"instances": [1, 2.5]}') });
      predictor.close();
      expect(JSON.parse(answer.body.toString())).toEqual({ predictions: [10, 25] });
    }
    // The artifacts and the package (the same files in both forms) are staged once each.
    expect(staged()).toHaveLength(before + 2);
    for (const id of ['routine_dir', 'routine_tgz'])
      await platform.waitForOperation(
        (await models.client.DeleteVersion({ name: `${model}/versions/${id}` })).name,
      );
    await waitFor(() => staged().length === before, {
      timeoutMs: 30_000,
      description: 'the staged artifacts and package to be removed',
    });
  });
});
