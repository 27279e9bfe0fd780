// Original file: protos/presage/v1/model_service.proto

import type { Version as _presage_v1_Version, Version__Output as _presage_v1_Version__Output } from '../../presage/v1/Version';
import type { FieldMask as _google_protobuf_FieldMask, FieldMask__Output as _google_protobuf_FieldMask__Output } from '../../google/protobuf/FieldMask';

export interface UpdateVersionRequest {
  'name'?: (string);
  'version'?: (_presage_v1_Version | null);
  'updateMask'?: (_google_protobuf_FieldMask | null);
}

export interface UpdateVersionRequest__Output {
  'name': (string);
  'version': (_presage_v1_Version__Output | null);
  'updateMask': (_google_protobuf_FieldMask__Output | null);
}
