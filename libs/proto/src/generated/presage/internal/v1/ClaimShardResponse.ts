// Original file: protos/presage/internal/v1/batch.proto

import type { BatchShard as _presage_internal_v1_BatchShard, BatchShard__Output as _presage_internal_v1_BatchShard__Output } from '../../../presage/internal/v1/BatchShard';
import type { JobFinished as _presage_internal_v1_JobFinished, JobFinished__Output as _presage_internal_v1_JobFinished__Output } from '../../../presage/internal/v1/JobFinished';
import type { Long } from '@grpc/proto-loader';

export interface ClaimShardResponse {
  'shard'?: (_presage_internal_v1_BatchShard | null);
  'retryAfterMs'?: (number | string | Long);
  'finished'?: (_presage_internal_v1_JobFinished | null);
  'outcome'?: "shard"|"retryAfterMs"|"finished";
}

export interface ClaimShardResponse__Output {
  'shard'?: (_presage_internal_v1_BatchShard__Output | null);
  'retryAfterMs'?: (string);
  'finished'?: (_presage_internal_v1_JobFinished__Output | null);
  'outcome'?: "shard"|"retryAfterMs"|"finished";
}
