import { readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { inTransaction } from '@presage/db';
import { ApiError } from '@presage/errors';
import type { AsyncHandlers } from '@presage/grpc-kit';
import { parseJobName } from '@presage/resources';
import type { BatchWorkerServiceHandlers } from '@presage/proto';
import type { JobRecord } from '../domain/job-record';
import { resultsFileName } from '../domain/job-record';
import { findJob } from '../store/jobs';
import {
  claimShard,
  lockClaim,
  markDone,
  nextLeaseExpiry,
  releaseClaim,
  renewLease,
  summarizeShards,
} from '../store/shards';
import { syncDirectory } from '../storage/output-dir';
import type { BatchDeps } from './deps';

/** How long a worker waits before asking again when every shard is held by a live worker. */
const MIN_RETRY_MS = 200;
const MAX_RETRY_MS = 2_000;

/**
 * The batch service's side of the worker contract: shard claims under a lease. A claim is the only
 * proof of ownership: once a lease expired and the shard went to another worker, the first worker's
 * calls are ABORTED and its results file is discarded, so every shard's results land exactly once.
 */
export function createWorkerHandlers(deps: BatchDeps): AsyncHandlers<BatchWorkerServiceHandlers> {
  const jobOf = async (name: string): Promise<JobRecord | undefined> => {
    const { project, job } = parseJobName(name, 'job');
    return findJob(deps.knex, project, job);
  };
  const notYours = () =>
    ApiError.aborted(
      "The claim is no longer this worker's: its lease expired or the job ended.",
      'CLAIM_LOST',
    );

  return {
    async ClaimShard(request) {
      const job = await jobOf(request.job);
      if (!job || job.state !== 'RUNNING') return { finished: { reason: job?.state ?? 'NOT_FOUND' } };
      if (!request.worker)
        throw ApiError.invalidArgument({ field: 'worker', description: 'A worker name is required.' });
      const now = deps.now();
      const shard = await inTransaction(deps.knex, (trx) =>
        claimShard(trx, job.id, request.worker, now, deps.leaseMs),
      );
      if (shard) {
        const final = resultsFileName(shard.index, job.shardCount);
        deps.logger.debug('shard claimed', {
          job: request.job,
          shard: shard.index,
          worker: request.worker,
          attempt: shard.attempts,
        });
        return {
          shard: {
            claim: shard.claim!,
            index: shard.index,
            shardCount: job.shardCount,
            inputPath: shard.range.path,
            recordFormat: shard.range.format,
            gzip: shard.range.gzip,
            byteStart: String(shard.range.byteStart),
            byteEnd: String(shard.range.byteEnd),
            recordStart: String(shard.range.recordStart),
            recordEnd: String(shard.range.recordEnd),
            tempPath: path.join(job.spec.outputPath, `.${final}.${shard.claim!}.tmp`),
            batchSize: job.spec.batchSize,
            signatureName: job.spec.signatureName,
            leaseMs: String(deps.leaseMs),
          },
        };
      }
      const summary = await summarizeShards(deps.knex, job.id, now);
      if (summary.pending + summary.claimed === 0) return { finished: { reason: 'SUCCEEDED' } };
      const expiry = await nextLeaseExpiry(deps.knex, job.id);
      const wait = expiry ? expiry.getTime() - now.getTime() : MAX_RETRY_MS;
      return { retryAfterMs: String(Math.min(MAX_RETRY_MS, Math.max(MIN_RETRY_MS, wait))) };
    },

    async RenewLease(request) {
      const job = await jobOf(request.job);
      if (!job || job.state !== 'RUNNING') throw notYours();
      const renewed = await renewLease(
        deps.knex,
        request.claim,
        { predictionCount: Number(request.predictionCount), errorCount: Number(request.errorCount) },
        deps.now(),
        deps.leaseMs,
      );
      if (!renewed) throw notYours();
      return { leaseMs: String(deps.leaseMs) };
    },

    async CompleteShard(request) {
      const job = await jobOf(request.job);
      if (!job || job.state !== 'RUNNING') throw notYours();
      const errors = Object.fromEntries(Object.entries(request.errors).map(([m, n]) => [m, Number(n)]));
      const done = await inTransaction(deps.knex, async (trx) => {
        const shard = await lockClaim(trx, request.claim);
        if (!shard) return undefined;
        const final = resultsFileName(shard.index, job.shardCount);
        // Inside the transaction: only the claim that marks the shard done puts its file in place, and
        // the rename is on disk (the worker synced the file) before the shard is DONE.
        await rename(
          path.join(job.spec.outputPath, `.${final}.${request.claim}.tmp`),
          path.join(job.spec.outputPath, final),
        );
        await syncDirectory(job.spec.outputPath);
        await markDone(
          trx,
          shard.id,
          {
            predictionCount: Number(request.predictionCount),
            errorCount: Number(request.errorCount),
            errors,
          },
          deps.now(),
        );
        return shard;
      }).catch((error: unknown) => {
        if (error instanceof Error && 'code' in error && error.code === 'ENOENT') {
          throw ApiError.failedPrecondition(
            "The shard's results file is missing: write it to tempPath before completing.",
            'RESULTS_MISSING',
          );
        }
        throw error;
      });
      if (!done) {
        await removeStrayResults(job, request.claim);
        deps.metrics.shardReleased('lost');
        throw notYours();
      }
      deps.metrics.shardCompleted(Number(request.predictionCount), Number(request.errorCount));
      deps.logger.debug('shard done', {
        job: request.job,
        shard: done.index,
        predictions: request.predictionCount,
      });
      deps.nudge();
      return {};
    },

    async FailShard(request) {
      const job = await jobOf(request.job);
      if (!job) throw notYours();
      const released = await releaseClaim(
        deps.knex,
        request.claim,
        request.error || 'unknown error',
        deps.now(),
      );
      if (!released) throw notYours();
      await removeStrayResults(job, request.claim);
      deps.metrics.shardReleased('failed');
      deps.logger.warn('a worker gave up a shard', {
        job: request.job,
        shard: released.index,
        error: request.error,
        failures: released.failures,
      });
      deps.nudge();
      return {};
    },
  };
}

/** Removes the temporary results a claim left, if any. */
async function removeStrayResults(job: JobRecord, claim: string): Promise<void> {
  const names = await readdir(job.spec.outputPath).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((n) => n.endsWith(`.${claim}.tmp`))
      .map((n) => rm(path.join(job.spec.outputPath, n), { force: true })),
  );
}
