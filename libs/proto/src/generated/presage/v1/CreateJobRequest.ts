// Original file: protos/presage/v1/job_service.proto

import type { Job as _presage_v1_Job, Job__Output as _presage_v1_Job__Output } from '../../presage/v1/Job';

export interface CreateJobRequest {
  'parent'?: (string);
  'job'?: (_presage_v1_Job | null);
}

export interface CreateJobRequest__Output {
  'parent': (string);
  'job': (_presage_v1_Job__Output | null);
}
