import path from 'node:path';
import type {
  V1Container,
  V1Deployment,
  V1EnvVar,
  V1Job,
  V1PodSpec,
  V1Probe,
  V1Service,
} from '@kubernetes/client-node' with { 'resolution-mode': 'import' };
import {
  ANNOTATIONS,
  LABELS,
  MANAGER,
  PREDICTOR_COMPONENT,
  WORKER_COMPONENT,
  contentHash,
  jobResourceName,
  nameHash,
  versionResourceName,
} from './kubernetes-names';
import { predictorRuntimeEnv } from './runtime-spec';
import type { RuntimeSpec } from './runtime-spec';
import type { ReplicaSpec } from './serving-driver';
import type { WorkerSpec } from './worker-driver';

/** The gRPC port of every predictor pod (each pod has its own network namespace). */
export const PREDICTOR_PORT = 8500;
/** The predictor's Prometheus `GET /metrics` port in its pod. */
export const METRICS_PORT = 9464;
/** The predictor's exit code when its model cannot be loaded (apps/predictor/src/main.ts). */
export const EXIT_LOAD_FAILED = 3;
/**
 * The Secret holding the platform's internal credential (deploy/README.md says how to create it):
 * predictor and worker pods read it through secretKeyRef, as the platform's own Deployments do.
 */
export const INTERNAL_CREDENTIAL_SECRET = { name: 'presage-internal-credential', key: 'credential' };
const VOLUME = 'artifacts';
const DATA_VOLUME = 'batch-data';

/** How the driver's pods run, the same for every version. */
export interface PodSettings {
  namespace: string;
  /** The Presage image (the same layout as the deployer's: it runs `predictorEntry`). */
  image: string;
  /** The predictor's main module inside the image. */
  predictorEntry: string;
  /** The PersistentVolumeClaim holding the deployer's artifact store, mounted read-only at `artifactsDir`. */
  artifactsClaim: string;
  /** The artifact store's root: the same path in the deployer and in predictor pods. */
  artifactsDir: string;
  /** Per predictor container, e.g. `{ cpu: '500m', memory: '512Mi' }`. */
  requests: Record<string, string>;
  /** Per predictor container; empty for none. */
  limits: Record<string, string>;
  /** Extra variables for every predictor (PRESAGE_LOG_LEVEL, OTEL_*). */
  env: Record<string, string>;
  /**
   * Whether pods get PRESAGE_INTERNAL_CREDENTIAL from INTERNAL_CREDENTIAL_SECRET (the deployer has a
   * credential, so the platform's ports require it). @default false
   */
  internalCredentialFromSecret?: boolean | undefined;
  /** Unset: the namespace's default service account (pods get no API token either way). */
  serviceAccountName?: string | undefined;
  /** How long a predictor may take to load its model before its startup probe gives up. */
  startTimeoutMs: number;
  /** The volume of batch jobs' input and output files, mounted in worker pods. @default none */
  batchData?: { claim: string; mountPath: string } | undefined;
}

