/** What a version's replicas run, as processes (local driver) or as a Deployment's pods (Kubernetes driver). */
export interface ReplicaSpec {
  /** `projects/{p}/models/{m}/versions/{v}`. */
  version: string;
  /** The staged artifacts the predictor loads. */
  modelDir: string;
  /** How the predictor loads them; a change restarts the replicas, like a change of modelDir. */
  runtime: RuntimeSpec;
}

/** The version's settings the predictor's runtime needs, besides its artifacts. */
export interface RuntimeSpec {
  /** Version.framework; empty or FRAMEWORK_UNSPECIFIED to detect it from the files. */
  framework: string;
  /** A custom prediction routine's `module#ClassName`; empty for none. */
  predictionClass: string;
  /** The staged copies of packageUris, in order. */
  packageDirs: string[];
  /** The TensorFlow signature to serve; empty for the runtime's default. */
  signatureName: string;
  /** Version.batching: 0 fields take the predictor's defaults (64 instances, no wait). */
  batching: { maxBatchSize: number; maxQueueDelayMs: number };
}

/** No batching settings of the version's own: the predictor's defaults. */
export const DEFAULT_BATCHING_SPEC: RuntimeSpec['batching'] = { maxBatchSize: 0, maxQueueDelayMs: 0 };

/**
 * The environment a predictor loads a version's model with: the same for a local process and a pod.
 * Batching settings left at 0 are not set, so the predictor's defaults hold.
 */
export function predictorRuntimeEnv(
  version: string,
  modelDir: string,
  runtime: RuntimeSpec,
): Record<string, string> {
  return {
    PRESAGE_PREDICTOR_MODEL_DIR: modelDir,
    PRESAGE_PREDICTOR_VERSION: version,
    PRESAGE_PREDICTOR_FRAMEWORK: runtime.framework,
    PRESAGE_PREDICTOR_PREDICTION_CLASS: runtime.predictionClass,
    PRESAGE_PREDICTOR_PACKAGE_DIRS: JSON.stringify(runtime.packageDirs),
    PRESAGE_PREDICTOR_SIGNATURE_NAME: runtime.signatureName,
    ...(runtime.batching.maxBatchSize > 0
      ? { PRESAGE_PREDICTOR_MAX_BATCH_SIZE: String(runtime.batching.maxBatchSize) }
      : {}),
    ...(runtime.batching.maxQueueDelayMs > 0
      ? { PRESAGE_PREDICTOR_MAX_QUEUE_DELAY_MS: String(runtime.batching.maxQueueDelayMs) }
      : {}),
  };
}

/** Whether replicas started for `a` serve `b` as they are. */
export function sameReplicaSpec(a: ReplicaSpec, b: ReplicaSpec): boolean {
  return (
    a.version === b.version &&
    a.modelDir === b.modelDir &&
    a.runtime.framework === b.runtime.framework &&
    a.runtime.predictionClass === b.runtime.predictionClass &&
    a.runtime.signatureName === b.runtime.signatureName &&
    a.runtime.packageDirs.join('\0') === b.runtime.packageDirs.join('\0') &&
    a.runtime.batching.maxBatchSize === b.runtime.batching.maxBatchSize &&
    a.runtime.batching.maxQueueDelayMs === b.runtime.batching.maxQueueDelayMs
  );
}

export type ReplicaState = 'STARTING' | 'READY' | 'STOPPING';

export interface ReplicaInfo {
  name: string;
  version: string;
  /** host:port of its PredictorService; empty until ready. */
  address: string;
  /** host:port of its Prometheus `GET /metrics`; empty or absent until ready or when it has none. */
  metricsAddress?: string;
  state: ReplicaState;
}

export interface ModelDescription {
  runtime: string;
  signature: unknown;
  loadSeconds: number;
}

export type ScaleResult = { ok: true; model: ModelDescription } | { ok: false; error: string };

/** What a job's batch workers run: predictor processes in batch mode claiming shards from the batch service. */
export interface WorkerSpec {
  /** `projects/{p}/jobs/{j}`. */
  job: string;
  /** The version predicted with, for logs; empty for a job given by a model `uri`. */
  version: string;
  /** The staged artifacts the workers load. */
  modelDir: string;
  runtime: RuntimeSpec;
  /** host:port of the BatchWorkerService the workers claim shards from. */
  batchAddress: string;
}

export type WorkerState = 'STARTING' | 'RUNNING' | 'EXITED';

export interface WorkerInfo {
  /** `projects/{p}/jobs/{j}/workers/{n}`; unique per job, never reused. */
  name: string;
  job: string;
  state: WorkerState;
}

export type WorkersResult = { ok: true; workers: WorkerInfo[] } | { ok: false; error: string };

export interface ReplicaDriver {
  /**
   * Runs exactly `count` replicas of a version: starts the missing ones and waits until each reported
   * ready or failed, stops extra ones. A load failure of any new replica is returned, not thrown.
   * `count` 0 stops every replica (a version scaled to zero) and succeeds: the model is then the last
   * description a replica reported, or an empty one.
   */
  scale(spec: ReplicaSpec, count: number): Promise<ScaleResult>;
  /** Stops every replica of a version and waits for them to exit. */
  stop(version: string): Promise<void>;
  list(version?: string): ReplicaInfo[];
  /** Versions with at least one replica. */
  versions(): string[];
  /**
   * Keeps `count` workers of a job alive: starts the missing ones (replacing workers that died) and
   * waits until each new one loaded the model or failed. Running workers are never stopped here: they
   * exit by themselves when the job needs no more work, and such an exit is not a death. A load
   * failure of a new worker is returned, not thrown.
   */
  ensureWorkers(spec: WorkerSpec, count: number): Promise<WorkersResult>;
  /** Stops every worker of a job and waits for them to exit. */
  stopWorkers(job: string): Promise<void>;
  /** Jobs with workers the driver still tracks. */
  workerJobs(): string[];
  /** Stops everything. */
  close(): Promise<void>;
}
