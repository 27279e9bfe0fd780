import type { Knex } from '@presage/db';
import type { JobCounts, JobRecord } from '../domain/job-record';
import { countsOf, TERMINAL_STATES } from '../domain/job-record';
import { queuePosition } from '../store/jobs';
import { summarizeShards } from '../store/shards';

/** A job's counts: final once it ended; while it runs, its finished shards plus the live claims. */
export async function currentCounts(db: Knex, job: JobRecord, now: Date): Promise<JobCounts> {
  if (TERMINAL_STATES.includes(job.state)) return job.counts;
  if (job.state === 'QUEUED' || job.state === 'PREPARING')
    return { predictionCount: 0, errorCount: 0, nodeHours: 0 };
  return countsOf(await summarizeShards(db, job.id, now), job.prepareErrors);
}

/** Jobs ahead of a QUEUED one; 0 once it is scheduled. */
export async function positionOf(db: Knex, job: JobRecord): Promise<number> {
  return job.state === 'QUEUED' ? queuePosition(db, job) : 0;
}
