// Original file: protos/presage/internal/v1/deployment.proto


export interface ListDeploymentTargetsRequest {
  'pageSize'?: (number);
  'pageToken'?: (string);
}

export interface ListDeploymentTargetsRequest__Output {
  'pageSize': (number);
  'pageToken': (string);
}
