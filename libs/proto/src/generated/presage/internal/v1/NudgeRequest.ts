// Original file: protos/presage/internal/v1/deployment.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp';

export interface NudgeRequest {
  'version'?: (string);
  'time'?: (_google_protobuf_Timestamp | null);
}

export interface NudgeRequest__Output {
  'version': (string);
  'time': (_google_protobuf_Timestamp__Output | null);
}
