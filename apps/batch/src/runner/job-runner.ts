import path from 'node:path';
import { createControlLoop } from '@presage/control-loop';
import type { ControlLoop } from '@presage/control-loop';
import type { Knex } from '@presage/db';
import { ApiError } from '@presage/errors';
import type { PromiseClient } from '@presage/grpc-kit';
import type { Logger } from '@presage/log';
import type { DeployerServiceHandlers } from '@presage/proto';
import type { BatchMetrics } from '../batch-metrics';
import { formatErrorStats } from '../domain/error-stats';
import type { JobCounts, JobRecord, JobState } from '../domain/job-record';
import { countsOf, ERRORS_STATS_FILE, jobResourceName, resultsFileName } from '../domain/job-record';
import { jobTotals } from '../domain/job-totals';
import { listActiveJobs, updateJob } from '../store/jobs';
import { listShardOutcomes, reopenShard, replaceShards, summarizeShards } from '../store/shards';
import { InputError } from '../storage/input-paths';
import { missingFiles, OutputError, removeTemporaryResults, writeFileDurably } from '../storage/output-dir';
import { prepareJob } from './prepare-job';

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

/** A shard that failed this often on different workers fails its job. */
const MAX_SHARD_FAILURES = 3;
/** How long starting a job's workers may take (staging the model and loading it). */
const ENSURE_DEADLINE_MS = 10 * 60_000;

/**
 * Drives every job through its states, level-triggered: each pass reads the jobs from the database and
 * does what their state asks, so a restart of the batch service picks up where it was. Workers run on
 * without it meanwhile: they retry until it is back.
 */
