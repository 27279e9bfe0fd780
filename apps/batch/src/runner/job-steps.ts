import path from 'node:path';
import type { Knex } from '@presage/db';
import { ApiError, errorMessage } from '@presage/errors';
import type { PromiseClient } from '@presage/grpc-kit';
import type { Logger } from '@presage/log';
import type { DeployerServiceHandlers } from '@presage/proto';
import { formatErrorStats } from '../domain/error-stats';
import type { JobRecord } from '../domain/job-record';
import { ERRORS_STATS_FILE, jobResourceName, resultsFileName } from '../domain/job-record';
import { jobTotals } from '../domain/job-totals';
import { listShardOutcomes, reopenShard, replaceShards, summarizeShards } from '../store/shards';
import { InputError } from '../storage/input-paths';
import { missingFiles, OutputError, writeFileDurably } from '../storage/output-dir';
import type { JobRecords } from './job-records';
import { prepareJob } from './prepare-job';

/** A shard that failed this often on different workers fails its job. */
const MAX_SHARD_FAILURES = 3;
/** How long starting a job's workers may take (staging the model and loading it). */
const ENSURE_DEADLINE_MS = 10 * 60_000;

export interface JobStepsDeps {
  knex: Knex;
  deployer: PromiseClient<DeployerServiceHandlers>;
  logger: Logger;
  records: JobRecords;
  /** host:port workers reach the BatchWorkerService at. */
  batchAddress: () => string;
  maxWorkers: number;
  shardBytes: number;
  /** The directories jobs may use; empty for any. */
  allowedRoots: readonly string[];
  now: () => Date;
  /** Asks for another pass soon (a job moved on and has more to do). */
  nudge: () => void;
}

/** What each state of a job asks of the runner, one step a pass. */
export class JobSteps {
  constructor(private readonly deps: JobStepsDeps) {}

  /** Does what the job's state asks; a failure is logged and the step is tried again next pass. */
  async step(job: JobRecord, admitted: boolean): Promise<void> {
    try {
      if (job.state === 'QUEUED' && admitted) await this.admit(job);
      else if (job.state === 'PREPARING') await this.prepare(job);
      else if (job.state === 'RUNNING') await this.run(job);
      else if (job.state === 'CANCELLING') await this.cancel(job);
    } catch (error) {
      this.deps.logger.warn('job step failed; retrying at the next pass', {
        job: jobResourceName(job),
        state: job.state,
        error: ApiError.from(error).cause ?? error,
      });
    }
  }

  private async admit(job: JobRecord): Promise<void> {
    if (await this.deps.records.move(job, ['QUEUED'], { state: 'PREPARING' })) this.deps.nudge();
  }

  /** PREPARING → RUNNING: the inputs split into shards, or FAILED when the inputs or output cannot be used. */
  private async prepare(job: JobRecord): Promise<void> {
    const { maxWorkers, shardBytes, allowedRoots } = this.deps;
    let prepared;
    try {
      prepared = await prepareJob(job.spec, { maxWorkers, shardBytes, allowedRoots });
    } catch (error) {
      if (error instanceof InputError || error instanceof OutputError)
        return this.deps.records.fail(job, ['PREPARING'], error.message);
      throw error;
    }
    await replaceShards(this.deps.knex, job.id, prepared.shards);
    const running = await this.deps.records.move(job, ['PREPARING'], {
      state: 'RUNNING',
      startTime: this.deps.now(),
      shardCount: prepared.shards.length,
      workerCount: prepared.workerCount,
      prepareErrors: prepared.prepareErrors,
    });
    if (!running) return;
    this.deps.logger.info('job running', {
      job: jobResourceName(job),
      shards: prepared.shards.length,
      workers: prepared.workerCount,
    });
    this.deps.nudge();
  }

  /** RUNNING: workers for the shards left, FAILED when a shard keeps failing, finished when none is left. */
  private async run(job: JobRecord): Promise<void> {
    const summary = await summarizeShards(this.deps.knex, job.id, this.deps.now());
    if (summary.maxFailures >= MAX_SHARD_FAILURES) {
      const message = `A shard failed on ${summary.maxFailures} workers: ${summary.lastError}`;
      return this.deps.records.fail(job, ['RUNNING'], message);
    }
    if (summary.pending + summary.claimed === 0) return this.finish(job);
    const answer = await this.deps.deployer.EnsureBatchWorkers(
      {
        job: jobResourceName(job),
        spec: {
          version: job.source.version,
          modelUri: job.source.modelUri,
          framework: job.source.framework,
          predictionClass: job.source.predictionClass,
          packageUris: job.source.packageUris,
          signatureName: job.spec.signatureName,
        },
        count: Math.min(job.workerCount, summary.pending + summary.claimed),
        batchAddress: this.deps.batchAddress(),
      },
      { deadlineMs: ENSURE_DEADLINE_MS },
    );
    if (answer.error)
      return this.deps.records.fail(job, ['RUNNING'], `The batch workers could not start: ${answer.error}`);
  }

  /**
   * RUNNING → SUCCEEDED, in this order: every shard done and its results file in place, the error
   * statistics written durably (with the results renamed before them), the workers stopped, and only then
   * SUCCEEDED — with counts from the same read of the shards as the statistics. A shard whose results
   * file vanished is predicted again instead.
   */
  private async finish(job: JobRecord): Promise<void> {
    const outcomes = await listShardOutcomes(this.deps.knex, job.id);
    const totals = jobTotals(outcomes, job.shardCount, job.prepareErrors);
    if ('unfinished' in totals) throw new Error(`The job cannot finish yet: ${totals.unfinished}.`);
    const output = job.spec.outputPath;
    const results = Array.from({ length: job.shardCount }, (_, i) => resultsFileName(i, job.shardCount));
    const missing = await missingFiles(output, results);
    if (missing.length > 0) return this.predictAgain(job, missing);
    try {
      await writeFileDurably(path.join(output, ERRORS_STATS_FILE), formatErrorStats(totals.errors));
    } catch (error) {
      const message = `The error statistics cannot be written: ${errorMessage(error)}`;
      return this.deps.records.fail(job, ['RUNNING'], message);
    }
    await this.deps.records.stopWorkers(job);
    const done = await this.deps.records.move(job, ['RUNNING'], {
      state: 'SUCCEEDED',
      counts: totals.counts,
      endTime: this.deps.now(),
    });
    if (done) this.deps.logger.info('job succeeded', { job: jobResourceName(job), ...totals.counts });
  }

  /** Results files of done shards are gone (removed by hand, or lost in a crash): those shards run again. */
  private async predictAgain(job: JobRecord, missing: string[]): Promise<void> {
    for (const file of missing) {
      const index = Number(/results-(\d+)-of-/.exec(file)![1]);
      const reason = `The results file ${file} was gone when the job finished.`;
      await reopenShard(this.deps.knex, job.id, index, reason);
    }
    this.deps.logger.warn('results files of finished shards are missing; predicting those shards again', {
      job: jobResourceName(job),
      missing,
    });
    this.deps.nudge();
  }

  /** CANCELLING → CANCELLED once its workers are stopped. */
  private async cancel(job: JobRecord): Promise<void> {
    await this.deps.records.stopWorkers(job);
    const counts = await this.deps.records.finalCounts(job);
    const endTime = this.deps.now();
    const cancelled = await this.deps.records.move(job, ['CANCELLING'], {
      state: 'CANCELLED',
      counts,
      endTime,
    });
    if (cancelled) this.deps.logger.info('job cancelled', { job: jobResourceName(job) });
  }
}
