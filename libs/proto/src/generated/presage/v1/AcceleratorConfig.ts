// Original file: protos/presage/v1/model_service.proto

import type { Long } from '@grpc/proto-loader';

export interface AcceleratorConfig {
  'count'?: (number | string | Long);
  'type'?: (string);
}

export interface AcceleratorConfig__Output {
  'count': (string);
  'type': (string);
}
