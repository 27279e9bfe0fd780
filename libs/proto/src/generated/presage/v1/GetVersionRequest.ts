// Original file: protos/presage/v1/model_service.proto


export interface GetVersionRequest {
  'name'?: (string);
}

export interface GetVersionRequest__Output {
  'name': (string);
}
