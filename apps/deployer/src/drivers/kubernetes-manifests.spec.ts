import { predictorDeployment, specProblem, workerJob } from './kubernetes-manifests';
import type { PodSettings } from './kubernetes-manifests';
import { DEFAULT_BATCHING_SPEC } from './runtime-spec';
import type { ReplicaSpec } from './serving-driver';

const settings: PodSettings = {
  namespace: 'presage',
  image: 'presage:1',
  predictorEntry: '/opt/presage/apps/predictor/dist/main.js',
  artifactsClaim: 'presage-artifacts',
  artifactsDir: '/var/lib/presage/artifacts',
  requests: { cpu: '500m', memory: '512Mi' },
  limits: {},
  env: {},
  startTimeoutMs: 300_000,
};
const spec: ReplicaSpec = {
  version: 'projects/p/models/m/versions/v',
  modelDir: '/var/lib/presage/artifacts/sha256-abc',
  runtime: {
    framework: '',
    predictionClass: '',
    packageDirs: [],
    signatureName: '',
    batching: DEFAULT_BATCHING_SPEC,
  },
};
/** A batch worker of a job over `spec`'s model. */
const worker = {
  job: 'projects/p/jobs/j',
  version: '',
  modelDir: spec.modelDir,
  runtime: spec.runtime,
  batchAddress: 'b:1',
};

describe('predictor manifests', () => {
  it('name the pod template by a hash that moves with what the pods run, not with the replica count', () => {
    const one = predictorDeployment(spec, 1, settings);
    expect(predictorDeployment(spec, 5, settings).templateHash).toBe(one.templateHash);
    expect(
      predictorDeployment({ ...spec, modelDir: `${spec.modelDir}2` }, 1, settings).templateHash,
    ).not.toBe(one.templateHash);
    expect(predictorDeployment(spec, 1, { ...settings, image: 'presage:2' }).templateHash).not.toBe(
      one.templateHash,
    );
    expect(one.deployment.spec!.template.metadata!.labels!['presage.dev/template-hash']).toBe(
      one.templateHash,
    );
  });

  it('leave out limits when none are configured, and give the startup probe the start timeout', () => {
    const container = predictorDeployment(spec, 1, settings).deployment.spec!.template.spec!.containers[0]!;
    expect(container.resources).toEqual({ requests: { cpu: '500m', memory: '512Mi' } });
    expect(container.startupProbe).toMatchObject({ periodSeconds: 2, failureThreshold: 150 });
  });

  it('size a Job by parallelism, with a backoff limit that outlasts a few deaths per worker', () => {
    const job = workerJob(
      {
        job: 'projects/p/jobs/j',
        version: '',
        modelDir: spec.modelDir,
        runtime: spec.runtime,
        batchAddress: 'presage-batch:8093',
      },
      5,
      settings,
    );
    expect(job.spec).toMatchObject({ parallelism: 5, backoffLimit: 20, ttlSecondsAfterFinished: 86_400 });
    expect(job.spec!.completions).toBeUndefined();
    expect(job.spec!.template.spec!.volumes!.map((v) => v.name)).toEqual(['artifacts']);
  });

  it('give predictor and worker pods the internal credential from its Secret, only when the deployer has one', () => {
    const fromSecret = {
      name: 'PRESAGE_INTERNAL_CREDENTIAL',
      valueFrom: {
        secretKeyRef: { name: 'presage-internal-credential', key: 'credential', optional: false },
      },
    };
    const withCredential = { ...settings, internalCredentialFromSecret: true };
    const predictorEnv = (s: PodSettings) =>
      predictorDeployment(spec, 1, s).deployment.spec!.template.spec!.containers[0]!.env;
    const workerEnv = (s: PodSettings) => workerJob(worker, 1, s).spec!.template.spec!.containers[0]!.env;
    expect(predictorEnv(withCredential)).toContainEqual(fromSecret);
    expect(workerEnv(withCredential)).toContainEqual(fromSecret);
    expect(predictorEnv(settings)!.map((v) => v.name)).not.toContain('PRESAGE_INTERNAL_CREDENTIAL');
    expect(workerEnv(settings)!.map((v) => v.name)).not.toContain('PRESAGE_INTERNAL_CREDENTIAL');
  });

  it('mount the batch data volume read-write in worker pods when there is one', () => {
    const pod = workerJob(worker, 1, {
      ...settings,
      batchData: { claim: 'presage-batch-data', mountPath: '/data' },
    }).spec!.template.spec!;
    expect(pod.volumes).toContainEqual({
      name: 'batch-data',
      persistentVolumeClaim: { claimName: 'presage-batch-data' },
    });
    expect(pod.containers[0]!.volumeMounts).toEqual([
      { name: 'artifacts', mountPath: '/var/lib/presage/artifacts', readOnly: true },
      { name: 'batch-data', mountPath: '/data' },
    ]);
  });

  it('refuse files off the shared artifacts volume and counts that are no counts', () => {
    const problem = (dirs: { modelDir: string; packageDirs?: string[] }, count = 1) =>
      specProblem(
        { modelDir: dirs.modelDir, runtime: { packageDirs: dirs.packageDirs ?? [] } },
        count,
        settings.artifactsDir,
        'presage-artifacts',
      );
    expect(problem({ modelDir: spec.modelDir })).toBeUndefined();
    expect(problem({ modelDir: spec.modelDir }, 0)).toBeUndefined();
    expect(problem({ modelDir: '/srv/models/m' })).toMatch(/\/srv\/models\/m is not in the artifact store/);
    expect(problem({ modelDir: '/var/lib/presage/artifacts/../secrets' })).toMatch(
      /not in the artifact store/,
    );
    expect(problem({ modelDir: spec.modelDir, packageDirs: ['/tmp/pkg'] })).toMatch(/\/tmp\/pkg/);
    expect(problem({ modelDir: spec.modelDir }, 1.5)).toMatch(/integer ≥ 0/);
  });
});
