// Original file: protos/presage/internal/v1/predictor.proto

import type { ModelSignature as _presage_v1_ModelSignature, ModelSignature__Output as _presage_v1_ModelSignature__Output } from '../../../presage/v1/ModelSignature';

export interface ModelInfo {
  'version'?: (string);
  'runtime'?: (string);
  'signature'?: (_presage_v1_ModelSignature | null);
  'loadSeconds'?: (number | string);
  'metricsAddress'?: (string);
}

export interface ModelInfo__Output {
  'version': (string);
  'runtime': (string);
  'signature': (_presage_v1_ModelSignature__Output | null);
  'loadSeconds': (number);
  'metricsAddress': (string);
}
