// Original file: protos/presage/v1/model_service.proto

import type { Long } from '@grpc/proto-loader';

export interface TensorSpec {
  'name'?: (string);
  'dtype'?: (string);
  'shape'?: (number | string | Long)[];
}

export interface TensorSpec__Output {
  'name': (string);
  'dtype': (string);
  'shape': (string)[];
}
