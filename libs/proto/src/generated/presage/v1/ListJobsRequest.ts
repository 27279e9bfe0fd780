// Original file: protos/presage/v1/job_service.proto


export interface ListJobsRequest {
  'parent'?: (string);
  'filter'?: (string);
  'pageToken'?: (string);
  'pageSize'?: (number);
}

export interface ListJobsRequest__Output {
  'parent': (string);
  'filter': (string);
  'pageToken': (string);
  'pageSize': (number);
}
