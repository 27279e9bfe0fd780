// Original file: protos/presage/internal/v1/batch.proto

import type { Long } from '@grpc/proto-loader';

export interface RenewLeaseRequest {
  'job'?: (string);
  'claim'?: (string);
  'predictionCount'?: (number | string | Long);
  'errorCount'?: (number | string | Long);
}

export interface RenewLeaseRequest__Output {
  'job': (string);
  'claim': (string);
  'predictionCount': (string);
  'errorCount': (string);
}
