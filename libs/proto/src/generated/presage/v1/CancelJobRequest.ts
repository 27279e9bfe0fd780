// Original file: protos/presage/v1/job_service.proto


export interface CancelJobRequest {
  'name'?: (string);
}

export interface CancelJobRequest__Output {
  'name': (string);
}
