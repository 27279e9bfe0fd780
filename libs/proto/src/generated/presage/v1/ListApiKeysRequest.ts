// Original file: protos/presage/v1/access_service.proto


export interface ListApiKeysRequest {
  'parent'?: (string);
  'pageSize'?: (number);
  'pageToken'?: (string);
}

export interface ListApiKeysRequest__Output {
  'parent': (string);
  'pageSize': (number);
  'pageToken': (string);
}
