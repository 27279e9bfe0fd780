// Original file: protos/presage/v1/model_service.proto


export interface ManualScaling {
  'nodes'?: (number);
}

export interface ManualScaling__Output {
  'nodes': (number);
}
