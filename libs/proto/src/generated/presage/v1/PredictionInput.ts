// Original file: protos/presage/v1/job_service.proto

import type { _presage_v1_Version_Framework, _presage_v1_Version_Framework__Output } from '../../presage/v1/Version';
import type { Long } from '@grpc/proto-loader';

// Original file: protos/presage/v1/job_service.proto

export const _presage_v1_PredictionInput_DataFormat = {
  DATA_FORMAT_UNSPECIFIED: 'DATA_FORMAT_UNSPECIFIED',
  TEXT: 'TEXT',
  TF_RECORD: 'TF_RECORD',
  TF_RECORD_GZIP: 'TF_RECORD_GZIP',
  JSON: 'JSON',
  FILE_LIST: 'FILE_LIST',
  CSV: 'CSV',
} as const;

export type _presage_v1_PredictionInput_DataFormat =
  | 'DATA_FORMAT_UNSPECIFIED'
  | 0
  | 'TEXT'
  | 1
  | 'TF_RECORD'
  | 2
  | 'TF_RECORD_GZIP'
  | 3
  | 'JSON'
  | 4
  | 'FILE_LIST'
  | 5
  | 'CSV'
  | 6

export type _presage_v1_PredictionInput_DataFormat__Output = typeof _presage_v1_PredictionInput_DataFormat[keyof typeof _presage_v1_PredictionInput_DataFormat]

export interface PredictionInput {
  'modelName'?: (string);
  'versionName'?: (string);
  'dataFormat'?: (_presage_v1_PredictionInput_DataFormat);
  'inputPaths'?: (string)[];
  'outputPath'?: (string);
  'maxWorkerCount'?: (number | string | Long);
  'region'?: (string);
  'runtimeVersion'?: (string);
  'uri'?: (string);
  'batchSize'?: (number | string | Long);
  'signatureName'?: (string);
  'outputDataFormat'?: (_presage_v1_PredictionInput_DataFormat);
  'framework'?: (_presage_v1_Version_Framework);
  'tagsOverride'?: (string)[];
  'workerType'?: (string);
  'initialWorkerCount'?: (number | string | Long);
  'modelVersion'?: "modelName"|"versionName"|"uri";
}

export interface PredictionInput__Output {
  'modelName'?: (string);
  'versionName'?: (string);
  'dataFormat': (_presage_v1_PredictionInput_DataFormat__Output);
  'inputPaths': (string)[];
  'outputPath': (string);
  'maxWorkerCount': (string);
  'region': (string);
  'runtimeVersion': (string);
  'uri'?: (string);
  'batchSize': (string);
  'signatureName': (string);
  'outputDataFormat': (_presage_v1_PredictionInput_DataFormat__Output);
  'framework': (_presage_v1_Version_Framework__Output);
  'tagsOverride': (string)[];
  'workerType': (string);
  'initialWorkerCount': (string);
  'modelVersion'?: "modelName"|"versionName"|"uri";
}
