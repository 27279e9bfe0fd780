// The Kubernetes replica driver against a fake cluster: no Kubernetes cluster and no container engine
// run on these machines, so test/fake-kube stands in for the API server, its controllers and a kubelet.
// Everything else is real: the driver talks to it through @kubernetes/client-node and a kubeconfig,
// pods are real predictor processes (onnxruntime), and predictions go over gRPC to listed addresses.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { V1Deployment, V1Service } from '@kubernetes/client-node' with { 'resolution-mode': 'import' };
import { createClient, createGrpcServer } from '@presage/grpc-kit';
import type { GrpcServer } from '@presage/grpc-kit';
import { createLogger } from '@presage/log';
import { buildFixture, expectClose } from '@presage/model-fixtures';
import type { Fixture } from '@presage/model-fixtures';
import { pidsWithEnv, serviceMain, waitFor } from '@presage/testing';
import { BatchWorkerService, PredictorService } from '@presage/proto';
import type { DeployerDrivers } from '../src/drivers/deployer-drivers';
import { createKubernetesDrivers } from '../src/drivers/kubernetes-drivers';
import type { KubernetesDriverOptions } from '../src/drivers/kubernetes-drivers';
import { LocalServingDriver } from '../src/drivers/local-serving-driver';
import { DEFAULT_BATCHING_SPEC } from '../src/drivers/runtime-spec';
import type { ReplicaSpec, ServingDriver } from '../src/drivers/serving-driver';
import type { WorkerSpec } from '../src/drivers/worker-driver';
import { startFakeCluster } from './fake-kube/fake-cluster';
import type { FakeCluster } from './fake-kube/fake-cluster';

const PREDICTOR_ENTRY = serviceMain('predictor');
const VERSION = 'projects/driver/models/linear/versions/v1';
const BROKEN = 'projects/driver/models/broken/versions/v1';
const OTHER = 'projects/driver/models/linear/versions/v2';
const JOB = 'projects/driver/jobs/score_all';
const CLAIM = 'presage-test-artifacts';
const IMAGE = 'registry.example.com/presage:test';

let home: string;
let artifactsDir: string;
let linear: Fixture;
let cluster: FakeCluster;
let drivers: DeployerDrivers;
/** The serving driver of `drivers`. */
let driver: ServingDriver;
const logger = createLogger('kubernetes-driver-test');

function driverOptions(extra: Partial<KubernetesDriverOptions> = {}): KubernetesDriverOptions {
  return {
    kubeconfigPath: cluster.kubeconfigPath,
    image: IMAGE,
    predictorEntry: PREDICTOR_ENTRY,
    artifactsClaim: CLAIM,
    artifactsDir,
    requests: { cpu: '250m', memory: '256Mi' },
    limits: { memory: '1Gi' },
    env: { PRESAGE_LOG_LEVEL: 'warn' },
    logger,
    startTimeoutMs: 60_000,
    stopTimeoutMs: 30_000,
    ...extra,
  };
}

/** Starts the Kubernetes drivers (again), as a deployer does when it starts. */
async function connect(): Promise<void> {
  drivers = await createKubernetesDrivers(driverOptions());
  driver = drivers.serving;
}

function specOf(version: string, modelDir: string, framework = ''): ReplicaSpec {
  return {
    version,
    modelDir,
    runtime: {
      framework,
      predictionClass: '',
      packageDirs: [],
      signatureName: '',
      batching: DEFAULT_BATCHING_SPEC,
    },
  };
}

async function predictThrough(address: string, instances: unknown[]): Promise<unknown[]> {
  const predictor = createClient(PredictorService, address);
  try {
    const answer = await predictor.client.Predict({ body: Buffer.from(JSON.stringify({ instances })) });
    expect(answer.httpStatus).toBe(200);
    return (JSON.parse(answer.body.toString()) as { predictions: unknown[] }).predictions;
  } finally {
    predictor.close();
  }
}

/** What the local driver says of the broken model: the Kubernetes driver must say the same. */
async function localLoadError(): Promise<unknown> {
  const local = new LocalServingDriver({
    predictorEntry: PREDICTOR_ENTRY,
    stateDir: path.join(home, 'local'),
    replicasOutliveDriver: false,
    logger,
  });
  const result = await local.scale(specOf(BROKEN, path.join(artifactsDir, 'broken')), 1);
  await local.close();
  expect(result).toEqual({ ok: false, error: expect.stringContaining('is not a valid ONNX model') });
  return result;
}

