// Original file: protos/presage/internal/v1/deployment.proto

import type { Replica as _presage_internal_v1_Replica, Replica__Output as _presage_internal_v1_Replica__Output } from '../../../presage/internal/v1/Replica';

export interface WatchReplicasResponse {
  'snapshot'?: (boolean);
  'more'?: (boolean);
  'replicas'?: (_presage_internal_v1_Replica)[];
  'removedReplicas'?: (string)[];
}

export interface WatchReplicasResponse__Output {
  'snapshot': (boolean);
  'more': (boolean);
  'replicas': (_presage_internal_v1_Replica__Output)[];
  'removedReplicas': (string)[];
}
