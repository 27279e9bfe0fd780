// Original file: protos/presage/v1/model_service.proto

import type { Model as _presage_v1_Model, Model__Output as _presage_v1_Model__Output } from '../../presage/v1/Model';

export interface CreateModelRequest {
  'parent'?: (string);
  'model'?: (_presage_v1_Model | null);
}

export interface CreateModelRequest__Output {
  'parent': (string);
  'model': (_presage_v1_Model__Output | null);
}
