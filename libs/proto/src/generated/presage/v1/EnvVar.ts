// Original file: protos/presage/v1/model_service.proto


export interface EnvVar {
  'name'?: (string);
  'value'?: (string);
}

export interface EnvVar__Output {
  'name': (string);
  'value': (string);
}
