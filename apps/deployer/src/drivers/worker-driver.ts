import type { RuntimeSpec } from './runtime-spec';

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

/** The batch workers of prediction jobs: local processes or a Kubernetes Job per batch job. */
export interface WorkerDriver {
  /**
   * Keeps `count` workers of a job alive: starts the missing ones (replacing workers that died) and
   * waits until each new one loaded the model or failed. Running workers are never stopped here: they
   * exit by themselves when the job needs no more work, and such an exit is not a death. A load
   * failure of a new worker is returned, not thrown.
   */
  ensure(spec: WorkerSpec, count: number): Promise<WorkersResult>;
  /** Stops every worker of a job and waits for them to exit. */
  stop(job: string): Promise<void>;
  /** Jobs with workers the driver still tracks. */
  jobs(): string[];
  /** Stops every worker (a batch job asks again for the workers it still needs). */
  close(): Promise<void>;
}
