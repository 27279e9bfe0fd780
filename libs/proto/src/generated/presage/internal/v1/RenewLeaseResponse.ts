// Original file: protos/presage/internal/v1/batch.proto

import type { Long } from '@grpc/proto-loader';

export interface RenewLeaseResponse {
  'leaseMs'?: (number | string | Long);
}

export interface RenewLeaseResponse__Output {
  'leaseMs': (string);
}
