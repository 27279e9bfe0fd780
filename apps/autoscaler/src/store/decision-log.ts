import type { Knex } from '@presage/db';
import type { Logger } from '@presage/log';
import { insertDecisions, pruneDecisions } from './decisions';
import type { NewDecision } from './decisions';

export interface DecisionLogOptions {
  knex: Knex;
  logger: Logger;
  /** Decisions older than this are deleted. @default 7 days */
  maxAgeMs?: number;
  /** At most this many decisions are kept per version (the newest). @default 10_000 */
  keepPerVersion?: number;
  /** How often pruning runs (also once at start). @default 600_000 */
  pruneEveryMs?: number;
  /** Decisions held while the database is unreachable; the oldest go first beyond it. @default 10_000 */
  maxPending?: number;
}

/**
 * The history of scaling decisions, written behind the decisions: recording never waits for the
 * database (the gateway may be holding requests while a decision is taken), writes keep their order,
 * and a failed write is retried with the next one.
 */
export interface DecisionLog {
  record(decision: NewDecision): void;
  /** Resolves once everything recorded so far is written (or the database refused it). */
  flush(): Promise<void>;
  /** Stops pruning and flushes. */
  close(): Promise<void>;
}

const RETRY_MS = 1000;

export function createDecisionLog(options: DecisionLogOptions): DecisionLog {
  const logger = options.logger.child({ component: 'decision-log' });
  const maxPending = options.maxPending ?? 10_000;
  let pending: NewDecision[] = [];
  let writing: Promise<void> | undefined;
  let retryTimer: NodeJS.Timeout | undefined;

  const writeAll = async (): Promise<void> => {
    while (pending.length > 0) {
      const batch = pending.slice(0, 500);
      try {
        await insertDecisions(options.knex, batch);
        const written = new Set(batch);
        pending = pending.filter((d) => !written.has(d));
      } catch (error) {
        logger.warn('cannot store scaling decisions; retrying', { pending: pending.length, error });
        retryTimer ??= setTimeout(() => {
          retryTimer = undefined;
          void drain();
        }, RETRY_MS);
        retryTimer.unref();
        return;
      }
    }
  };

  const drain = (): Promise<void> => {
    writing ??= writeAll().finally(() => {
      writing = undefined;
      if (pending.length > 0 && !retryTimer) void drain();
    });
    return writing;
  };

  const prune = async () => {
    try {
      const deleted = await pruneDecisions(options.knex, {
        olderThan: new Date(Date.now() - (options.maxAgeMs ?? 7 * 86_400_000)),
        keepPerVersion: options.keepPerVersion ?? 10_000,
      });
      if (deleted > 0) logger.info('pruned old scaling decisions', { deleted });
    } catch (error) {
      logger.warn('pruning scaling decisions failed; trying again later', { error });
    }
  };
  let pruning = prune();
  const pruneTimer = setInterval(() => {
    pruning = prune();
  }, options.pruneEveryMs ?? 600_000);
  pruneTimer.unref();

  const flush = async (): Promise<void> => {
    // A write that fails leaves the batch pending: flush reports what it could do, it does not loop.
    await drain();
  };

  return {
    record(decision) {
      pending.push(decision);
      if (pending.length > maxPending) {
        const dropped = pending.splice(0, pending.length - maxPending);
        logger.error('dropping scaling decisions the database could not take', { dropped: dropped.length });
      }
      void drain();
    },
    flush,
    async close() {
      clearInterval(pruneTimer);
      clearTimeout(retryTimer);
      await pruning;
      await flush();
    },
  };
}
