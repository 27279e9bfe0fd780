// Original file: protos/presage/v1/model_service.proto


export interface ListModelsRequest {
  'parent'?: (string);
  'pageToken'?: (string);
  'pageSize'?: (number);
  'filter'?: (string);
}

export interface ListModelsRequest__Output {
  'parent': (string);
  'pageToken': (string);
  'pageSize': (number);
  'filter': (string);
}
