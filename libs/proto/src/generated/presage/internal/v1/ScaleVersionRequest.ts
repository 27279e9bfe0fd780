// Original file: protos/presage/internal/v1/deployment.proto


export interface ScaleVersionRequest {
  'version'?: (string);
  'replicas'?: (number);
  'reason'?: (string);
}

export interface ScaleVersionRequest__Output {
  'version': (string);
  'replicas': (number);
  'reason': (string);
}
