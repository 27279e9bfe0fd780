// Original file: protos/presage/internal/v1/deployment.proto

import type { BatchWorkerSpec as _presage_internal_v1_BatchWorkerSpec, BatchWorkerSpec__Output as _presage_internal_v1_BatchWorkerSpec__Output } from '../../../presage/internal/v1/BatchWorkerSpec';

export interface EnsureBatchWorkersRequest {
  'job'?: (string);
  'spec'?: (_presage_internal_v1_BatchWorkerSpec | null);
  'count'?: (number);
  'batchAddress'?: (string);
}

export interface EnsureBatchWorkersRequest__Output {
  'job': (string);
  'spec': (_presage_internal_v1_BatchWorkerSpec__Output | null);
  'count': (number);
  'batchAddress': (string);
}
