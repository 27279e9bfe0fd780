// Original file: protos/presage/v1/model_service.proto


export interface GetMonitoringStatsRequest {
  'name'?: (string);
  'pageSize'?: (number);
  'pageToken'?: (string);
}

export interface GetMonitoringStatsRequest__Output {
  'name': (string);
  'pageSize': (number);
  'pageToken': (string);
}
