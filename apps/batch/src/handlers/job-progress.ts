import type { Knex } from '@presage/db';
import type { InputProgress, JobCounts, JobRecord } from '../domain/job-record';
import { countsOf, TERMINAL_STATES } from '../domain/job-record';
import { queuePosition } from '../store/jobs';
import { inputProgressOf } from '../store/shard-progress';
import { summarizeShards } from '../store/shards';

/** The progress of a job that has no shards yet (or whose shards a restarted PREPARING is replacing). */
export const NO_INPUT_PROGRESS: InputProgress = {
  inputBytes: 0,
  processedInputBytes: 0,
  shardCount: 0,
  shardsDone: 0,
};

/** A job's counts: final once it ended; while it runs, its finished shards plus the live claims. */
export async function currentCounts(db: Knex, job: JobRecord, now: Date): Promise<JobCounts> {
  if (TERMINAL_STATES.includes(job.state)) return job.counts;
  if (job.state === 'QUEUED' || job.state === 'PREPARING')
    return { predictionCount: 0, errorCount: 0, nodeHours: 0 };
  return countsOf(await summarizeShards(db, job.id, now), job.prepareErrors);
}

/**
 * The input progress of each job, by id, in one read of the shards of those that were prepared (jobs
 * QUEUED or PREPARING have none to report).
 */
export async function currentInputProgress(
  db: Knex,
  jobs: readonly JobRecord[],
): Promise<Map<string, InputProgress>> {
  const prepared = jobs.filter((job) => job.state !== 'QUEUED' && job.state !== 'PREPARING');
  return inputProgressOf(
    db,
    prepared.map((job) => job.id),
  );
}

/** Jobs ahead of a QUEUED one; 0 once it is scheduled. */
export async function positionOf(db: Knex, job: JobRecord): Promise<number> {
  return job.state === 'QUEUED' ? queuePosition(db, job) : 0;
}
