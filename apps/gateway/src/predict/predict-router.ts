import { ApiError, StatusCode } from '@presage/errors';
import type { Logger } from '@presage/log';
import type { ReplicaInfo, ReplicaTable } from './replica-table';
import type { VersionResolver } from './version-resolver';

/** The predictor's answer: an AI Platform body and its HTTP status. */
export interface PredictOutcome {
  httpStatus: number;
  body: Buffer;
  /** The replica that answered. */
  replica: string;
}

/** One replica's internal PredictorService/Predict. */
export type PredictorCall = (
  address: string,
  body: Buffer,
  deadlineMs: number,
) => Promise<{ body: Buffer; httpStatus: number }>;

export interface PredictRouterOptions {
  resolver: VersionResolver;
  replicas: ReplicaTable;
  callPredictor: PredictorCall;
  logger: Logger;
  /** Deadline of one predictor call when the caller sets none. @default 60_000 */
  deadlineMs?: number;
}

export interface PredictRouter {
  predict(name: string, body: Buffer, deadlineMs?: number): Promise<PredictOutcome>;
  /** Requests in flight per replica address, for the least-outstanding choice and for metrics. */
  outstanding(): ReadonlyMap<string, number>;
}

/** gRPC failures that mean the replica did not take the request, so another one may. */
const RETRYABLE = new Set<StatusCode>([StatusCode.UNAVAILABLE, StatusCode.CANCELLED]);

/**
 * Resolves the version, sends the raw body to its READY replica with the fewest requests in flight,
 * and retries once on another replica when the first could not take the request.
 */
export function createPredictRouter(options: PredictRouterOptions): PredictRouter {
  const outstanding = new Map<string, number>();
  let turn = 0;

  const choose = (ready: ReplicaInfo[], exclude: Set<string>): ReplicaInfo | undefined => {
    const candidates = ready.filter((r) => !exclude.has(r.address));
    if (candidates.length === 0) return undefined;
    const least = Math.min(...candidates.map((r) => outstanding.get(r.address) ?? 0));
    const tied = candidates.filter((r) => (outstanding.get(r.address) ?? 0) === least);
    turn = (turn + 1) % 1_000_000;
    return tied[turn % tied.length];
  };

  const send = async (replica: ReplicaInfo, body: Buffer, deadlineMs: number): Promise<PredictOutcome> => {
    outstanding.set(replica.address, (outstanding.get(replica.address) ?? 0) + 1);
    try {
      const answer = await options.callPredictor(replica.address, body, deadlineMs);
      return { httpStatus: answer.httpStatus || 200, body: answer.body, replica: replica.name };
    } finally {
      const left = (outstanding.get(replica.address) ?? 1) - 1;
      if (left > 0) outstanding.set(replica.address, left);
      else outstanding.delete(replica.address);
    }
  };

  return {
    outstanding: () => outstanding,
    async predict(name, body, deadlineMs = options.deadlineMs ?? 60_000) {
      const version = await options.resolver.resolve(name);
      const tried = new Set<string>();
      let lastError: ApiError | undefined;
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const ready = await options.replicas.readyReplicas(version.name);
        const replica = choose(ready, tried);
        if (!replica) break;
        tried.add(replica.address);
        try {
          return await send(replica, body, deadlineMs);
        } catch (error) {
          const apiError = ApiError.from(error);
          if (!RETRYABLE.has(apiError.code)) throw apiError;
          options.logger.warn('replica failed before answering', {
            replica: replica.name,
            code: apiError.status,
            attempt,
          });
          lastError = apiError;
        }
      }
      if (!lastError) {
        throw ApiError.unavailable(
          `The version "${version.name}" has no ready replica to serve the prediction; retry shortly.`,
          1000,
        );
      }
      throw ApiError.unavailable(
        `No replica of the version "${version.name}" could take the request (last: ${lastError.message}); retry shortly.`,
        1000,
        lastError,
      );
    },
  };
}
