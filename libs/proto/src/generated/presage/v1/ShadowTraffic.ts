// Original file: protos/presage/v1/model_service.proto


export interface ShadowTraffic {
  'version'?: (string);
  'percent'?: (number);
}

export interface ShadowTraffic__Output {
  'version': (string);
  'percent': (number);
}
