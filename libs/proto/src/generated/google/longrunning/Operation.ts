// Original file: node_modules/google-gax/build/protos/google/longrunning/operations.proto

import type { Any as _google_protobuf_Any, Any__Output as _google_protobuf_Any__Output } from '../../google/protobuf/Any';
import type { Status as _google_rpc_Status, Status__Output as _google_rpc_Status__Output } from '../../google/rpc/Status';

export interface Operation {
  'name'?: (string);
  'metadata'?: (_google_protobuf_Any | null);
  'done'?: (boolean);
  'error'?: (_google_rpc_Status | null);
  'response'?: (_google_protobuf_Any | null);
  'result'?: "error"|"response";
}

export interface Operation__Output {
  'name': (string);
  'metadata': (_google_protobuf_Any__Output | null);
  'done': (boolean);
  'error'?: (_google_rpc_Status__Output | null);
  'response'?: (_google_protobuf_Any__Output | null);
  'result'?: "error"|"response";
}