export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const { knex, deployer } = options;
  const logger = options.logger.child({ component: 'job-runner' });

  const move = async (job: JobRecord, from: JobState[], changes: Parameters<typeof updateJob>[2]) => {
    const moved = await updateJob(knex, job.id, changes, options.now(), from);
    if (moved?.endTime && moved.startTime) {
      options.metrics.jobEnded(moved.state, (moved.endTime.getTime() - moved.startTime.getTime()) / 1000);
    }
    return moved;
  };

  const finalCounts = async (job: JobRecord): Promise<JobCounts> =>
    countsOf(await summarizeShards(knex, job.id, options.now()), job.prepareErrors);

  const stopWorkers = async (job: JobRecord) => {
    await deployer.StopBatchWorkers({ job: jobResourceName(job) }, { deadlineMs: 60_000 });
    await removeTemporaryResults(job.spec.outputPath);
  };

  const fail = async (job: JobRecord, from: JobState[], errorMessage: string) => {
    const counts = await finalCounts(job);
    const failed = await move(job, from, { state: 'FAILED', errorMessage, counts, endTime: options.now() });
    if (!failed) return;
    logger.warn('job failed', { job: jobResourceName(job), error: errorMessage });
    await stopWorkers(job).catch((error: unknown) =>
      logger.warn('could not stop the workers of a failed job', { error }),
    );
  };

  const prepare = async (job: JobRecord) => {
    let prepared;
    try {
      prepared = await prepareJob(job.spec, {
        maxWorkers: options.maxWorkers,
        shardBytes: options.shardBytes,
        allowedRoots: options.allowedRoots,
      });
    } catch (error) {
      if (error instanceof InputError || error instanceof OutputError)
        return fail(job, ['PREPARING'], error.message);
      throw error;
    }
    await replaceShards(knex, job.id, prepared.ranges);
    const running = await move(job, ['PREPARING'], {
      state: 'RUNNING',
      startTime: options.now(),
      shardCount: prepared.ranges.length,
      workerCount: prepared.workerCount,
      prepareErrors: prepared.prepareErrors,
    });
    if (running) {
      logger.info('job running', {
        job: jobResourceName(job),
        shards: prepared.ranges.length,
        workers: prepared.workerCount,
      });
      loop.nudge();
    }
  };

  /**
   * RUNNING → SUCCEEDED, in this order: every shard done and its results file in place, the error
   * statistics written durably (with the results renamed before them), the workers stopped, and only then
   * SUCCEEDED — with counts from the same read of the shards as the statistics. A shard whose results
   * file vanished is predicted again instead.
   */
  const finish = async (job: JobRecord) => {
    const totals = jobTotals(await listShardOutcomes(knex, job.id), job.shardCount, job.prepareErrors);
    if ('unfinished' in totals) throw new Error(`The job cannot finish yet: ${totals.unfinished}.`);
    const output = job.spec.outputPath;
    const results = Array.from({ length: job.shardCount }, (_, i) => resultsFileName(i, job.shardCount));
    const missing = await missingFiles(output, results);
    if (missing.length > 0) return predictAgain(job, missing);
    try {
      await writeFileDurably(path.join(output, ERRORS_STATS_FILE), formatErrorStats(totals.errors));
    } catch (error) {
      return fail(job, ['RUNNING'], `The error statistics cannot be written: ${(error as Error).message}`);
    }
    await stopWorkers(job);
    const done = await move(job, ['RUNNING'], {
      state: 'SUCCEEDED',
      counts: totals.counts,
      endTime: options.now(),
    });
    if (done) logger.info('job succeeded', { job: jobResourceName(job), ...totals.counts });
  };

  /** Results files of done shards are gone (removed by hand, or lost in a crash): those shards run again. */
  const predictAgain = async (job: JobRecord, missing: string[]) => {
    for (const file of missing) {
      const index = Number(/results-(\d+)-of-/.exec(file)![1]);
      await reopenShard(knex, job.id, index, `The results file ${file} was gone when the job finished.`);
    }
    logger.warn('results files of finished shards are missing; predicting those shards again', {
      job: jobResourceName(job),
      missing,
    });
    loop.nudge();
  };

  const run = async (job: JobRecord) => {
    const summary = await summarizeShards(knex, job.id, options.now());
    if (summary.maxFailures >= MAX_SHARD_FAILURES) {
      return fail(job, ['RUNNING'], `A shard failed on ${summary.maxFailures} workers: ${summary.lastError}`);
    }
    if (summary.pending + summary.claimed === 0) return finish(job);
    const count = Math.min(job.workerCount, summary.pending + summary.claimed);
    const answer = await deployer.EnsureBatchWorkers(
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
        count,
        batchAddress: options.batchAddress(),
      },
      { deadlineMs: ENSURE_DEADLINE_MS },
    );
    if (answer.error) return fail(job, ['RUNNING'], `The batch workers could not start: ${answer.error}`);
  };

  const cancel = async (job: JobRecord) => {
    await stopWorkers(job);
    const counts = await finalCounts(job);
    const cancelled = await move(job, ['CANCELLING'], { state: 'CANCELLED', counts, endTime: options.now() });
    if (cancelled) logger.info('job cancelled', { job: jobResourceName(job) });
  };

  const step = async (job: JobRecord, admitted: boolean) => {
    try {
      if (job.state === 'QUEUED' && admitted) {
        if (await move(job, ['QUEUED'], { state: 'PREPARING' })) loop.nudge();
      } else if (job.state === 'PREPARING') await prepare(job);
      else if (job.state === 'RUNNING') await run(job);
      else if (job.state === 'CANCELLING') await cancel(job);
    } catch (error) {
      logger.warn('job step failed; retrying at the next pass', {
        job: jobResourceName(job),
        state: job.state,
        error: ApiError.from(error).cause ?? error,
      });
    }
  };

  const pass = async () => {
    const jobs = await listActiveJobs(knex);
    const counts: Partial<Record<JobState, number>> = {};
    for (const job of jobs) counts[job.state] = (counts[job.state] ?? 0) + 1;
    options.metrics.setActiveJobs(counts);
    let slots =
      options.maxRunningJobs - jobs.filter((j) => j.state === 'PREPARING' || j.state === 'RUNNING').length;
    const admitted = new Set(jobs.filter((j) => j.state === 'QUEUED' && slots-- > 0).map((j) => j.id));
    await Promise.all(jobs.map((job) => step(job, admitted.has(job.id))));
  };

  const loop = createControlLoop({
    pass,
    intervalMs: options.tickMs,
    onError: (error) => logger.warn('job pass failed; retrying at the next tick', { error }),
  });
  return loop;
}
