// Original file: protos/presage/internal/v1/access.proto


export interface LookupApiKeyRequest {
  'keySha256'?: (Buffer | Uint8Array | string);
}

export interface LookupApiKeyRequest__Output {
  'keySha256': (Buffer);
}
