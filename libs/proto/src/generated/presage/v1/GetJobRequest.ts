// Original file: protos/presage/v1/job_service.proto


export interface GetJobRequest {
  'name'?: (string);
}

export interface GetJobRequest__Output {
  'name': (string);
}
