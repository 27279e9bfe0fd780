import type { Knex } from '@presage/db';
import type { InputProgress } from '../domain/job-record';
import { BATCH_SCHEMA } from './migrations';

/** The input progress of each of `jobs` from its shards, in one read; a job without shards is left out. */
export async function inputProgressOf(
  db: Knex,
  jobs: readonly string[],
): Promise<Map<string, InputProgress>> {
  const progress = new Map<string, InputProgress>();
  if (jobs.length === 0) return progress;
  const rows: Record<string, string | number>[] = await db
    .withSchema(BATCH_SCHEMA)
    .table('shards')
    .whereIn('job', jobs)
    .groupBy('job')
    .select(
      'job',
      db.raw('count(*) as shard_count'),
      db.raw(`count(*) filter (where state = 'DONE') as shards_done`),
      db.raw('coalesce(sum(input_bytes), 0) as input_bytes'),
      db.raw(`coalesce(sum(input_bytes) filter (where state = 'DONE'), 0) as processed_input_bytes`),
    );
  for (const row of rows) {
    progress.set(String(row['job']), {
      inputBytes: Number(row['input_bytes']),
      processedInputBytes: Number(row['processed_input_bytes']),
      shardCount: Number(row['shard_count']),
      shardsDone: Number(row['shards_done']),
    });
  }
  return progress;
}
