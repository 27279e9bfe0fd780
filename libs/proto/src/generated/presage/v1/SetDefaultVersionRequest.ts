// Original file: protos/presage/v1/model_service.proto


export interface SetDefaultVersionRequest {
  'name'?: (string);
}

export interface SetDefaultVersionRequest__Output {
  'name': (string);
}
