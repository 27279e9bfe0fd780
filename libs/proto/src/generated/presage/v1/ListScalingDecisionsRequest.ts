// Original file: protos/presage/v1/autoscaling_service.proto


export interface ListScalingDecisionsRequest {
  'parent'?: (string);
  'pageSize'?: (number);
  'pageToken'?: (string);
}

export interface ListScalingDecisionsRequest__Output {
  'parent': (string);
  'pageSize': (number);
  'pageToken': (string);
}
