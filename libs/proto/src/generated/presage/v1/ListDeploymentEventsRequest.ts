// Original file: protos/presage/v1/model_service.proto


export interface ListDeploymentEventsRequest {
  'parent'?: (string);
  'pageSize'?: (number);
  'pageToken'?: (string);
}

export interface ListDeploymentEventsRequest__Output {
  'parent': (string);
  'pageSize': (number);
  'pageToken': (string);
}
