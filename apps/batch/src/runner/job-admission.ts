import type { JobState } from '../domain/job-record';

/** What admission needs of a job. */
export interface AdmissionView {
  id: string;
  state: JobState;
}

/** How many active jobs are in each state (for the active-jobs gauge). */
export function countByState(jobs: readonly AdmissionView[]): Partial<Record<JobState, number>> {
  const counts: Partial<Record<JobState, number>> = {};
  for (const job of jobs) counts[job.state] = (counts[job.state] ?? 0) + 1;
  return counts;
}

/**
 * The QUEUED jobs that may start preparing now: at most `maxRunningJobs` jobs prepare or run at once,
 * and queued jobs are admitted in the order given (oldest first).
 */
export function admittedJobs(jobs: readonly AdmissionView[], maxRunningJobs: number): Set<string> {
  const busy = jobs.filter((job) => job.state === 'PREPARING' || job.state === 'RUNNING').length;
  const slots = Math.max(0, maxRunningJobs - busy);
  const queued = jobs.filter((job) => job.state === 'QUEUED');
  return new Set(queued.slice(0, slots).map((job) => job.id));
}
