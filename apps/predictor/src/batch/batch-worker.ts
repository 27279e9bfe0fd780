import { rm } from 'node:fs/promises';
import { ApiError, StatusCode, errorMessage } from '@presage/errors';
import type { PromiseClient } from '@presage/grpc-kit';
import type { Logger } from '@presage/log';
import type { LoadedModel } from '@presage/runtimes';
import type { BatchShard__Output, BatchWorkerServiceHandlers } from '@presage/proto';
import { processShard } from './shard-processor';
import type { ShardProgress } from './shard-processor';

type BatchClient = PromiseClient<BatchWorkerServiceHandlers>;

export interface BatchWorkerOptions {
  model: LoadedModel;
  client: BatchClient;
  /** `projects/{p}/jobs/{j}`. */
  job: string;
  /** This worker's name. */
  worker: string;
  logger: Logger;
  /** How long the batch service may be unreachable before the worker gives up. @default 600_000 */
  patienceMs?: number;
}

/** Failures that mean the batch service is away for now (restarting, overloaded): ask again. */
const TRANSIENT = new Set<StatusCode>([
  StatusCode.UNAVAILABLE,
  StatusCode.DEADLINE_EXCEEDED,
  StatusCode.CANCELLED,
]);

/**
 * A predictor in batch mode: claims shards of its job one after the other, predicts them and hands
 * their results in, until the batch service says the job needs no more work. Returns the number of
 * shards it completed.
 */
export async function runBatchWorker(options: BatchWorkerOptions): Promise<number> {
  const { client, job, worker } = options;
  const logger = options.logger.child({ job, worker });
  const call = <T>(what: string, work: () => Promise<T>) =>
    retrying(what, work, options.patienceMs ?? 600_000, logger);
  let completed = 0;
  for (;;) {
    const answer = await call('ClaimShard', () => client.ClaimShard({ job, worker }));
    if (answer.finished) {
      logger.info('batch job needs no more work', { reason: answer.finished.reason, completed });
      return completed;
    }
    if (answer.shard) {
      if (await workOn(answer.shard)) completed++;
      continue;
    }
    await delay(Number(answer.retryAfterMs || 500));
  }

  /** Tells the batch service this worker cannot do the shard, so it goes to another. */
  async function giveUp(shard: BatchShard__Output, reason: string): Promise<void> {
    logger.error('cannot process a shard; giving it up', { shard: shard.index, error: reason });
    await call('FailShard', () => client.FailShard({ job, claim: shard.claim, error: reason })).catch(
      (failure: unknown) => logger.warn('could not give the shard up', { error: failure }),
    );
  }

  /** Predicts a shard under its lease; true when its results were accepted. */
  async function workOn(shard: BatchShard__Output): Promise<boolean> {
    const progress: ShardProgress = { predictionCount: 0, errorCount: 0, errors: {} };
    const lease = new AbortController();
    const leaseMs = Number(shard.leaseMs) || 30_000;
    const renew = setInterval(
      () => {
        client
          .RenewLease(
            {
              job,
              claim: shard.claim,
              predictionCount: String(progress.predictionCount),
              errorCount: String(progress.errorCount),
            },
            { deadlineMs: leaseMs / 3 },
          )
          .catch((error: unknown) => {
            if (ApiError.from(error).code === StatusCode.ABORTED) lease.abort(new Error('lease lost'));
            else logger.warn('could not renew the lease; trying again', { shard: shard.index, error });
          });
      },
      Math.max(100, leaseMs / 3),
    );
    const started = Date.now();
    try {
      await processShard(options.model, shard, progress, lease.signal);
    } catch (error) {
      clearInterval(renew);
      await rm(shard.tempPath, { force: true });
      if (lease.signal.aborted) {
        logger.warn('lost the lease of a shard; another worker has it', { shard: shard.index });
        return false;
      }
      await giveUp(shard, errorMessage(error));
      return false;
    } finally {
      clearInterval(renew);
    }
    try {
      await call('CompleteShard', () =>
        client.CompleteShard({
          job,
          claim: shard.claim,
          predictionCount: String(progress.predictionCount),
          errorCount: String(progress.errorCount),
          errors: Object.fromEntries(Object.entries(progress.errors).map(([m, n]) => [m, String(n)])),
        }),
      );
    } catch (error) {
      const refused = ApiError.from(error);
      // Unreachable past the worker's patience: the batch service is gone, and so is this worker.
      if (TRANSIENT.has(refused.code)) throw refused;
      await rm(shard.tempPath, { force: true });
      if (refused.code === StatusCode.ABORTED) {
        logger.warn('the shard was handed to another worker meanwhile; results discarded', {
          shard: shard.index,
        });
      } else {
        await giveUp(shard, `The results could not be handed in: ${refused.message}`);
      }
      return false;
    }
    logger.info('shard done', {
      shard: shard.index,
      predictions: progress.predictionCount,
      errors: progress.errorCount,
      ms: Date.now() - started,
    });
    return true;
  }
}

/** Calls `work` until it succeeds or fails for good; transient failures are retried with backoff. */
async function retrying<T>(
  what: string,
  work: () => Promise<T>,
  patienceMs: number,
  logger: Logger,
): Promise<T> {
  const deadline = Date.now() + patienceMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const apiError = ApiError.from(error);
      if (!TRANSIENT.has(apiError.code) || Date.now() > deadline) throw apiError;
      const wait = Math.min(100 * 2 ** attempt, 5_000);
      if (attempt % 5 === 0)
        logger.warn(`${what}: the batch service is unreachable; retrying`, { attempt, inMs: wait });
      await delay(wait);
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