/** The Deployment serving `spec` with `replicas` pods, and the hash that names its pod template. */
export function predictorDeployment(
  spec: ReplicaSpec,
  replicas: number,
  settings: PodSettings,
): { deployment: V1Deployment; templateHash: string } {
  const name = versionResourceName(spec.version);
  const selector = { [LABELS.versionHash]: nameHash(spec.version), [LABELS.component]: PREDICTOR_COMPONENT };
  const container: V1Container = {
    ...baseContainer('predictor', settings),
    env: [
      ...runtimeEnv(spec.version, spec.modelDir, spec.runtime),
      { name: 'PRESAGE_PREDICTOR_ADDRESS', value: `0.0.0.0:${PREDICTOR_PORT}` },
      { name: 'PRESAGE_PREDICTOR_METRICS_ADDRESS', value: `0.0.0.0:${METRICS_PORT}` },
      { name: 'PRESAGE_PREDICTOR_REPLICA', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      ...extraEnv(settings),
    ],
    ports: [
      { name: 'grpc', containerPort: PREDICTOR_PORT, protocol: 'TCP' },
      { name: 'metrics', containerPort: METRICS_PORT, protocol: 'TCP' },
    ],
    // The predictor listens only once its model loaded: its gRPC health service answering is "loaded".
    startupProbe: grpcProbe({
      periodSeconds: 2,
      failureThreshold: Math.max(1, Math.ceil(settings.startTimeoutMs / 2000)),
    }),
    readinessProbe: grpcProbe({ periodSeconds: 5, failureThreshold: 2, timeoutSeconds: 3 }),
    livenessProbe: grpcProbe({ periodSeconds: 10, failureThreshold: 3, timeoutSeconds: 5 }),
  };
  const podSpec: V1PodSpec = {
    ...basePodSpec(settings),
    containers: [container],
    terminationGracePeriodSeconds: 30,
  };
  const labels: Record<string, string> = { ...commonLabels(PREDICTOR_COMPONENT), ...selector };
  const template = {
    metadata: {
      labels,
      annotations: {
        [ANNOTATIONS.version]: spec.version,
        // For a Prometheus that discovers pods by the conventional annotations.
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': String(METRICS_PORT),
        'prometheus.io/path': '/metrics',
      },
    },
    spec: podSpec,
  };
  const templateHash = contentHash(template);
  template.metadata.labels = { ...labels, [LABELS.templateHash]: templateHash };
  const deployment: V1Deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      namespace: settings.namespace,
      labels,
      annotations: { [ANNOTATIONS.version]: spec.version, [LABELS.templateHash]: templateHash },
    },
    spec: {
      replicas,
      selector: { matchLabels: selector },
      // A new spec keeps every ready replica until its successor is ready: a broken change never
      // takes a serving version down.
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
      revisionHistoryLimit: 2,
      template,
    },
  };
  return { deployment, templateHash };
}

/** A headless Service: its EndpointSlices list the pods' addresses and readiness, which the gateway dials. */
export function predictorService(version: string, settings: PodSettings): V1Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: versionResourceName(version),
      namespace: settings.namespace,
      labels: { ...commonLabels(PREDICTOR_COMPONENT), [LABELS.versionHash]: nameHash(version) },
      annotations: { [ANNOTATIONS.version]: version },
    },
    spec: {
      clusterIP: 'None',
      selector: { [LABELS.versionHash]: nameHash(version), [LABELS.component]: PREDICTOR_COMPONENT },
      ports: [
        { name: 'grpc', port: PREDICTOR_PORT, targetPort: 'grpc', protocol: 'TCP', appProtocol: 'grpc' },
      ],
    },
  };
}

/**
 * The Job running a batch job's workers: `parallelism` pods claim shards; `completions` is unset (a work
 * queue), so the first worker that exits 0 (the job needs no more work) ends it and no new pod starts. A
 * worker that dies is a failed pod the Job replaces with a new one (restartPolicy Never: a new pod, so a
 * new worker name, never a restarted one holding the dead worker's name); a model that cannot load fails
 * the Job at once (podFailurePolicy on the predictor's exit code) instead of burning the backoff limit.
 */
export function workerJob(spec: WorkerSpec, parallelism: number, settings: PodSettings): V1Job {
  const labels = { ...commonLabels(WORKER_COMPONENT), [LABELS.jobHash]: nameHash(spec.job) };
  const annotations = { [ANNOTATIONS.job]: spec.job, [ANNOTATIONS.version]: spec.version };
  const base = baseContainer('worker', settings);
  const data = settings.batchData;
  const container: V1Container = {
    ...base,
    volumeMounts: [
      ...(base.volumeMounts ?? []),
      ...(data ? [{ name: DATA_VOLUME, mountPath: data.mountPath }] : []),
    ],
    env: [
      { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      ...runtimeEnv(spec.version, spec.modelDir, spec.runtime),
      { name: 'PRESAGE_PREDICTOR_ADDRESS', value: '127.0.0.1:0' },
      { name: 'PRESAGE_PREDICTOR_MODE', value: 'batch' },
      { name: 'PRESAGE_BATCH_JOB', value: spec.job },
      // Unique per job and never reused: a replacement worker is a new pod with a new name.
      { name: 'PRESAGE_BATCH_WORKER', value: `${spec.job}/workers/$(POD_NAME)` },
      { name: 'PRESAGE_BATCH_ADDRESS', value: spec.batchAddress },
      ...extraEnv(settings),
    ],
  };
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: jobResourceName(spec.job), namespace: settings.namespace, labels, annotations },
    spec: {
      parallelism,
      backoffLimit: Math.max(10, parallelism * 4),
      podFailurePolicy: {
        rules: [
          {
            action: 'FailJob',
            onExitCodes: { containerName: 'worker', operator: 'In', values: [EXIT_LOAD_FAILED] },
          },
          // An evicted or preempted worker is not the job's fault: replace it without counting it.
          { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
        ],
      },
      ttlSecondsAfterFinished: 86_400,
      template: {
        metadata: { labels, annotations },
        spec: workerPodSpec(settings, container),
      },
    },
  };
}

