// Original file: protos/presage/v1/job_service.proto

import type { Long } from '@grpc/proto-loader';

// Original file: protos/presage/v1/job_service.proto

export const _presage_v1_TrainingInput_ScaleTier = {
  BASIC: 'BASIC',
  STANDARD_1: 'STANDARD_1',
  PREMIUM_1: 'PREMIUM_1',
  BASIC_GPU: 'BASIC_GPU',
  CUSTOM: 'CUSTOM',
  BASIC_TPU: 'BASIC_TPU',
} as const;

export type _presage_v1_TrainingInput_ScaleTier =
  | 'BASIC'
  | 0
  | 'STANDARD_1'
  | 1
  | 'PREMIUM_1'
  | 3
  | 'BASIC_GPU'
  | 6
  | 'CUSTOM'
  | 5
  | 'BASIC_TPU'
  | 7

export type _presage_v1_TrainingInput_ScaleTier__Output = typeof _presage_v1_TrainingInput_ScaleTier[keyof typeof _presage_v1_TrainingInput_ScaleTier]

export interface TrainingInput {
  'scaleTier'?: (_presage_v1_TrainingInput_ScaleTier);
  'masterType'?: (string);
  'workerType'?: (string);
  'parameterServerType'?: (string);
  'workerCount'?: (number | string | Long);
  'parameterServerCount'?: (number | string | Long);
  'packageUris'?: (string)[];
  'pythonModule'?: (string);
  'args'?: (string)[];
  'region'?: (string);
  'runtimeVersion'?: (string);
  'jobDir'?: (string);
  'pythonVersion'?: (string);
}

export interface TrainingInput__Output {
  'scaleTier': (_presage_v1_TrainingInput_ScaleTier__Output);
  'masterType': (string);
  'workerType': (string);
  'parameterServerType': (string);
  'workerCount': (string);
  'parameterServerCount': (string);
  'packageUris': (string)[];
  'pythonModule': (string);
  'args': (string)[];
  'region': (string);
  'runtimeVersion': (string);
  'jobDir': (string);
  'pythonVersion': (string);
}
