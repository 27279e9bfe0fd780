// Original file: protos/presage/internal/v1/deployment.proto


export interface ScaleVersionResponse {
  'replicas'?: (number);
}

export interface ScaleVersionResponse__Output {
  'replicas': (number);
}
