import { randomBytes } from 'node:crypto';
import type { Knex } from '@presage/db';
import type { RecordRange } from '@presage/record-files';
import type { ShardOutcome } from '../domain/job-totals';
import type { PlannedShard } from '../domain/shard-bytes';
import { BATCH_SCHEMA } from './migrations';

export type ShardState = 'PENDING' | 'CLAIMED' | 'DONE';

export interface ShardRecord {
  id: string;
  job: string;
  index: number;
  range: RecordRange;
  state: ShardState;
  claim: string | null;
  worker: string | null;
  leaseExpires: Date | null;
  attempts: number;
  failures: number;
  lastError: string;
}

interface ShardRow {
  id: string;
  job: string;
  index: number;
  range: RecordRange;
  state: ShardState;
  claim: string | null;
  worker: string | null;
  lease_expires: Date | null;
  attempts: number;
  failures: number;
  last_error: string;
  /** bigint: a string from pg. */
  prediction_count: string;
  error_count: string;
  worker_seconds: number;
  errors: Record<string, number>;
}

const OUTCOME_COLUMNS = [
  'index',
  'state',
  'prediction_count',
  'error_count',
  'worker_seconds',
  'errors',
] as const;

const shards = (db: Knex) => db.withSchema(BATCH_SCHEMA).table('shards');

/** Replaces the shards of a job (a restarted PREPARING plans again from scratch). */
export async function replaceShards(db: Knex, job: string, planned: PlannedShard[]): Promise<void> {
  await shards(db).where({ job }).delete();
  for (let start = 0; start < planned.length; start += 500) {
    await shards(db).insert(
      planned.slice(start, start + 500).map(({ range, inputBytes }, i) => ({
        job,
        index: start + i,
        range: JSON.stringify(range),
        input_bytes: inputBytes,
      })),
    );
  }
}

/**
 * Gives the worker the first shard nobody holds: PENDING, or CLAIMED under a lease that expired (its
 * worker died). Row locks skip shards another claim is taking at the same moment.
 */
export async function claimShard(
  trx: Knex.Transaction,
  job: string,
  worker: string,
  now: Date,
  leaseMs: number,
): Promise<ShardRecord | undefined> {
  const row = (await shards(trx)
    .where({ job })
    .where(
      (q) =>
        void q
          .where({ state: 'PENDING' })
          .orWhere((e) => void e.where({ state: 'CLAIMED' }).where('lease_expires', '<', now)),
    )
    .orderBy('index')
    .forUpdate()
    .skipLocked()
    .first()) as ShardRow | undefined;
  if (!row) return undefined;
  const [claimed] = (await shards(trx)
    .where({ id: row.id })
    .update({
      state: 'CLAIMED',
      claim: randomBytes(12).toString('base64url'),
      worker,
      claimed_at: now,
      renewed_at: now,
      lease_expires: new Date(now.getTime() + leaseMs),
      attempts: trx.raw('attempts + 1'),
      prediction_count: 0,
      error_count: 0,
      // The time the previous holder worked on it before it vanished still counts as node time.
      worker_seconds: trx.raw('worker_seconds + coalesce(extract(epoch from renewed_at - claimed_at), 0)'),
    })
    .returning('*')) as ShardRow[];
  return toShard(claimed!);
}

/** The soonest a shard held by a live worker could be claimed again, or undefined when none is held. */
export async function nextLeaseExpiry(db: Knex, job: string): Promise<Date | undefined> {
  const row = (await shards(db).where({ job, state: 'CLAIMED' }).min({ at: 'lease_expires' }).first()) as
    { at: Date | null } | undefined;
  return row?.at ?? undefined;
}

/** Extends the lease of a claim and records its progress; false when the claim is no longer current. */
export async function renewLease(
  db: Knex,
  claim: string,
  progress: { predictionCount: number; errorCount: number },
  now: Date,
  leaseMs: number,
): Promise<boolean> {
  const updated = await shards(db)
    .where({ claim, state: 'CLAIMED' })
    .update({
      renewed_at: now,
      lease_expires: new Date(now.getTime() + leaseMs),
      prediction_count: progress.predictionCount,
      error_count: progress.errorCount,
    });
  return updated > 0;
}

/** The current shard of a claim, locked; undefined when the claim is no longer current. */
export async function lockClaim(trx: Knex.Transaction, claim: string): Promise<ShardRecord | undefined> {
  const row = (await shards(trx).where({ claim, state: 'CLAIMED' }).forUpdate().first()) as
    ShardRow | undefined;
  return row && toShard(row);
}

