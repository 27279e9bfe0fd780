import type { Knex } from '@presage/db';
import type { AsyncHandlers } from '@presage/grpc-kit';
import {
  decodePageToken,
  pageOf,
  pageSizeOf,
  parseVersionName,
  versionResourceName,
} from '@presage/resources';
import type { AutoscalingServiceHandlers, ScalingDecision } from '@presage/proto';
import { listDecisions } from '../store/decisions';
import type { DecisionRecord } from '../store/decisions';

/** presage.v1.AutoscalingService: a version's scaling decisions, newest first. */
export function createDecisionHandlers(knex: Knex): AsyncHandlers<AutoscalingServiceHandlers> {
  return {
    async ListScalingDecisions(request) {
      const parent = versionResourceName(parseVersionName(request.parent, 'parent'));
      const size = pageSizeOf(request.pageSize);
      const query = `decisions|${parent}`;
      const rows = await listDecisions(knex, parent, decodePageToken(request.pageToken, query), size + 1);
      const { page, nextPageToken } = pageOf(rows, size, query);
      return {
        scalingDecisions: page.map(decisionMessage),
        nextPageToken,
      };
    },
  };
}

function decisionMessage(record: DecisionRecord): ScalingDecision {
  const ms = record.time.getTime();
  const seconds = Math.floor(ms / 1000);
  return {
    name: `${record.version}/scalingDecisions/${record.id}`,
    time: { seconds: String(seconds), nanos: (ms - seconds * 1000) * 1_000_000 },
    readyReplicas: record.readyReplicas,
    previousReplicas: record.previousReplicas,
    desiredReplicas: record.desiredReplicas,
    mode: record.mode,
    stableConcurrency: record.stableConcurrency,
    panicConcurrency: record.panicConcurrency,
    targetConcurrency: record.targetConcurrency,
    minNodes: record.minNodes,
    maxNodes: record.maxNodes,
    reason: record.reason,
  };
}