const ready = (version: string) => driver.list(version).filter((r) => r.state === 'READY');
const podNames = (component: string) =>
  cluster
    .objects('pods')
    .filter(
      (p) =>
        p.metadata.labels?.['app.kubernetes.io/component'] === component && !p.metadata.deletionTimestamp,
    )
    .map((p) => p.metadata.name)
    .sort();
const applied = (resource: string) =>
  cluster.requests.filter(
    (r) =>
      r.method === 'PATCH' && r.resource === resource && r.contentType === 'application/apply-patch+yaml',
  );

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'presage-kube-driver-'));
  artifactsDir = path.join(home, 'artifacts');
  linear = await buildFixture('linear', path.join(artifactsDir, 'linear'));
  fs.mkdirSync(path.join(artifactsDir, 'broken'));
  fs.writeFileSync(path.join(artifactsDir, 'broken', 'model.onnx'), 'not an onnx model');
  cluster = await startFakeCluster({ dir: home, claims: { [CLAIM]: artifactsDir }, images: [IMAGE] });
  await connect();
}, 60_000);

afterAll(async () => {
  await drivers?.close();
  await cluster?.close();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('the Kubernetes driver', () => {
  it('scales a version 2 → 1 → 0 as one Deployment and one Service, serving predictions from listed replicas', async () => {
    const scaled = await driver.scale(specOf(VERSION, linear.dir), 2);
    if (!scaled.ok) throw new Error(scaled.error);
    expect(scaled.model.runtime).toBe('onnx');
    expect(scaled.model.signature).toEqual({
      inputs: linear.signature.inputs.map((i) => ({ name: i.name, dtype: i.dtype, shape: i.shape })),
      outputs: linear.signature.outputs.map((o) => ({ name: o.name, dtype: o.dtype, shape: o.shape })),
    });
    expect(cluster.objects('deployments').map((d) => d.metadata.name)).toEqual([
      expect.stringMatching(/^presage-linear-v1-[0-9a-f]{10}$/),
    ]);
    expect(cluster.objects('services')).toHaveLength(1);

    const replicas = ready(VERSION);
    expect(replicas).toHaveLength(2);
    expect(new Set(replicas.map((r) => r.address)).size).toBe(2);
    for (const replica of replicas) {
      expect(replica.name).toMatch(new RegExp(`^${VERSION}/replicas/presage-linear-v1-`));
      expect(replica.address).toMatch(/^127\.\d+\.\d+\.\d+:8500$/);
      expectClose(await predictThrough(replica.address, linear.instances), linear.predictions);
      // Each pod's Prometheus endpoint, at the pod's IP.
      expect(replica.metricsAddress).toBe(replica.address.replace(/:8500$/, ':9464'));
      const metrics = await (await fetch(`http://${replica.metricsAddress}/metrics`)).text();
      expect(metrics).toContain('presage_predictor_model_load_duration');
    }
    expect(driver.versions()).toEqual([VERSION]);

    const down = await driver.scale(specOf(VERSION, linear.dir), 1);
    expect(down.ok).toBe(true);
    expect(ready(VERSION)).toHaveLength(1);
    await waitFor(() => podNames('predictor').length === 1, {
      timeoutMs: 30_000,
      description: 'the extra pod to go',
    });

    const zero = await driver.scale(specOf(VERSION, linear.dir), 0);
    expect(zero).toMatchObject({ ok: true, model: { runtime: 'onnx', signature: scaled.model.signature } });
    await waitFor(() => driver.list(VERSION).length === 0, {
      timeoutMs: 30_000,
      description: 'every replica to go',
    });
    expect(cluster.objects('deployments')[0]!.spec!.replicas).toBe(0);
    expect(driver.versions()).toEqual([VERSION]);
  });

  it('applies manifests with the predictor env, gRPC probes, the read-only artifacts volume, labels and resources', () => {
    const request = applied('deployments').at(-1)!;
    expect(request.query).toMatchObject({ fieldManager: 'presage-deployer', force: 'true' });
    const deployment = request.body as V1Deployment;
    const spec = deployment.spec!;
    const labels = {
      'app.kubernetes.io/managed-by': 'presage-deployer',
      'app.kubernetes.io/name': 'presage-predictor',
      'app.kubernetes.io/component': 'predictor',
      'presage.dev/version-hash': expect.stringMatching(/^[0-9a-f]{10}$/),
    };
    expect(deployment.metadata!.labels).toEqual(labels);
    expect(deployment.metadata!.annotations).toMatchObject({ 'presage.dev/version': VERSION });
    expect(spec.selector.matchLabels).toEqual({
      'presage.dev/version-hash': labels['presage.dev/version-hash'],
      'app.kubernetes.io/component': 'predictor',
    });
    const pod = spec.template.spec!;
    expect(pod).toMatchObject({ automountServiceAccountToken: false, enableServiceLinks: false });
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true });
    expect(pod.volumes).toEqual([
      { name: 'artifacts', persistentVolumeClaim: { claimName: CLAIM, readOnly: true } },
    ]);
    const container = pod.containers[0]!;
    expect(container.image).toBe(IMAGE);
    expect(container.command).toEqual(['node', PREDICTOR_ENTRY]);
    expect(container.env).toEqual([
      { name: 'PRESAGE_PREDICTOR_MODEL_DIR', value: linear.dir },
      { name: 'PRESAGE_PREDICTOR_VERSION', value: VERSION },
      { name: 'PRESAGE_PREDICTOR_FRAMEWORK', value: '' },
      { name: 'PRESAGE_PREDICTOR_PREDICTION_CLASS', value: '' },
      { name: 'PRESAGE_PREDICTOR_PACKAGE_DIRS', value: '[]' },
      { name: 'PRESAGE_PREDICTOR_SIGNATURE_NAME', value: '' },
      { name: 'PRESAGE_PREDICTOR_ADDRESS', value: '0.0.0.0:8500' },
      { name: 'PRESAGE_PREDICTOR_METRICS_ADDRESS', value: '0.0.0.0:9464' },
      { name: 'PRESAGE_PREDICTOR_REPLICA', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'PRESAGE_LOG_LEVEL', value: 'warn' },
    ]);
    expect(container.ports).toEqual([
      { name: 'grpc', containerPort: 8500, protocol: 'TCP' },
      { name: 'metrics', containerPort: 9464, protocol: 'TCP' },
    ]);
    expect(spec.template.metadata!.annotations).toMatchObject({ 'prometheus.io/port': '9464' });
    for (const probe of [container.startupProbe, container.readinessProbe, container.livenessProbe]) {
      expect(probe!.grpc).toEqual({ port: 8500 });
    }
    // The startup probe waits as long as the driver does for a model to load.
    const startup = container.startupProbe!;
    expect(startup.periodSeconds! * startup.failureThreshold!).toBeGreaterThanOrEqual(60);
    expect(container.resources).toEqual({
      requests: { cpu: '250m', memory: '256Mi' },
      limits: { memory: '1Gi' },
    });
    expect(container.volumeMounts).toEqual([{ name: 'artifacts', mountPath: artifactsDir, readOnly: true }]);
    expect(container.terminationMessagePolicy).toBe('FallbackToLogsOnError');

    const service = applied('services').at(-1)!.body as V1Service;
    expect(service.metadata!.name).toBe(deployment.metadata!.name);
    expect(service.spec).toEqual({
      clusterIP: 'None',
      selector: spec.selector.matchLabels,
      ports: [{ name: 'grpc', port: 8500, targetPort: 'grpc', protocol: 'TCP', appProtocol: 'grpc' }],
    });
  });

  it('rolls the Deployment to new pods when the spec changes, keeping the old replica until its successor is ready', async () => {
    expect((await driver.scale(specOf(VERSION, linear.dir), 1)).ok).toBe(true);
    const before = podNames('predictor');
    const rolled = await driver.scale(specOf(VERSION, linear.dir, 'ONNX'), 1);
    expect(rolled.ok).toBe(true);
    const [replica] = ready(VERSION);
    expect(replica!.name.split('/').pop()).not.toBe(before[0]);
    await waitFor(() => podNames('predictor').length === 1, {
      timeoutMs: 30_000,
      description: 'the old pod to go',
    });
    // This version's predictors only: other test files run predictors of their own meanwhile.
    const ours = new Set(pidsWithEnv('PRESAGE_PREDICTOR_VERSION', VERSION));
    expect(pidsWithEnv('PRESAGE_PREDICTOR_FRAMEWORK', 'ONNX').filter((pid) => ours.has(pid))).toHaveLength(1);
    expectClose(await predictThrough(replica!.address, linear.instances), linear.predictions);
  });

  it('adopts the Deployments a previous deployer left, without restarting their pods', async () => {
    const before = podNames('predictor');
    const applies = applied('deployments').length;
    await drivers.close();
    await connect();
    expect(driver.versions()).toEqual([VERSION]);
    expect(ready(VERSION).map((r) => r.name.split('/').pop())).toEqual(before);
    const scaled = await driver.scale(specOf(VERSION, linear.dir, 'ONNX'), 1);
    expect(scaled.ok).toBe(true);
    expect(podNames('predictor')).toEqual(before);
    // The restarted driver applies once (a no-op for the API server), then trusts its cache.
    expect((await driver.scale(specOf(VERSION, linear.dir, 'ONNX'), 1)).ok).toBe(true);
    expect(applied('deployments').length).toBe(applies + 1);

    // Scaled to zero by a deployer that never saw a replica: the model recorded on the Deployment.
    await drivers.close();
    await connect();
    const zero = await driver.scale(specOf(VERSION, linear.dir, 'ONNX'), 0);
    expect(zero).toMatchObject({
      ok: true,
      model: { runtime: 'onnx', signature: scaled.ok && scaled.model.signature },
    });
    expect(await driver.scale(specOf(VERSION, linear.dir, 'ONNX'), 1)).toMatchObject({ ok: true });
  });

  it("fails a model that does not load with the predictor's own message, as the local driver does", async () => {
    const expected = await localLoadError();

    const result = await driver.scale(specOf(BROKEN, path.join(artifactsDir, 'broken')), 1);
    expect(result).toEqual(expected);
    await driver.stop(BROKEN);
    expect(driver.versions()).toEqual([VERSION]);
  });

  it('reports RBAC refusals, invalid objects and files off the shared volume as clear errors', async () => {
    const other = specOf(OTHER, linear.dir);
    cluster.forbidden.add('patch deployments');
    await expect(driver.scale(other, 1)).rejects.toThrow(
      /Cannot apply Deployment presage-linear-v2-\w+ in namespace presage: .*cannot patch resource "deployments".*RBAC/,
    );
    cluster.forbidden.clear();
    await driver.stop(OTHER);

    const misconfigured = await createKubernetesDrivers(driverOptions({ requests: { cpu: 'a lot' } }));
    const refused = await misconfigured.serving.scale(other, 1);
    await misconfigured.close();
    expect(refused).toEqual({
      ok: false,
      error: expect.stringMatching(/is invalid: .*resources\.requests\[cpu\]/),
    });
    await driver.stop(OTHER);

    expect(await driver.scale(specOf(OTHER, os.tmpdir()), 1)).toEqual({
      ok: false,
      error: expect.stringContaining(
        `is not in the artifact store ${artifactsDir} (PersistentVolumeClaim ${CLAIM})`,
      ),
    });
    expect(await driver.scale(other, -1)).toEqual({ ok: false, error: expect.stringContaining('≥ 0') });

    cluster.forbidden.add('list pods');
    await expect(createKubernetesDrivers(driverOptions({ syncTimeoutMs: 2000 }))).rejects.toThrow(
      /could not list its objects within 2 s: .*pods is forbidden/,
    );
    cluster.forbidden.clear();
    expect(driver.versions()).toEqual([VERSION]);
  });

  it('stops a version: its Deployment, Service, EndpointSlices and pods are gone', async () => {
    await driver.stop(VERSION);
    expect(driver.versions()).toEqual([]);
    expect(driver.list()).toEqual([]);
    for (const resource of ['deployments', 'services', 'endpointslices', 'pods'] as const) {
      expect(cluster.objects(resource)).toEqual([]);
    }
    expect(pidsWithEnv('PRESAGE_PREDICTOR_VERSION', VERSION)).toEqual([]);
  });
});

