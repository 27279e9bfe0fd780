// Original file: protos/presage/internal/v1/deployment.proto


export interface StopBatchWorkersRequest {
  'job'?: (string);
}

export interface StopBatchWorkersRequest__Output {
  'job': (string);
}