export async function markDone(
  trx: Knex.Transaction,
  id: string,
  result: { predictionCount: number; errorCount: number; errors: Record<string, number> },
  now: Date,
): Promise<void> {
  await shards(trx)
    .where({ id })
    .update({
      state: 'DONE',
      lease_expires: null,
      renewed_at: now,
      prediction_count: result.predictionCount,
      error_count: result.errorCount,
      errors: JSON.stringify(result.errors),
      worker_seconds: trx.raw('worker_seconds + extract(epoch from ?::timestamptz - claimed_at)', [now]),
    });
}

/** The worker gave a shard up: it goes back to PENDING with the reason counted. */
export async function releaseClaim(
  db: Knex,
  claim: string,
  error: string,
  now: Date,
): Promise<ShardRecord | undefined> {
  const [row] = (await shards(db)
    .where({ claim, state: 'CLAIMED' })
    .update({
      state: 'PENDING',
      claim: null,
      lease_expires: null,
      failures: db.raw('failures + 1'),
      last_error: error.slice(0, 2000),
      prediction_count: 0,
      error_count: 0,
      worker_seconds: db.raw('worker_seconds + extract(epoch from ?::timestamptz - claimed_at)', [now]),
    })
    .returning('*')) as ShardRow[];
  return row && toShard(row);
}

export interface ShardSummary {
  pending: number;
  claimed: number;
  done: number;
  /** The most failures of one shard, with its last error. */
  maxFailures: number;
  lastError: string;
  /** Done shards, plus the progress of claims whose lease runs. */
  predictionCount: number;
  errorCount: number;
  workerSeconds: number;
}

export async function summarizeShards(db: Knex, job: string, now: Date): Promise<ShardSummary> {
  const rows: Record<string, string | number>[] = await shards(db)
    .where({ job })
    .select(
      db.raw(`count(*) filter (where state = 'PENDING') as pending`),
      db.raw(`count(*) filter (where state = 'CLAIMED') as claimed`),
      db.raw(`count(*) filter (where state = 'DONE') as done`),
      db.raw('coalesce(max(failures), 0) as max_failures'),
      db.raw(
        `coalesce(sum(prediction_count) filter (where state = 'DONE' or lease_expires >= ?), 0) as predictions`,
        [now],
      ),
      db.raw(`coalesce(sum(error_count) filter (where state = 'DONE' or lease_expires >= ?), 0) as errors`, [
        now,
      ]),
      db.raw('coalesce(sum(worker_seconds), 0) as worker_seconds'),
    );
  const row = rows[0] ?? {};
  const worst: { last_error: string } | undefined = await shards(db)
    .where({ job })
    .where('failures', '>', 0)
    .orderBy('failures', 'desc')
    .first('last_error');
  return {
    pending: Number(row['pending'] ?? 0),
    claimed: Number(row['claimed'] ?? 0),
    done: Number(row['done'] ?? 0),
    maxFailures: Number(row['max_failures'] ?? 0),
    lastError: worst?.last_error ?? '',
    predictionCount: Number(row['predictions'] ?? 0),
    errorCount: Number(row['errors'] ?? 0),
    workerSeconds: Number(row['worker_seconds'] ?? 0),
  };
}

/** Every shard of a job with what it contributes to the job's totals, in one read. */
export async function listShardOutcomes(db: Knex, job: string): Promise<ShardOutcome[]> {
  const rows: Pick<ShardRow, (typeof OUTCOME_COLUMNS)[number]>[] = await shards(db)
    .where({ job })
    .orderBy('index')
    .select(...OUTCOME_COLUMNS);
  return rows.map((row) => ({
    index: row.index,
    done: row.state === 'DONE',
    predictionCount: Number(row.prediction_count),
    errorCount: Number(row.error_count),
    workerSeconds: Number(row.worker_seconds),
    errors: row.errors,
  }));
}

/**
 * A DONE shard whose results file is gone goes back to PENDING with its counts cleared and the reason
 * counted as a failure, so it is predicted again.
 */
export async function reopenShard(db: Knex, job: string, index: number, reason: string): Promise<boolean> {
  const updated = await shards(db)
    .where({ job, index, state: 'DONE' })
    .update({
      state: 'PENDING',
      claim: null,
      lease_expires: null,
      failures: db.raw('failures + 1'),
      last_error: reason.slice(0, 2000),
      prediction_count: 0,
      error_count: 0,
      errors: '{}',
    });
  return updated > 0;
}

function toShard(row: ShardRow): ShardRecord {
  return {
    id: String(row.id),
    job: String(row.job),
    index: row.index,
    range: row.range,
    state: row.state,
    claim: row.claim,
    worker: row.worker,
    leaseExpires: row.lease_expires,
    attempts: row.attempts,
    failures: row.failures,
    lastError: row.last_error,
  };
}
