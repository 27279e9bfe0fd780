// Original file: protos/presage/v1/access_service.proto


export interface GetApiKeyRequest {
  'name'?: (string);
}

export interface GetApiKeyRequest__Output {
  'name': (string);
}