describe('batch workers on Kubernetes', () => {
  let batch: GrpcServer;
  let batchAddress: string;

  beforeAll(async () => {
    // The batch service's side of the contract: nothing to claim yet, ask again later.
    batch = createGrpcServer({ name: 'fake-batch', logger });
    batch.addService(BatchWorkerService, {
      ClaimShard: () => Promise.resolve({ retryAfterMs: 500 }),
    });
    batchAddress = `127.0.0.1:${await batch.listen('127.0.0.1:0')}`;
  });

  afterAll(() => batch?.shutdown());

  const workerSpec = (modelDir: string): WorkerSpec => ({
    job: JOB,
    version: VERSION,
    modelDir,
    runtime: {
      framework: '',
      predictionClass: '',
      packageDirs: [],
      signatureName: '',
      batching: DEFAULT_BATCHING_SPEC,
    },
    batchAddress,
  });

  it("runs a job's workers as one Job with the parallelism and env asked for, replaces a dead one, and deletes it on stop", async () => {
    const started = await drivers.workers.ensure(workerSpec(linear.dir), 2);
    if (!started.ok) throw new Error(started.error);
    expect(started.workers).toHaveLength(2);
    for (const worker of started.workers) {
      expect(worker).toEqual({
        name: expect.stringMatching(new RegExp(`^${JOB}/workers/presage-job-score-all-[0-9a-f]{10}-\\w{5}$`)),
        job: JOB,
        state: 'RUNNING',
      });
      // The downward API gave each worker its pod's name: unique, and never reused by a replacement.
      expect(pidsWithEnv('PRESAGE_BATCH_WORKER', worker.name)).toHaveLength(1);
    }
    expect(drivers.workers.jobs()).toEqual([JOB]);

    const [job] = cluster.objects('jobs');
    expect(job!.metadata.name).toMatch(/^presage-job-score-all-[0-9a-f]{10}$/);
    expect(job!.spec!).toMatchObject({ parallelism: 2, template: { spec: { restartPolicy: 'Never' } } });
    expect(job!.spec!.completions).toBeUndefined();
    expect(job!.spec!.backoffLimit).toBeGreaterThanOrEqual(8);
    expect(job!.spec!.podFailurePolicy!.rules[0]).toEqual({
      action: 'FailJob',
      onExitCodes: { containerName: 'worker', operator: 'In', values: [3] },
    });
    const container = job!.spec!.template.spec!.containers[0]!;
    expect(container.env).toEqual(
      expect.arrayContaining([
        { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
        { name: 'PRESAGE_PREDICTOR_MODEL_DIR', value: linear.dir },
        { name: 'PRESAGE_PREDICTOR_MODE', value: 'batch' },
        { name: 'PRESAGE_BATCH_JOB', value: JOB },
        { name: 'PRESAGE_BATCH_WORKER', value: `${JOB}/workers/$(POD_NAME)` },
        { name: 'PRESAGE_BATCH_ADDRESS', value: batchAddress },
      ]),
    );
    expect(container.volumeMounts).toEqual([{ name: 'artifacts', mountPath: artifactsDir, readOnly: true }]);

    // A worker dies: the Job starts a new pod (a new worker name) in its place.
    process.kill(pidsWithEnv('PRESAGE_BATCH_WORKER', started.workers[0]!.name)[0]!, 'SIGKILL');
    const replaced = await waitFor(
      async () => {
        const result = await drivers.workers.ensure(workerSpec(linear.dir), 2);
        return result.ok &&
          result.workers.filter((w) => w.state === 'RUNNING').length === 2 &&
          result.workers.length === 3
          ? result
          : undefined;
      },
      { timeoutMs: 60_000, description: 'a replacement worker' },
    );
    expect(replaced.workers.find((w) => w.name === started.workers[0]!.name)?.state).toBe('EXITED');
    // Asking for fewer workers never stops running ones.
    expect(await drivers.workers.ensure(workerSpec(linear.dir), 1)).toMatchObject({ ok: true });
    expect(cluster.objects('jobs')[0]!.spec!.parallelism).toBe(2);

    await drivers.workers.stop(JOB);
    expect(drivers.workers.jobs()).toEqual([]);
    expect(cluster.objects('jobs')).toEqual([]);
    expect(podNames('batch-worker')).toEqual([]);
    expect(pidsWithEnv('PRESAGE_BATCH_JOB', JOB)).toEqual([]);
    const deletion = cluster.requests.find((r) => r.method === 'DELETE' && r.resource === 'jobs')!;
    expect(deletion.query['propagationPolicy']).toBe('Background');
  });

  it("fails the workers of a model that does not load with the predictor's message, failing the Job at once", async () => {
    const expected = await localLoadError();
    const result = await drivers.workers.ensure(workerSpec(path.join(artifactsDir, 'broken')), 2);
    expect(result).toEqual(expected);
    await waitFor(() => cluster.objects('jobs')[0]?.status?.conditions?.find((c) => c.type === 'Failed'), {
      timeoutMs: 10_000,
      description: 'the Job to fail',
    });
    expect(cluster.objects('jobs')[0]!.status!.conditions![0]!.reason).toBe('PodFailurePolicy');
    expect(await drivers.workers.ensure(workerSpec(path.join(artifactsDir, 'broken')), 2)).toEqual(expected);
    await drivers.workers.stop(JOB);
    expect(cluster.objects('pods')).toEqual([]);
  });
});
