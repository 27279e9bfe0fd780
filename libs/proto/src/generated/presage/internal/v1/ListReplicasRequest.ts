// Original file: protos/presage/internal/v1/deployment.proto


export interface ListReplicasRequest {
  'version'?: (string);
}

export interface ListReplicasRequest__Output {
  'version': (string);
}
