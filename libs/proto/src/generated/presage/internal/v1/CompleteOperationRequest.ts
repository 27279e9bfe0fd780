// Original file: protos/presage/internal/v1/deployment.proto

import type { Status as _google_rpc_Status, Status__Output as _google_rpc_Status__Output } from '../../../google/rpc/Status';

export interface CompleteOperationRequest {
  'name'?: (string);
  'error'?: (_google_rpc_Status | null);
}

export interface CompleteOperationRequest__Output {
  'name': (string);
  'error': (_google_rpc_Status__Output | null);
}
