// Original file: protos/presage/v1/model_service.proto


export interface RequestLoggingConfig {
  'bigqueryTableName'?: (string);
  'samplingPercentage'?: (number | string);
}

export interface RequestLoggingConfig__Output {
  'bigqueryTableName': (string);
  'samplingPercentage': (number);
}
