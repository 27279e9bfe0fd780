// Original file: protos/presage/v1/model_service.proto


export interface RouteMap {
  'predict'?: (string);
  'health'?: (string);
}

export interface RouteMap__Output {
  'predict': (string);
  'health': (string);
}