function commonLabels(component: string): Record<string, string> {
  return { [LABELS.managedBy]: MANAGER, [LABELS.name]: 'presage-predictor', [LABELS.component]: component };
}

/** The predictor's settings, as a local predictor process gets them. */
function runtimeEnv(version: string, modelDir: string, runtime: RuntimeSpec): V1EnvVar[] {
  return Object.entries(predictorRuntimeEnv(version, modelDir, runtime)).map(([name, value]) => ({
    name,
    value,
  }));
}

function extraEnv(settings: PodSettings): V1EnvVar[] {
  const forwarded: V1EnvVar[] = Object.entries(settings.env)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, value]) => ({ name, value }));
  return settings.internalCredentialFromSecret ? [...forwarded, internalCredentialEnv()] : forwarded;
}

/** PRESAGE_INTERNAL_CREDENTIAL from the platform's Secret: never a value in the pod spec. */
function internalCredentialEnv(): V1EnvVar {
  return {
    name: 'PRESAGE_INTERNAL_CREDENTIAL',
    valueFrom: { secretKeyRef: { ...INTERNAL_CREDENTIAL_SECRET, optional: false } },
  };
}

function baseContainer(name: string, settings: PodSettings): V1Container {
  return {
    name,
    image: settings.image,
    command: ['node', settings.predictorEntry],
    resources: {
      requests: settings.requests,
      ...(Object.keys(settings.limits).length > 0 ? { limits: settings.limits } : {}),
    },
    volumeMounts: [{ name: VOLUME, mountPath: settings.artifactsDir, readOnly: true }],
    // The predictor's last stdout line says why it failed to load; with an empty termination-log file
    // the kubelet puts the tail of the log into the container's terminated state, where the driver reads it.
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'FallbackToLogsOnError',
    securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
  };
}

function basePodSpec(settings: PodSettings): Omit<V1PodSpec, 'containers'> {
  return {
    ...(settings.serviceAccountName ? { serviceAccountName: settings.serviceAccountName } : {}),
    automountServiceAccountToken: false,
    enableServiceLinks: false,
    securityContext: {
      runAsNonRoot: true,
      runAsUser: 1000,
      runAsGroup: 1000,
      seccompProfile: { type: 'RuntimeDefault' },
    },
    volumes: [
      { name: VOLUME, persistentVolumeClaim: { claimName: settings.artifactsClaim, readOnly: true } },
    ],
  };
}

/** A worker pod: the predictor's volumes, and the batch data volume when there is one. */
function workerPodSpec(settings: PodSettings, container: V1Container): V1PodSpec {
  const base = basePodSpec(settings);
  const data = settings.batchData;
  return {
    ...base,
    volumes: [
      ...(base.volumes ?? []),
      ...(data ? [{ name: DATA_VOLUME, persistentVolumeClaim: { claimName: data.claim } }] : []),
    ],
    containers: [container],
    restartPolicy: 'Never',
  };
}

function grpcProbe(timing: Omit<V1Probe, 'grpc'>): V1Probe {
  return { grpc: { port: PREDICTOR_PORT }, ...timing };
}

/** Why a spec cannot run on Kubernetes: a count that is no count, or files off the shared volume. */
export function specProblem(
  spec: { modelDir: string; runtime: { packageDirs: string[] } },
  count: number,
  artifactsDir: string,
  claim: string,
): string | undefined {
  if (!Number.isInteger(count) || count < 0) return `A replica count must be an integer ≥ 0, got ${count}.`;
  for (const dir of [spec.modelDir, ...spec.runtime.packageDirs]) {
    const relative = path.relative(artifactsDir, dir);
    if (!path.isAbsolute(dir) || relative.startsWith('..') || path.isAbsolute(relative)) {
      return `${dir} is not in the artifact store ${artifactsDir} (PersistentVolumeClaim ${claim}): predictor pods cannot read it.`;
    }
  }
  return undefined;
}
