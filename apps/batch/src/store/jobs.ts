import type { Knex } from '@presage/db';
import { applyFilter } from '@presage/db';
import type { FilterTerm } from '@presage/resources';
import type { JobCounts, JobRecord, JobState, ModelSource } from '../domain/job-record';
import { TERMINAL_STATES } from '../domain/job-record';
import type { JobSpec } from '../domain/job-spec';
import { BATCH_SCHEMA } from './migrations';

export const JOB_FILTER_FIELDS = ['job_id', 'state', 'labels'] as const;
const JOB_COLUMNS: Record<string, string> = {
  job_id: 'job_id',
  state: 'state',
  labels: 'labels',
};

interface JobRow {
  id: string;
  project: string;
  job_id: string;
  state: JobState;
  prediction_input: Record<string, unknown>;
  spec: JobSpec;
  source: ModelSource;
  labels: Record<string, string>;
  etag: string;
  error_message: string;
  worker_count: number;
  shard_count: number;
  prepare_errors: Record<string, number>;
  prediction_count: string;
  error_count: string;
  node_hours: number;
  create_time: Date;
  start_time: Date | null;
  end_time: Date | null;
  update_time: Date;
}

export interface NewJob {
  project: string;
  jobId: string;
  predictionInput: Record<string, unknown>;
  spec: JobSpec;
  source: ModelSource;
  labels: Record<string, string>;
  etag: string;
  createTime: Date;
}

const jobs = (db: Knex) => db.withSchema(BATCH_SCHEMA).table('jobs');

/** How many of the project's jobs have not ended (queued, preparing, running or cancelling). */
export async function countActiveJobs(db: Knex, project: string): Promise<number> {
  const row = (await jobs(db)
    .where({ project })
    .whereNotIn('state', [...TERMINAL_STATES])
    .count({ count: '*' })
    .first()) as { count: string | number } | undefined;
  return Number(row?.count ?? 0);
}

export async function insertJob(db: Knex, job: NewJob): Promise<JobRecord> {
  const [row] = (await jobs(db)
    .insert({
      project: job.project,
      job_id: job.jobId,
      state: 'QUEUED',
      prediction_input: JSON.stringify(job.predictionInput),
      spec: JSON.stringify(job.spec),
      source: JSON.stringify(job.source),
      labels: JSON.stringify(job.labels),
      etag: job.etag,
      create_time: job.createTime,
      update_time: job.createTime,
    })
    .returning('*')) as JobRow[];
  return toJob(row!);
}

export async function findJob(
  db: Knex,
  project: string,
  jobId: string,
  options: { forUpdate?: boolean } = {},
): Promise<JobRecord | undefined> {
  const query = jobs(db).where({ project, job_id: jobId }).first();
  if (options.forUpdate) void query.forUpdate();
  const row = (await query) as JobRow | undefined;
  return row && toJob(row);
}

export async function findJobById(db: Knex, id: string): Promise<JobRecord | undefined> {
  const row = (await jobs(db).where({ id }).first()) as JobRow | undefined;
  return row && toJob(row);
}

export async function listJobs(
  db: Knex,
  project: string,
  terms: FilterTerm[],
  afterId: string | undefined,
  limit: number,
): Promise<JobRecord[]> {
  const query = jobs(db).where({ project }).orderBy('id').limit(limit);
  if (afterId) void query.where('id', '>', afterId);
  applyFilter(query, terms, JOB_COLUMNS);
  return ((await query) as JobRow[]).map(toJob);
}

/** Jobs the runner has to act on, oldest first. */
export async function listActiveJobs(db: Knex): Promise<JobRecord[]> {
  const rows = (await jobs(db)
    .whereNotIn('state', TERMINAL_STATES as JobState[])
    .orderBy('id')) as JobRow[];
  return rows.map(toJob);
}

export interface JobChanges {
  state?: JobState;
  errorMessage?: string;
  labels?: Record<string, string>;
  etag?: string;
  workerCount?: number;
  shardCount?: number;
  prepareErrors?: Record<string, number>;
  counts?: JobCounts;
  startTime?: Date;
  endTime?: Date;
}

/**
 * Applies `changes` when the job is in one of `from` (any state when omitted); the updated job, or
 * undefined when its state had moved on (another writer won).
 */
export async function updateJob(
  db: Knex,
  id: string,
  changes: JobChanges,
  now: Date,
  from?: readonly JobState[],
): Promise<JobRecord | undefined> {
  const query = jobs(db)
    .where({ id })
    .update({
      ...(changes.state ? { state: changes.state } : {}),
      ...(changes.errorMessage !== undefined ? { error_message: changes.errorMessage } : {}),
      ...(changes.labels ? { labels: JSON.stringify(changes.labels) } : {}),
      ...(changes.etag ? { etag: changes.etag } : {}),
      ...(changes.workerCount !== undefined ? { worker_count: changes.workerCount } : {}),
      ...(changes.shardCount !== undefined ? { shard_count: changes.shardCount } : {}),
      ...(changes.prepareErrors ? { prepare_errors: JSON.stringify(changes.prepareErrors) } : {}),
      ...(changes.counts
        ? {
            prediction_count: changes.counts.predictionCount,
            error_count: changes.counts.errorCount,
            node_hours: changes.counts.nodeHours,
          }
        : {}),
      ...(changes.startTime ? { start_time: changes.startTime } : {}),
      ...(changes.endTime ? { end_time: changes.endTime } : {}),
      update_time: now,
    })
    .returning('*');
  if (from) void query.whereIn('state', from as JobState[]);
  const [row] = (await query) as JobRow[];
  return row && toJob(row);
}

/** Jobs waiting their turn: QUEUED ones created before this one (0 when it is next). */
export async function queuePosition(db: Knex, job: JobRecord): Promise<number> {
  const rows: { count: string }[] = await jobs(db)
    .where({ state: 'QUEUED' })
    .where('id', '<', job.id)
    .count({ count: '*' });
  const row = rows[0];
  return Number(row?.count ?? 0);
}

function toJob(row: JobRow): JobRecord {
  return {
    id: String(row.id),
    project: row.project,
    jobId: row.job_id,
    state: row.state,
    predictionInput: row.prediction_input,
    spec: row.spec,
    source: row.source,
    labels: row.labels,
    etag: row.etag,
    errorMessage: row.error_message,
    workerCount: row.worker_count,
    shardCount: row.shard_count,
    prepareErrors: row.prepare_errors,
    counts: {
      predictionCount: Number(row.prediction_count),
      errorCount: Number(row.error_count),
      nodeHours: row.node_hours,
    },
    createTime: row.create_time,
    startTime: row.start_time,
    endTime: row.end_time,
    updateTime: row.update_time,
  };
}
