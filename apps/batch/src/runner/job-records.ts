import type { Knex } from '@presage/db';
import type { PromiseClient } from '@presage/grpc-kit';
import type { Logger } from '@presage/log';
import type { DeployerServiceHandlers } from '@presage/proto';
import type { BatchMetrics } from '../batch-metrics';
import type { JobCounts, JobRecord, JobState } from '../domain/job-record';
import { countsOf, jobResourceName } from '../domain/job-record';
import { updateJob } from '../store/jobs';
import type { JobChanges } from '../store/jobs';
import { summarizeShards } from '../store/shards';
import { removeTemporaryResults } from '../storage/output-dir';

export interface JobRecordsDeps {
  knex: Knex;
  deployer: PromiseClient<DeployerServiceHandlers>;
  logger: Logger;
  metrics: BatchMetrics;
  now: () => Date;
}

/** How the runner changes a job: state moves guarded by the states they leave, failing, stopping workers. */
export class JobRecords {
  constructor(private readonly deps: JobRecordsDeps) {}

  /** Applies `changes` if the job is still in one of `from`; the moved job, or undefined if it was not. */
  async move(job: JobRecord, from: JobState[], changes: JobChanges): Promise<JobRecord | undefined> {
    const moved = await updateJob(this.deps.knex, job.id, changes, this.deps.now(), from);
    if (moved?.endTime && moved.startTime) {
      const seconds = (moved.endTime.getTime() - moved.startTime.getTime()) / 1000;
      this.deps.metrics.jobEnded(moved.state, seconds);
    }
    return moved;
  }

  /** The job's counts from its shards as they stand. */
  async finalCounts(job: JobRecord): Promise<JobCounts> {
    return countsOf(await summarizeShards(this.deps.knex, job.id, this.deps.now()), job.prepareErrors);
  }

  /** Stops the job's workers and removes the results files they left half-written. */
  async stopWorkers(job: JobRecord): Promise<void> {
    await this.deps.deployer.StopBatchWorkers({ job: jobResourceName(job) }, { deadlineMs: 60_000 });
    await removeTemporaryResults(job.spec.outputPath);
  }

  /** FAILED with `errorMessage` (from one of `from`), then its workers stopped. */
  async fail(job: JobRecord, from: JobState[], errorMessage: string): Promise<void> {
    const counts = await this.finalCounts(job);
    const endTime = this.deps.now();
    const failed = await this.move(job, from, { state: 'FAILED', errorMessage, counts, endTime });
    if (!failed) return;
    this.deps.logger.warn('job failed', { job: jobResourceName(job), error: errorMessage });
    await this.stopWorkers(job).catch((error: unknown) =>
      this.deps.logger.warn('could not stop the workers of a failed job', { error }),
    );
  }
}
