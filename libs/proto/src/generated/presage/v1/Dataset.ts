// Original file: protos/presage/v1/model_service.proto


export interface Dataset {
  'uri'?: (string);
  'digest'?: (string);
  'description'?: (string);
}

export interface Dataset__Output {
  'uri': (string);
  'digest': (string);
  'description': (string);
}
