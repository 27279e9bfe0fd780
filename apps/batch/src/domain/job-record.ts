import { jobResourceName as nameOfJob } from '@presage/resources';
import type { JobSpec } from './job-spec';

export type JobState =
  'QUEUED' | 'PREPARING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLING' | 'CANCELLED';

export const TERMINAL_STATES: readonly JobState[] = ['SUCCEEDED', 'FAILED', 'CANCELLED'];
export const ACTIVE_STATES: readonly JobState[] = ['QUEUED', 'PREPARING', 'RUNNING', 'CANCELLING'];

/** The model a job predicts with, resolved when it was created. */
export interface ModelSource {
  /** The version's name; empty for a job given by `uri`. */
  version: string;
  modelUri: string;
  framework: string;
  predictionClass: string;
  packageUris: string[];
}

/** Counts of a job: final once it ended, else summed over its finished and running shards. */
export interface JobCounts {
  predictionCount: number;
  errorCount: number;
  nodeHours: number;
}

/** How much of a job's input is done, from its shards: input bytes and shards, of all and of done ones. */
export interface InputProgress {
  inputBytes: number;
  processedInputBytes: number;
  shardCount: number;
  shardsDone: number;
}

/** A job's counts from its shards' totals and the records preparing it could not read. */
export function countsOf(
  shards: { predictionCount: number; errorCount: number; workerSeconds: number },
  prepareErrors: Record<string, number>,
): JobCounts {
  return {
    predictionCount: shards.predictionCount,
    errorCount: shards.errorCount + Object.values(prepareErrors).reduce((sum, n) => sum + n, 0),
    nodeHours: shards.workerSeconds / 3600,
  };
}

export interface JobRecord {
  id: string;
  project: string;
  jobId: string;
  state: JobState;
  predictionInput: Record<string, unknown>;
  spec: JobSpec;
  source: ModelSource;
  labels: Record<string, string>;
  etag: string;
  errorMessage: string;
  workerCount: number;
  shardCount: number;
  prepareErrors: Record<string, number>;
  counts: JobCounts;
  createTime: Date;
  startTime: Date | null;
  endTime: Date | null;
  updateTime: Date;
}

export function jobResourceName(job: Pick<JobRecord, 'project' | 'jobId'>): string {
  return nameOfJob({ project: job.project, job: job.jobId });
}

/** `prediction.results-00003-of-00010`: Beam's shard template, as AI Platform writes it. */
export function resultsFileName(index: number, count: number): string {
  return `prediction.results-${pad(index)}-of-${pad(count)}`;
}

export const ERRORS_STATS_FILE = 'prediction.errors_stats-00000-of-00001';

function pad(n: number): string {
  return String(n).padStart(5, '0');
}
