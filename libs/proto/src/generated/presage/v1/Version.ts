// Original file: protos/presage/v1/model_service.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp';
import type { ManualScaling as _presage_v1_ManualScaling, ManualScaling__Output as _presage_v1_ManualScaling__Output } from '../../presage/v1/ManualScaling';
import type { AutoScaling as _presage_v1_AutoScaling, AutoScaling__Output as _presage_v1_AutoScaling__Output } from '../../presage/v1/AutoScaling';
import type { AcceleratorConfig as _presage_v1_AcceleratorConfig, AcceleratorConfig__Output as _presage_v1_AcceleratorConfig__Output } from '../../presage/v1/AcceleratorConfig';
import type { RequestLoggingConfig as _presage_v1_RequestLoggingConfig, RequestLoggingConfig__Output as _presage_v1_RequestLoggingConfig__Output } from '../../presage/v1/RequestLoggingConfig';
import type { ContainerSpec as _presage_v1_ContainerSpec, ContainerSpec__Output as _presage_v1_ContainerSpec__Output } from '../../presage/v1/ContainerSpec';
import type { RouteMap as _presage_v1_RouteMap, RouteMap__Output as _presage_v1_RouteMap__Output } from '../../presage/v1/RouteMap';
import type { Lineage as _presage_v1_Lineage, Lineage__Output as _presage_v1_Lineage__Output } from '../../presage/v1/Lineage';
import type { ModelSignature as _presage_v1_ModelSignature, ModelSignature__Output as _presage_v1_ModelSignature__Output } from '../../presage/v1/ModelSignature';
import type { Batching as _presage_v1_Batching, Batching__Output as _presage_v1_Batching__Output } from '../../presage/v1/Batching';
import type { MonitoringConfig as _presage_v1_MonitoringConfig, MonitoringConfig__Output as _presage_v1_MonitoringConfig__Output } from '../../presage/v1/MonitoringConfig';

// Original file: protos/presage/v1/model_service.proto

export const _presage_v1_Version_Framework = {
  FRAMEWORK_UNSPECIFIED: 'FRAMEWORK_UNSPECIFIED',
  TENSORFLOW: 'TENSORFLOW',
  SCIKIT_LEARN: 'SCIKIT_LEARN',
  XGBOOST: 'XGBOOST',
  ONNX: 'ONNX',
} as const;

export type _presage_v1_Version_Framework =
  | 'FRAMEWORK_UNSPECIFIED'
  | 0
  | 'TENSORFLOW'
  | 1
  | 'SCIKIT_LEARN'
  | 2
  | 'XGBOOST'
  | 3
  | 'ONNX'
  | 10

export type _presage_v1_Version_Framework__Output = typeof _presage_v1_Version_Framework[keyof typeof _presage_v1_Version_Framework]

// Original file: protos/presage/v1/model_service.proto

export const _presage_v1_Version_State = {
  UNKNOWN: 'UNKNOWN',
  READY: 'READY',
  CREATING: 'CREATING',
  FAILED: 'FAILED',
  DELETING: 'DELETING',
  UPDATING: 'UPDATING',
} as const;

export type _presage_v1_Version_State =
  | 'UNKNOWN'
  | 0
  | 'READY'
  | 1
  | 'CREATING'
  | 2
  | 'FAILED'
  | 3
  | 'DELETING'
  | 4
  | 'UPDATING'
  | 5

export type _presage_v1_Version_State__Output = typeof _presage_v1_Version_State[keyof typeof _presage_v1_Version_State]

export interface Version {
  'name'?: (string);
  'description'?: (string);
  'isDefault'?: (boolean);
  'deploymentUri'?: (string);
  'createTime'?: (_google_protobuf_Timestamp | null);
  'lastUseTime'?: (_google_protobuf_Timestamp | null);
  'runtimeVersion'?: (string);
  'manualScaling'?: (_presage_v1_ManualScaling | null);
  'autoScaling'?: (_presage_v1_AutoScaling | null);
  'state'?: (_presage_v1_Version_State);
  'errorMessage'?: (string);
  'framework'?: (_presage_v1_Version_Framework);
  'pythonVersion'?: (string);
  'machineType'?: (string);
  'acceleratorConfig'?: (_presage_v1_AcceleratorConfig | null);
  'predictionClass'?: (string);
  'packageUris'?: (string)[];
  'labels'?: ({[key: string]: string});
  'etag'?: (Buffer | Uint8Array | string);
  'serviceAccount'?: (string);
  'requestLoggingConfig'?: (_presage_v1_RequestLoggingConfig | null);
  'container'?: (_presage_v1_ContainerSpec | null);
  'routes'?: (_presage_v1_RouteMap | null);
  'lineage'?: (_presage_v1_Lineage | null);
  'signature'?: (_presage_v1_ModelSignature | null);
  'updateTime'?: (_google_protobuf_Timestamp | null);
  'batching'?: (_presage_v1_Batching | null);
  'monitoringConfig'?: (_presage_v1_MonitoringConfig | null);
}

export interface Version__Output {
  'name': (string);
  'description': (string);
  'isDefault': (boolean);
  'deploymentUri': (string);
  'createTime': (_google_protobuf_Timestamp__Output | null);
  'lastUseTime': (_google_protobuf_Timestamp__Output | null);
  'runtimeVersion': (string);
  'manualScaling': (_presage_v1_ManualScaling__Output | null);
  'autoScaling': (_presage_v1_AutoScaling__Output | null);
  'state': (_presage_v1_Version_State__Output);
  'errorMessage': (string);
  'framework': (_presage_v1_Version_Framework__Output);
  'pythonVersion': (string);
  'machineType': (string);
  'acceleratorConfig': (_presage_v1_AcceleratorConfig__Output | null);
  'predictionClass': (string);
  'packageUris': (string)[];
  'labels': ({[key: string]: string});
  'etag': (Buffer);
  'serviceAccount': (string);
  'requestLoggingConfig': (_presage_v1_RequestLoggingConfig__Output | null);
  'container': (_presage_v1_ContainerSpec__Output | null);
  'routes': (_presage_v1_RouteMap__Output | null);
  'lineage': (_presage_v1_Lineage__Output | null);
  'signature': (_presage_v1_ModelSignature__Output | null);
  'updateTime': (_google_protobuf_Timestamp__Output | null);
  'batching': (_presage_v1_Batching__Output | null);
  'monitoringConfig': (_presage_v1_MonitoringConfig__Output | null);
}
