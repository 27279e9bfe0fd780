// Original file: protos/presage/internal/v1/deployment.proto


// Original file: protos/presage/internal/v1/deployment.proto

export const _presage_internal_v1_Replica_State = {
  STATE_UNSPECIFIED: 'STATE_UNSPECIFIED',
  STARTING: 'STARTING',
  READY: 'READY',
  STOPPING: 'STOPPING',
} as const;

export type _presage_internal_v1_Replica_State =
  | 'STATE_UNSPECIFIED'
  | 0
  | 'STARTING'
  | 1
  | 'READY'
  | 2
  | 'STOPPING'
  | 3

export type _presage_internal_v1_Replica_State__Output = typeof _presage_internal_v1_Replica_State[keyof typeof _presage_internal_v1_Replica_State]

export interface Replica {
  'name'?: (string);
  'version'?: (string);
  'address'?: (string);
  'state'?: (_presage_internal_v1_Replica_State);
  'metricsAddress'?: (string);
}

export interface Replica__Output {
  'name': (string);
  'version': (string);
  'address': (string);
  'state': (_presage_internal_v1_Replica_State__Output);
  'metricsAddress': (string);
}
