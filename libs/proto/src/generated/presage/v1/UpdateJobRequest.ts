// Original file: protos/presage/v1/job_service.proto

import type { Job as _presage_v1_Job, Job__Output as _presage_v1_Job__Output } from '../../presage/v1/Job';
import type { FieldMask as _google_protobuf_FieldMask, FieldMask__Output as _google_protobuf_FieldMask__Output } from '../../google/protobuf/FieldMask';

export interface UpdateJobRequest {
  'name'?: (string);
  'job'?: (_presage_v1_Job | null);
  'updateMask'?: (_google_protobuf_FieldMask | null);
}

export interface UpdateJobRequest__Output {
  'name': (string);
  'job': (_presage_v1_Job__Output | null);
  'updateMask': (_google_protobuf_FieldMask__Output | null);
}
