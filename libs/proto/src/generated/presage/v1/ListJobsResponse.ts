// Original file: protos/presage/v1/job_service.proto

import type { Job as _presage_v1_Job, Job__Output as _presage_v1_Job__Output } from '../../presage/v1/Job';

export interface ListJobsResponse {
  'jobs'?: (_presage_v1_Job)[];
  'nextPageToken'?: (string);
}

export interface ListJobsResponse__Output {
  'jobs': (_presage_v1_Job__Output)[];
  'nextPageToken': (string);
}
