// Original file: protos/presage/v1/model_service.proto


export interface ListVersionsRequest {
  'parent'?: (string);
  'pageToken'?: (string);
  'pageSize'?: (number);
  'filter'?: (string);
}

export interface ListVersionsRequest__Output {
  'parent': (string);
  'pageToken': (string);
  'pageSize': (number);
  'filter': (string);
}
