// Original file: protos/presage/v1/model_service.proto

import type { Version as _presage_v1_Version, Version__Output as _presage_v1_Version__Output } from '../../presage/v1/Version';

export interface CreateVersionRequest {
  'parent'?: (string);
  'version'?: (_presage_v1_Version | null);
}

export interface CreateVersionRequest__Output {
  'parent': (string);
  'version': (_presage_v1_Version__Output | null);
}
