import { createControlLoop } from '@presage/control-loop';
import type { ControlLoop } from '@presage/control-loop';
import type { Knex } from '@presage/db';
import type { PromiseClient } from '@presage/grpc-kit';
import type { Logger } from '@presage/log';
import type { DeployerServiceHandlers } from '@presage/proto';
import type { BatchMetrics } from '../batch-metrics';
import { listActiveJobs } from '../store/jobs';
import { admittedJobs, countByState } from './job-admission';
import { JobRecords } from './job-records';
import { JobSteps } from './job-steps';

export interface JobRunnerOptions {
  knex: Knex;
  deployer: PromiseClient<DeployerServiceHandlers>;
  logger: Logger;
  /** host:port workers reach the BatchWorkerService at. */
  batchAddress: () => string;
  maxWorkers: number;
  maxRunningJobs: number;
  shardBytes: number;
  /** The directories jobs may use; empty for any. */
  allowedRoots: readonly string[];
  tickMs: number;
  metrics: BatchMetrics;
  now: () => Date;
}

/** Passes never overlap; a nudge during one triggers another. */
export type JobRunner = ControlLoop;

/**
 * Drives every job through its states, level-triggered: each pass reads the jobs from the database and
 * does what their state asks (JobSteps), so a restart of the batch service picks up where it was. Workers
 * run on without it meanwhile: they retry until it is back.
 */
export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const logger = options.logger.child({ component: 'job-runner' });
  const { knex, deployer, metrics, now } = options;
  const records = new JobRecords({ knex, deployer, logger, metrics, now });
  const steps = new JobSteps({ ...options, logger, records, nudge: () => loop.nudge() });
  const pass = async (): Promise<void> => {
    const jobs = await listActiveJobs(knex);
    metrics.setActiveJobs(countByState(jobs));
    const admitted = admittedJobs(jobs, options.maxRunningJobs);
    await Promise.all(jobs.map((job) => steps.step(job, admitted.has(job.id))));
  };
  const loop = createControlLoop({
    pass,
    intervalMs: options.tickMs,
    onError: (error) => logger.warn('job pass failed; retrying at the next tick', { error }),
  });
  return loop;
}
