// Original file: protos/presage/internal/v1/batch.proto


export interface ClaimShardRequest {
  'job'?: (string);
  'worker'?: (string);
}

export interface ClaimShardRequest__Output {
  'job': (string);
  'worker': (string);
}
