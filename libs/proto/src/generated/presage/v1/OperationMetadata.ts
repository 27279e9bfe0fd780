// Original file: protos/presage/v1/operation_metadata.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp';
import type { Version as _presage_v1_Version, Version__Output as _presage_v1_Version__Output } from '../../presage/v1/Version';
import type { Long } from '@grpc/proto-loader';

// Original file: protos/presage/v1/operation_metadata.proto

export const _presage_v1_OperationMetadata_OperationType = {
  OPERATION_TYPE_UNSPECIFIED: 'OPERATION_TYPE_UNSPECIFIED',
  CREATE_VERSION: 'CREATE_VERSION',
  DELETE_VERSION: 'DELETE_VERSION',
  DELETE_MODEL: 'DELETE_MODEL',
  UPDATE_MODEL: 'UPDATE_MODEL',
  UPDATE_VERSION: 'UPDATE_VERSION',
  UPDATE_CONFIG: 'UPDATE_CONFIG',
} as const;

export type _presage_v1_OperationMetadata_OperationType =
  | 'OPERATION_TYPE_UNSPECIFIED'
  | 0
  | 'CREATE_VERSION'
  | 1
  | 'DELETE_VERSION'
  | 2
  | 'DELETE_MODEL'
  | 3
  | 'UPDATE_MODEL'
  | 4
  | 'UPDATE_VERSION'
  | 5
  | 'UPDATE_CONFIG'
  | 6

export type _presage_v1_OperationMetadata_OperationType__Output = typeof _presage_v1_OperationMetadata_OperationType[keyof typeof _presage_v1_OperationMetadata_OperationType]

export interface OperationMetadata {
  'createTime'?: (_google_protobuf_Timestamp | null);
  'startTime'?: (_google_protobuf_Timestamp | null);
  'endTime'?: (_google_protobuf_Timestamp | null);
  'isCancellationRequested'?: (boolean);
  'operationType'?: (_presage_v1_OperationMetadata_OperationType);
  'modelName'?: (string);
  'version'?: (_presage_v1_Version | null);
  'labels'?: ({[key: string]: string});
  'projectNumber'?: (number | string | Long);
}

export interface OperationMetadata__Output {
  'createTime': (_google_protobuf_Timestamp__Output | null);
  'startTime': (_google_protobuf_Timestamp__Output | null);
  'endTime': (_google_protobuf_Timestamp__Output | null);
  'isCancellationRequested': (boolean);
  'operationType': (_presage_v1_OperationMetadata_OperationType__Output);
  'modelName': (string);
  'version': (_presage_v1_Version__Output | null);
  'labels': ({[key: string]: string});
  'projectNumber': (string);
}
