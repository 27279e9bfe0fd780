// Original file: protos/presage/v1/access_service.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp';

export interface QuotaSettings {
  'name'?: (string);
  'predictionsPerMinute'?: (number);
  'concurrentBatchJobs'?: (number);
  'etag'?: (Buffer | Uint8Array | string);
  'updateTime'?: (_google_protobuf_Timestamp | null);
  'updatedBy'?: (string);
}

export interface QuotaSettings__Output {
  'name': (string);
  'predictionsPerMinute': (number);
  'concurrentBatchJobs': (number);
  'etag': (Buffer);
  'updateTime': (_google_protobuf_Timestamp__Output | null);
  'updatedBy': (string);
}
