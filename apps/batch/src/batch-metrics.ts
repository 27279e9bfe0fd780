import type { Meter } from '@opentelemetry/api';
import { STARTUP_BUCKETS_S } from '@presage/telemetry';
import type { JobState } from './domain/job-record';

/** The batch service's own metrics; a job's progress itself is in its predictionOutput. */
export interface BatchMetrics {
  /** A shard's results were accepted. */
  shardCompleted(predictions: number, errors: number): void;
  /** A worker gave a shard up, or its claim was lost to another worker. */
  shardReleased(reason: 'failed' | 'lost'): void;
  jobEnded(state: JobState, seconds: number): void;
  /** The jobs per state the runner saw on its last pass. */
  setActiveJobs(counts: Partial<Record<JobState, number>>): void;
}

export function createBatchMetrics(meter: Meter): BatchMetrics {
  const instances = meter.createCounter('presage.batch.instances', {
    description: 'Instances of batch jobs predicted or failed, counted when their shard completes',
  });
  const shards = meter.createCounter('presage.batch.shards', {
    description: 'Shards completed, given up by a worker, or lost to another worker',
  });
  const durations = meter.createHistogram('presage.batch.job.duration', {
    description: 'From a job starting to run until it ended',
    unit: 's',
    advice: { explicitBucketBoundaries: [...STARTUP_BUCKETS_S, 1800, 3600, 7200, 21600, 86400] },
  });
  let active: Partial<Record<JobState, number>> = {};
  meter
    .createObservableGauge('presage.batch.jobs', { description: 'Jobs not finished, by state' })
    .addCallback((result) => {
      for (const state of ['QUEUED', 'PREPARING', 'RUNNING', 'CANCELLING'] as const) {
        result.observe(active[state] ?? 0, { 'presage.job.state': state });
      }
    });
  return {
    shardCompleted(predictions, errors) {
      instances.add(predictions, { outcome: 'predicted' });
      instances.add(errors, { outcome: 'failed' });
      shards.add(1, { outcome: 'completed' });
    },
    shardReleased: (reason) => shards.add(1, { outcome: reason }),
    jobEnded: (state, seconds) => durations.record(seconds, { 'presage.job.state': state }),
    setActiveJobs(counts) {
      active = counts;
    },
  };
}
