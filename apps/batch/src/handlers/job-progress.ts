import type { Knex } from '@presage/db';
import type { JobCounts, JobRecord } from '../domain/job-record';
import { TERMINAL_STATES } from '../domain/job-record';
import { queuePosition } from '../store/jobs';
import { summarizeShards } from '../store/shards';

/** A job's counts: final once it ended; while it runs, its finished shards plus the live claims. */
export async function currentCounts(db: Knex, job: JobRecord, now: Date): Promise<JobCounts> {
  if (TERMINAL_STATES.includes(job.state)) return job.counts;
  if (job.state === 'QUEUED' || job.state === 'PREPARING')
    return { predictionCount: 0, errorCount: 0, nodeHours: 0 };
  const summary = await summarizeShards(db, job.id, now);
  const prepareErrors = Object.values(job.prepareErrors).reduce((sum, n) => sum + n, 0);
  return {
    predictionCount: summary.predictionCount,
    errorCount: summary.errorCount + prepareErrors,
    nodeHours: summary.workerSeconds / 3600,
  };
}

/** Jobs ahead of a QUEUED one; 0 once it is scheduled. */
export async function positionOf(db: Knex, job: JobRecord): Promise<number> {
  return job.state === 'QUEUED' ? queuePosition(db, job) : 0;
}
