// Original file: protos/presage/v1/access_service.proto

import type { ApiKey as _presage_v1_ApiKey, ApiKey__Output as _presage_v1_ApiKey__Output } from '../../presage/v1/ApiKey';

export interface ListApiKeysResponse {
  'apiKeys'?: (_presage_v1_ApiKey)[];
  'nextPageToken'?: (string);
}

export interface ListApiKeysResponse__Output {
  'apiKeys': (_presage_v1_ApiKey__Output)[];
  'nextPageToken': (string);
}
