import type { ModelDescription, RuntimeSpec } from './runtime-spec';

/** What a version's replicas run, as processes (local driver) or as a Deployment's pods (Kubernetes driver). */
export interface ReplicaSpec {
  /** `projects/{p}/models/{m}/versions/{v}`. */
  version: string;
  /** The staged artifacts the predictor loads. */
  modelDir: string;
  /** How the predictor loads them; a change restarts the replicas, like a change of modelDir. */
  runtime: RuntimeSpec;
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

export type ScaleResult = { ok: true; model: ModelDescription } | { ok: false; error: string };

/** The replicas that serve online predictions: local processes or a Kubernetes Deployment per version. */
export interface ServingDriver {
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
  /** Stops what it runs, or leaves it for the next deployer to adopt, as configured. */
  close(): Promise<void>;
}
