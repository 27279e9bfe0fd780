// Original file: protos/presage/v1/model_service.proto

import type { Model as _presage_v1_Model, Model__Output as _presage_v1_Model__Output } from '../../presage/v1/Model';
import type { FieldMask as _google_protobuf_FieldMask, FieldMask__Output as _google_protobuf_FieldMask__Output } from '../../google/protobuf/FieldMask';

export interface UpdateModelRequest {
  'name'?: (string);
  'model'?: (_presage_v1_Model | null);
  'updateMask'?: (_google_protobuf_FieldMask | null);
}

export interface UpdateModelRequest__Output {
  'name': (string);
  'model': (_presage_v1_Model__Output | null);
  'updateMask': (_google_protobuf_FieldMask__Output | null);
}
