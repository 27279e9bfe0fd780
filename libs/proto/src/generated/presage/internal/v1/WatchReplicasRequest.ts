// Original file: protos/presage/internal/v1/deployment.proto


export interface WatchReplicasRequest {
  'version'?: (string);
}

export interface WatchReplicasRequest__Output {
  'version': (string);
}
