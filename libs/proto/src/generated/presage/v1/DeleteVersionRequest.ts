// Original file: protos/presage/v1/model_service.proto


export interface DeleteVersionRequest {
  'name'?: (string);
}

export interface DeleteVersionRequest__Output {
  'name': (string);
}
