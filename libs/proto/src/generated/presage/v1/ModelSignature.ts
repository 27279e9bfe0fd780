// Original file: protos/presage/v1/model_service.proto

import type { TensorSpec as _presage_v1_TensorSpec, TensorSpec__Output as _presage_v1_TensorSpec__Output } from '../../presage/v1/TensorSpec';

export interface ModelSignature {
  'inputs'?: (_presage_v1_TensorSpec)[];
  'outputs'?: (_presage_v1_TensorSpec)[];
}

export interface ModelSignature__Output {
  'inputs': (_presage_v1_TensorSpec__Output)[];
  'outputs': (_presage_v1_TensorSpec__Output)[];
}
