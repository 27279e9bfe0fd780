// Original file: protos/presage/internal/v1/batch.proto


export interface FailShardRequest {
  'job'?: (string);
  'claim'?: (string);
  'error'?: (string);
}

export interface FailShardRequest__Output {
  'job': (string);
  'claim': (string);
  'error': (string);
}
