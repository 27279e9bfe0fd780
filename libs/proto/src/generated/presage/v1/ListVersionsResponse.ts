// Original file: protos/presage/v1/model_service.proto

import type { Version as _presage_v1_Version, Version__Output as _presage_v1_Version__Output } from '../../presage/v1/Version';

export interface ListVersionsResponse {
  'versions'?: (_presage_v1_Version)[];
  'nextPageToken'?: (string);
}

export interface ListVersionsResponse__Output {
  'versions': (_presage_v1_Version__Output)[];
  'nextPageToken': (string);
}
