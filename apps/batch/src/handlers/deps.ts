import type { Knex } from '@presage/db';
import type { MessageLimits, PromiseClient } from '@presage/grpc-kit';
import type { Logger } from '@presage/log';
import type { ModelServiceHandlers } from '@presage/proto';
import type { BatchMetrics } from '../batch-metrics';

export interface BatchDeps {
  knex: Knex;
  logger: Logger;
  /** The registry's public ModelService: resolves modelName and versionName. */
  registry: PromiseClient<ModelServiceHandlers>;
  /**
   * The most jobs `project` may have that have not ended: its quota setting, else the default
   * (PRESAGE_QUOTA_CONCURRENT_JOBS); 0 for no limit.
   */
  concurrentJobsLimit: (project: string) => Promise<{ limit: number; source: string }>;
  /** Asks the job runner to act now instead of at its next tick. */
  nudge: () => void;
  /** How long a shard stays a worker's without news from it. */
  leaseMs: number;
  /** The directories jobs may use; empty for any. */
  allowedRoots: readonly string[];
  metrics: BatchMetrics;
  now: () => Date;
  /** Message sizes; a page of jobs holds at most `maxResponseBytes`. */
  limits: MessageLimits;
}
