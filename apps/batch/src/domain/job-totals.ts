import { addErrors } from './error-stats';
import type { JobCounts } from './job-record';
import { countsOf } from './job-record';

/** What a finished shard contributes to its job's totals. */
export interface ShardOutcome {
  index: number;
  done: boolean;
  predictionCount: number;
  errorCount: number;
  workerSeconds: number;
  /** Distinct error message → instances. */
  errors: Record<string, number>;
}

/** A job's final counts and error statistics, from one read of its shards. */
export interface JobTotals {
  counts: JobCounts;
  errors: Record<string, number>;
}

/**
 * The totals of a job whose `shardCount` shards are all done, or why it has none yet. Counts and error
 * statistics come from the same shard rows, so the errors_stats file always agrees with errorCount.
 */
export function jobTotals(
  shards: readonly ShardOutcome[],
  shardCount: number,
  prepareErrors: Record<string, number>,
): JobTotals | { unfinished: string } {
  const done = shards.filter((s) => s.done);
  if (shards.length !== shardCount || done.length !== shardCount) {
    return { unfinished: `${done.length} of ${shardCount} shards done (${shards.length} read)` };
  }
  const errors = addErrors({ ...prepareErrors }, {});
  for (const shard of done) addErrors(errors, shard.errors);
  const sum = (pick: (s: ShardOutcome) => number) => done.reduce((total, s) => total + pick(s), 0);
  const counts = countsOf(
    {
      predictionCount: sum((s) => s.predictionCount),
      errorCount: sum((s) => s.errorCount),
      workerSeconds: sum((s) => s.workerSeconds),
    },
    prepareErrors,
  );
  const listed = Object.values(errors).reduce((total, n) => total + n, 0);
  if (listed !== counts.errorCount) {
    return { unfinished: `the shards count ${counts.errorCount} errors but list ${listed}` };
  }
  return { counts, errors };
}
