// Original file: protos/presage/v1/model_service.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp';

// Original file: protos/presage/v1/model_service.proto

export const _presage_v1_DeploymentEvent_Type = {
  TYPE_UNSPECIFIED: 'TYPE_UNSPECIFIED',
  CREATED: 'CREATED',
  DEPLOYED: 'DEPLOYED',
  FAILED: 'FAILED',
  BECAME_DEFAULT: 'BECAME_DEFAULT',
  REPLACED_AS_DEFAULT: 'REPLACED_AS_DEFAULT',
  SCALED: 'SCALED',
  UPDATED: 'UPDATED',
  DELETION_REQUESTED: 'DELETION_REQUESTED',
  UNDEPLOYED: 'UNDEPLOYED',
  ALIAS_SET: 'ALIAS_SET',
  ALIAS_REMOVED: 'ALIAS_REMOVED',
  TRAFFIC_CHANGED: 'TRAFFIC_CHANGED',
  SHADOW_CHANGED: 'SHADOW_CHANGED',
  MONITORING_ALERT: 'MONITORING_ALERT',
} as const;

export type _presage_v1_DeploymentEvent_Type =
  | 'TYPE_UNSPECIFIED'
  | 0
  | 'CREATED'
  | 1
  | 'DEPLOYED'
  | 2
  | 'FAILED'
  | 3
  | 'BECAME_DEFAULT'
  | 4
  | 'REPLACED_AS_DEFAULT'
  | 5
  | 'SCALED'
  | 6
  | 'UPDATED'
  | 7
  | 'DELETION_REQUESTED'
  | 8
  | 'UNDEPLOYED'
  | 9
  | 'ALIAS_SET'
  | 10
  | 'ALIAS_REMOVED'
  | 11
  | 'TRAFFIC_CHANGED'
  | 12
  | 'SHADOW_CHANGED'
  | 13
  | 'MONITORING_ALERT'
  | 14

export type _presage_v1_DeploymentEvent_Type__Output = typeof _presage_v1_DeploymentEvent_Type[keyof typeof _presage_v1_DeploymentEvent_Type]

export interface DeploymentEvent {
  'name'?: (string);
  'type'?: (_presage_v1_DeploymentEvent_Type);
  'time'?: (_google_protobuf_Timestamp | null);
  'actor'?: (string);
  'message'?: (string);
  'replicas'?: (number);
}

export interface DeploymentEvent__Output {
  'name': (string);
  'type': (_presage_v1_DeploymentEvent_Type__Output);
  'time': (_google_protobuf_Timestamp__Output | null);
  'actor': (string);
  'message': (string);
  'replicas': (number);
}
