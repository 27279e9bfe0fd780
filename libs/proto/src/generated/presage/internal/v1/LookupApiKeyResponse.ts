// Original file: protos/presage/internal/v1/access.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp';

export interface LookupApiKeyResponse {
  'name'?: (string);
  'member'?: (string);
  'expireTime'?: (_google_protobuf_Timestamp | null);
}

export interface LookupApiKeyResponse__Output {
  'name': (string);
  'member': (string);
  'expireTime': (_google_protobuf_Timestamp__Output | null);
}
