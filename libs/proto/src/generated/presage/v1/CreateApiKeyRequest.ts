// Original file: protos/presage/v1/access_service.proto

import type { ApiKey as _presage_v1_ApiKey, ApiKey__Output as _presage_v1_ApiKey__Output } from '../../presage/v1/ApiKey';

export interface CreateApiKeyRequest {
  'parent'?: (string);
  'apiKey'?: (_presage_v1_ApiKey | null);
}

export interface CreateApiKeyRequest__Output {
  'parent': (string);
  'apiKey': (_presage_v1_ApiKey__Output | null);
}
