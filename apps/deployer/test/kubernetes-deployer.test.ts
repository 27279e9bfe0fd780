// The deployer process with PRESAGE_REPLICA_DRIVER=kubernetes, its KUBECONFIG pointing at a fake cluster:
// no Kubernetes cluster and no container engine run on these machines, so test/fake-kube stands in for
// the API server, its controllers and a kubelet that runs pods as real predictor processes. The registry,
// the database, gRPC and onnxruntime are real.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient } from '@presage/grpc-kit';
import type { ConnectedClient } from '@presage/grpc-kit';
import { buildFixture, expectClose } from '@presage/model-fixtures';
import type { Fixture } from '@presage/model-fixtures';
import { waitFor } from '@presage/testing';
import type { ModelServiceHandlers } from '@presage/proto';
import { PredictorService } from '@presage/proto';
import { startDeployerPlatform } from './deployer-harness';
import type { DeployerPlatform } from './deployer-harness';
import { startFakeCluster } from './fake-kube/fake-cluster';
import type { FakeCluster } from './fake-kube/fake-cluster';

const IMAGE = 'registry.example.com/presage:test';
const model = 'projects/kube/models/linear';
/** An operation here waits for pods on the fake cluster: longer than the harness's 60 s default. */
const OPERATION_TIMEOUT_MS = 90_000;

let home: string;
let linear: Fixture;
let cluster: FakeCluster;
let platform: DeployerPlatform;
let models: ConnectedClient<ModelServiceHandlers>;

const predictorPods = () =>
  cluster
    .objects('pods')
    .filter((p) => !p.metadata.deletionTimestamp)
    .map((p) => p.metadata.name)
    .sort();

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'presage-kube-deployer-'));
  linear = await buildFixture('linear', path.join(home, 'fixtures'));
  // The deployer stages into $PRESAGE_HOME/artifacts: the claim predictor pods mount at that path.
  fs.mkdirSync(path.join(home, 'artifacts'));
  cluster = await startFakeCluster({
    dir: home,
    claims: { 'presage-artifacts': path.join(home, 'artifacts') },
    images: [IMAGE],
  });
  platform = await startDeployerPlatform({
    home,
    deployerEnv: {
      PRESAGE_REPLICA_DRIVER: 'kubernetes',
      KUBECONFIG: cluster.kubeconfigPath,
      PRESAGE_PREDICTOR_IMAGE: IMAGE,
      PRESAGE_KUBE_START_TIMEOUT_MS: '60000',
    },
  });
  ({ models } = platform);
  await models.client.CreateModel({ parent: 'projects/kube', model: { name: 'linear' } });
}, 120_000);

afterAll(async () => {
  await platform?.stop();
  await cluster?.close();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('the deployer on Kubernetes', () => {
  it('deploys a version as a Deployment whose pods serve predictions at the addresses it lists', async () => {
    const op = await models.client.CreateVersion({
      parent: model,
      version: { name: 'v1', deploymentUri: linear.dir, manualScaling: { nodes: 2 } },
    });
    expect((await platform.waitForOperation(op.name, OPERATION_TIMEOUT_MS)).result).toBe('response');
    const version = await models.client.GetVersion({ name: `${model}/versions/v1` });
    expect(version.state).toBe('READY');
    expect(version.signature?.inputs.map((i) => i.name)).toEqual(linear.signature.inputs.map((i) => i.name));
    const ready = await platform.readyReplicas(version.name);
    expect(ready).toHaveLength(2);
    const [deployment] = cluster.objects('deployments');
    expect(deployment!.spec!.replicas).toBe(2);
    // The staged copy, on the shared claim, is what the pods load.
    const env = deployment!.spec!.template.spec!.containers[0]!.env!;
    expect(env.find((e) => e.name === 'PRESAGE_PREDICTOR_MODEL_DIR')?.value).toMatch(
      new RegExp(`^${home}/artifacts/sha256-`),
    );
    const predictor = createClient(PredictorService, ready[0]!.address);
    const answer = await predictor.client.Predict({
      body: Buffer.from(JSON.stringify({ instances: linear.instances })),
    });
    predictor.close();
    expectClose(
      (JSON.parse(answer.body.toString()) as { predictions: unknown[] }).predictions,
      linear.predictions,
    );
  });

  it('fails a version whose model does not load with the predictor’s message', async () => {
    const corrupt = path.join(home, 'corrupt');
    fs.mkdirSync(corrupt);
    fs.writeFileSync(path.join(corrupt, 'model.onnx'), 'not onnx');
    await models.client.CreateModel({ parent: 'projects/kube', model: { name: 'broken' } });
    const op = await models.client.CreateVersion({
      parent: 'projects/kube/models/broken',
      version: { name: 'v1', deploymentUri: corrupt },
    });
    const done = await platform.waitForOperation(op.name, OPERATION_TIMEOUT_MS);
    expect(done.error?.message).toMatch(/model\.onnx is not a valid ONNX model/);
    await waitFor(() => cluster.objects('deployments').length === 1, {
      timeoutMs: 30_000,
      description: "the failed version's Deployment to be deleted",
    });
  });

  it('leaves the pods running across its restart and adopts them', async () => {
    const before = predictorPods();
    expect(await platform.deployer().stop(60_000)).toBe(0);
    expect(predictorPods()).toEqual(before);
    const deployer = await platform.startDeployer();
    const ready = await waitFor(
      async () => {
        const list = await platform.readyReplicas(`${model}/versions/v1`);
        return list.length === 2 ? list : undefined;
      },
      { timeoutMs: 30_000, description: 'the adopted replicas to be listed' },
    );
    expect(ready.map((r) => r.name.split('/').pop()).sort()).toEqual(before);
    // Once the restarted deployer applied the version's Deployment again (a no-op): still the same pods.
    await waitFor(() => deployer.output().includes('"message":"applied deployment"'), {
      timeoutMs: 30_000,
      description: 'the restarted deployer to apply the Deployment',
    });
    expect(deployer.output()).toMatch(/"message":"kubernetes driver ready".*"adopted":1/);
    expect(predictorPods()).toEqual(before);
  });

  it('deletes the Deployment, Service and pods of a deleted version', async () => {
    const op = await models.client.DeleteVersion({ name: `${model}/versions/v1` });
    await platform.waitForOperation(op.name, OPERATION_TIMEOUT_MS);
    expect(await platform.readyReplicas(`${model}/versions/v1`)).toEqual([]);
    for (const resource of ['deployments', 'services', 'pods'] as const)
      expect(cluster.objects(resource)).toEqual([]);
  });
});
