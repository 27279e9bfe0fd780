// Original file: protos/presage/v1/access_service.proto


export interface DeleteApiKeyRequest {
  'name'?: (string);
}

export interface DeleteApiKeyRequest__Output {
  'name': (string);
}
