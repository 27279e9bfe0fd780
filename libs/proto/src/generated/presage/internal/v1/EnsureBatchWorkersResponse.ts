// Original file: protos/presage/internal/v1/deployment.proto

import type { BatchWorker as _presage_internal_v1_BatchWorker, BatchWorker__Output as _presage_internal_v1_BatchWorker__Output } from '../../../presage/internal/v1/BatchWorker';

export interface EnsureBatchWorkersResponse {
  'workers'?: (_presage_internal_v1_BatchWorker)[];
  'error'?: (string);
}

export interface EnsureBatchWorkersResponse__Output {
  'workers': (_presage_internal_v1_BatchWorker__Output)[];
  'error': (string);
}
